"""Identity: register every request for a reporter's identity, open one only as head of unit.

§ 24a stk. 2 (001:3773-3775): the committee is told of every request for identifying
information, whatever is decided, and never whose identity it is. Opening a
confidential reporter's identity needs the head of unit (who alone holds the custodian
key), a reason from a fixed list, and leaves an audit entry and a committee notice.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum

from sqlalchemy.orm import Session

import crypto
import policies

from ..errors import NotFoundError, PermissionDeniedError
from ..models import IdentityRequest, Staff
from ..models.staff import Role
from . import audit, contexts
from .casefile import load_case
from .keyring import UnlockedKeys
from .notices import queue_notice


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


def _par() -> str:
    return policies.paragraph("§ 24a, stk. 2").cite()


def _acting_member(session: Session, staff_id: str, roles: tuple[Role, ...]) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or staff.role not in roles:
        raise PermissionDeniedError("this role cannot do this")
    return staff


def register_identity_request(
    session: Session,
    case_id: str,
    *,
    staff_id: str,
    requester: RequesterKind,
    basis: IdentityReason,
    decision: RequestDecision,
    today: dt.date,
) -> IdentityRequest:
    """Register a request for identifying information and queue the committee notice."""
    _acting_member(session, staff_id, (Role.CASEWORKER, Role.HEAD))
    case = load_case(session, case_id)
    row = IdentityRequest(
        case_id=case.id,
        requester_kind=str(requester),
        basis=str(basis),
        decision=str(decision),
        day=today,
        staff_id=staff_id,
    )
    session.add(row)
    session.flush()
    queue_notice(session, case, "identity_request", _par(), str(basis), today)
    audit.record_action(
        session,
        staff_id,
        "identity.request_registered",
        today,
        case_id=case.id,
        detail={"requester": str(requester), "basis": str(basis), "decision": str(decision)},
    )
    return row


def open_identity(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    *,
    staff_id: str,
    reason: IdentityReason,
    today: dt.date,
) -> dict[str, str]:
    """Open a confidential reporter's identity (§ 24a, stk. 2): the head of unit only, who
    alone holds the custodian key; registered as a request, audited, and the committee told.
    """
    _acting_member(session, staff_id, (Role.HEAD,))
    if keys is None or keys.custodian_private is None:
        raise PermissionDeniedError("only the head of unit can open an identity")
    case = load_case(session, case_id)
    if case.identity_sealed is None:
        raise NotFoundError("this case has no sealed identity")
    identity = json.loads(
        crypto.open_sealed(keys.custodian_private, case.identity_sealed, contexts.identity(case.id))
    )
    audit.record_action(
        session, staff_id, "identity.opened", today, case_id=case.id, detail={"reason": str(reason)}
    )
    session.add(
        IdentityRequest(
            case_id=case.id,
            requester_kind="unit",
            basis=str(reason),
            decision="opened",
            day=today,
            staff_id=staff_id,
        )
    )
    queue_notice(session, case, "identity_opened", _par(), str(reason), today)
    return {"name": identity["name"], "contact": identity["contact"]}
