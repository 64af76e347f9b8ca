"""§ 24b, stk. 3: reporting had significant negative consequences for an employee; the
directorate (or the mayor) is told as soon as possible."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

import policies
from policies import DeadlineKind

from ..errors import Refused, WorkflowError
from ..models import Deadline
from . import audit, deadlines
from .casefile import load_case


def flag_retaliation(
    session: Session,
    case_id: str,
    *,
    to_mayor: bool,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> Deadline:
    """Information suggests reporting had significant negative consequences for an employee:
    the directorate (or the mayor) must be told as soon as possible."""
    case = load_case(session, case_id)
    case.retaliation = True
    due = policies.as_soon_as_possible_deadline(
        today, policies.paragraph("§ 24b, stk. 3"), settings
    )
    row = deadlines.add_policy_deadline(
        session,
        case,
        due,
        kind=DeadlineKind.RETALIATION_NOTICE,
        started=today,
        recipient="mayor" if to_mayor else "directorate",
    )
    audit.record_action(session, staff_id, "case.retaliation_flagged", today, case_id=case.id)
    return row


def record_retaliation_notice(
    session: Session, case_id: str, *, staff_id: str, today: dt.date
) -> None:
    """The § 24b stk. 3 notice went to the directorate or mayor."""
    case = load_case(session, case_id)
    if not deadlines.complete(session, case, (DeadlineKind.RETALIATION_NOTICE,), today):
        raise WorkflowError("no retaliation notice is pending", code=Refused.NO_RETALIATION_NOTICE)
    audit.record_action(session, staff_id, "case.retaliation_notified", today, case_id=case.id)
