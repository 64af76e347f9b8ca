"""Identity: register every request for a reporter's identity, open one only as head of unit.

§ 24a stk. 2: the committee is told of every request for identifying
information, whatever is decided, and never whose identity it is. Opening a
confidential reporter's identity needs the head of unit (who alone holds the custodian
key), a reason from a fixed list, and leaves an audit entry and a committee notice.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy.orm import Session

import policies

from ..errors import PermissionDeniedError
from ..models import IdentityRequest, Staff
from ..models.staff import Role
from . import audit, casefile
from .casefile import load_case
from .keyring import UnlockedKeys
from .workflow import queue_notice


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


def register_identity_request(
    session: Session,
    staff: Staff,
    case_id: str,
    *,
    requester: RequesterKind,
    basis: IdentityReason,
    decision: RequestDecision,
    today: dt.date,
) -> IdentityRequest:
    """Register a request for identifying information and queue the committee notice."""
    if staff.role not in (Role.CASEWORKER, Role.HEAD):
        raise PermissionDeniedError("this role cannot act on cases")
    case = load_case(session, case_id)
    row = IdentityRequest(
        case_id=case.id,
        requester_kind=str(requester),
        basis=str(basis),
        decision=str(decision),
        day=today,
        staff_id=staff.id,
    )
    session.add(row)
    session.flush()
    queue_notice(session, case, "identity_request", _par(), str(basis), today)
    audit.record_action(
        session,
        staff.id,
        "identity.request_registered",
        today,
        case_id=case.id,
        detail={"requester": str(requester), "basis": str(basis), "decision": str(decision)},
    )
    return row


def open_identity(
    session: Session,
    keys: UnlockedKeys | None,
    staff: Staff,
    case_id: str,
    *,
    reason: IdentityReason,
    today: dt.date,
) -> dict[str, str]:
    """Open a confidential reporter's identity: head of unit only, audited and notified."""
    if staff.role != Role.HEAD:
        raise PermissionDeniedError("only the head of unit can open an identity")
    identity = casefile.open_identity(
        session,
        keys,
        case_id,
        staff_id=staff.id,
        role=staff.role,
        reason_code=str(reason),
        today=today,
    )
    case = load_case(session, case_id)
    session.add(
        IdentityRequest(
            case_id=case.id,
            requester_kind="unit",
            basis=str(reason),
            decision="opened",
            day=today,
            staff_id=staff.id,
        )
    )
    queue_notice(session, case, "identity_opened", _par(), str(reason), today)
    return identity
