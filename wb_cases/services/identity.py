"""Identity: register every request for identifying information; open one only as head.

§ 24a, stk. 2: the committee is told of every request for information identifying a
*reporter*, whatever is decided, and never whose identity it is; a request about a person
reported on is registered only. Opening a confidential reporter's identity needs the head
of unit (who alone holds the custodian key), a reason from a fixed list and a written
justification (an encrypted note); with the four-eyes option a second head approves
first. Before the identity leaves the unit the reporter is told, or the reason it would
jeopardise the investigation is recorded (Whistleblower Act § 26, stk. 3). Every opening
leaves an audit entry and a committee notice that says only that it happened.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum

from sqlalchemy.orm import Session

import crypto
import policies

from ..errors import NotFoundError, PermissionDeniedError
from ..models import Case, IdentityRequest
from ..models.staff import Role
from . import audit, contexts
from .casefile import add_note, load_case, staff_key_for_staff
from .keyring import UnlockedKeys
from .notices import queue_notice
from .staff import acting_member


class IdentityReason(StrEnum):
    """Why an identity is opened, in general terms (what the committee is told)."""

    ACCESS_TO_DOCUMENTS = "access_to_documents"  # aktindsigt
    HEARING_OF_PARTIES = "hearing_of_parties"  # partshøring
    DATA_SUBJECT_ACCESS = "data_subject_access"  # indsigtsret
    POLICE_OR_COURT = "police_or_court"
    REPORTER_CONSENT = "reporter_consent"
    CONTACT_THE_REPORTER = "contact_the_reporter"


class RequesterKind(StrEnum):
    ADMINISTRATION = "administration"
    PERSON_REPORTED_ON = "person_reported_on"
    POLICE = "police"
    ACCESS_TO_DOCUMENTS = "access_to_documents"
    OTHER = "other"


class RequestDecision(StrEnum):
    REFUSED = "refused"
    GRANTED = "granted"
    PENDING = "pending"


class OpeningState(StrEnum):
    """Where the unit's own request to open an identity stands."""

    AWAITING_APPROVAL = "needs_approval"  # four eyes: a second head approves (String(16))
    APPROVED = "approved"
    OPENED = "opened"


def _par() -> str:
    return policies.paragraph("§ 24a, stk. 2").cite()


def register_identity_request(
    session: Session,
    case_id: str,
    *,
    staff_id: str,
    requester: RequesterKind,
    basis: IdentityReason,
    decision: RequestDecision,
    today: dt.date,
    subject: policies.IdentitySubject = policies.IdentitySubject.REPORTER,
) -> IdentityRequest:
    """Register a request for identifying information; a request about the reporter queues
    the committee notice (§ 24a, stk. 2), which says only that a request came."""
    acting_member(session, staff_id, (Role.CASEWORKER, Role.HEAD))
    case = load_case(session, case_id)
    row = IdentityRequest(
        case_id=case.id,
        requester_kind=str(requester),
        basis=str(basis),
        decision=str(decision),
        day=today,
        staff_id=staff_id,
        subject=str(subject),
    )
    session.add(row)
    session.flush()
    for fu in policies.identity_request_follow_ups(subject):
        queue_notice(session, case, str(fu.kind), str(fu.paragraph), "", today)
    audit.record_action(
        session,
        staff_id,
        "identity.request_registered",
        today,
        case_id=case.id,
        detail={
            "requester": str(requester),
            "basis": str(basis),
            "decision": str(decision),
            "subject": str(subject),
        },
    )
    return row


def request_opening(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    *,
    staff_id: str,
    reason: IdentityReason,
    justification: str,
    today: dt.date,
    options: policies.UnitOptions,
    outside_unit: bool = False,
    reporter_told: bool = False,
    withheld_reason: str = "",
) -> IdentityRequest:
    """Ask to open the reporter's identity: a written justification (§ 24a, stk. 2); for a
    disclosure outside the unit, the reporter told first or the reason recorded
    (whistleblowerloven § 26, stk. 3). With four eyes it waits for a second head."""
    acting_member(session, staff_id, (Role.HEAD,))
    policies.check_justification(justification)
    if outside_unit:
        policies.check_disclosure(reporter_told=reporter_told, withheld_reason=withheld_reason)
    case = load_case(session, case_id)
    if case.identity_sealed is None:
        raise NotFoundError("this case has no sealed identity")
    note = add_note(
        session,
        keys,
        case.id,
        justification.strip(),
        staff_id=staff_id,
        today=today,
        kind="identity_justification",
    )
    if outside_unit and not reporter_told:
        add_note(
            session,
            keys,
            case.id,
            withheld_reason.strip(),
            staff_id=staff_id,
            today=today,
            kind="disclosure_withheld",
        )
    waits = policies.needs_second_head(options)
    row = IdentityRequest(
        case_id=case.id,
        requester_kind="unit",
        basis=str(reason),
        decision=str(OpeningState.AWAITING_APPROVAL if waits else OpeningState.APPROVED),
        day=today,
        staff_id=staff_id,
        subject=str(policies.IdentitySubject.REPORTER),
        justification_note=note,
        reporter_told=reporter_told if outside_unit else None,
    )
    session.add(row)
    session.flush()
    audit.record_action(
        session,
        staff_id,
        "identity.opening_requested",
        today,
        case_id=case.id,
        detail={"request": row.id, "reason": str(reason), "four_eyes": waits},
    )
    return row


def _opening(session: Session, request_id: int) -> IdentityRequest:
    row = session.get(IdentityRequest, request_id)
    if row is None or row.requester_kind != "unit":
        raise NotFoundError("no such request to open an identity")
    load_case(session, row.case_id)  # a purged case has no identity to open
    return row


def approve_opening(session: Session, request_id: int, *, staff_id: str, today: dt.date) -> None:
    """Four eyes (§ 24a, stk. 2): another head of unit than the one who asked approves."""
    acting_member(session, staff_id, (Role.HEAD,))
    row = _opening(session, request_id)
    if row.decision != OpeningState.AWAITING_APPROVAL:
        raise PermissionDeniedError("the request is not waiting for approval")
    if row.staff_id == staff_id:
        raise policies.PolicyViolation(
            policies.paragraph("§ 24a, stk. 2"),
            "the second approval must come from another head of unit",
            code=policies.Refusal.SECOND_APPROVAL_SAME_HEAD,
        )
    row.approved_by, row.approved = staff_id, today
    row.decision = str(OpeningState.APPROVED)
    audit.record_action(
        session,
        staff_id,
        "identity.opening_approved",
        today,
        case_id=row.case_id,
        detail={"request": row.id},
    )


def open_identity(
    session: Session,
    keys: UnlockedKeys | None,
    request_id: int,
    *,
    staff_id: str,
    today: dt.date,
    options: policies.UnitOptions,
) -> dict[str, str]:
    """Open a confidential reporter's identity on a request (§ 24a, stk. 2): the head of unit
    only, who alone holds the custodian key; the written justification and, with four eyes,
    a second head's approval are checked; audited, and the committee told that it happened.
    """
    acting_member(session, staff_id, (Role.HEAD,))
    if keys is None or keys.custodian_private is None:
        raise PermissionDeniedError("only the head of unit can open an identity")
    row = _opening(session, request_id)
    if row.decision == OpeningState.OPENED:
        raise PermissionDeniedError("the identity was opened on this request already")
    case = load_case(session, row.case_id)
    policies.check_opening(
        _justification(case, keys, row),
        requested_by=row.staff_id or "",
        approved_by=row.approved_by,
        options=options,
    )
    if case.identity_sealed is None:
        raise NotFoundError("this case has no sealed identity")
    identity = json.loads(
        crypto.open_sealed(keys.custodian_private, case.identity_sealed, contexts.identity(case.id))
    )
    audit.record_action(
        session, staff_id, "identity.opened", today, case_id=case.id, detail={"reason": row.basis}
    )
    row.decision = str(OpeningState.OPENED)
    queue_notice(session, case, "identity_opened", _par(), "", today)
    return {"name": identity["name"], "contact": identity["contact"]}


def _justification(case: Case, keys: UnlockedKeys | None, row: IdentityRequest) -> str:
    note = next((n for n in case.notes if n.seq == row.justification_note), None)
    if note is None:
        return ""
    staff_key = staff_key_for_staff(case, keys)
    return crypto.decrypt(staff_key, note.body, contexts.note_body(case.id, note.seq)).decode()
