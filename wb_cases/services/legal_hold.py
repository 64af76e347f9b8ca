"""Legal hold: a held case is never purged, whatever its retention.

Set and lifted by staff with a reason code from a fixed list (plain, never free text);
both acts are audited.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy.orm import Session

from ..errors import NotFoundError, Refused, WbError
from ..models import Case
from . import audit


class HoldReason(StrEnum):
    LITIGATION = "litigation"  # a lawsuit or a claim is pending or expected
    POLICE = "police"  # a police investigation or prosecution
    AUTHORITY = "authority"  # the Ombudsman, the Data Protection Agency or another authority
    ACCESS_REQUEST = "access_request"  # an access-to-documents request or its appeal
    AUDIT = "audit"  # an audit or the committee asks to keep it
    RELATED_CASE = "related_case"  # a related report is still being handled


class LegalHoldError(WbError):
    """The case is already held, or not held."""


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.purged is not None:
        raise NotFoundError("no such case")
    return case


def set_legal_hold(
    session: Session, case_id: str, reason: HoldReason, *, staff_id: str, today: dt.date
) -> None:
    """Hold a case: `wb purge` skips it until the hold is lifted."""
    case = _case(session, case_id)
    if case.legal_hold:
        raise LegalHoldError("the case is already held", code=Refused.ALREADY_HELD)
    case.legal_hold, case.legal_hold_reason = True, str(reason)
    session.flush()
    audit.record_action(
        session,
        staff_id,
        "case.legal_hold_set",
        today,
        case_id=case.id,
        detail={"reason": str(reason)},
    )


def lift_legal_hold(session: Session, case_id: str, *, staff_id: str, today: dt.date) -> None:
    """Lift the hold; retention applies again from the next purge."""
    case = _case(session, case_id)
    if not case.legal_hold:
        raise LegalHoldError("the case is not held", code=Refused.NOT_HELD)
    reason = case.legal_hold_reason
    case.legal_hold, case.legal_hold_reason = False, None
    session.flush()
    audit.record_action(
        session,
        staff_id,
        "case.legal_hold_lifted",
        today,
        case_id=case.id,
        detail={"reason": reason},
    )
