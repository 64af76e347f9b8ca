"""Acknowledge a report (whistleblowerloven § 12, stk. 2, nr. 1) and send feedback (nr. 3)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

import policies
from policies import DeadlineKind

from ..errors import Refused, WorkflowError
from ..storage import FileStore
from . import audit, deadlines, letters
from .casefile import add_unit_message, load_case
from .keyring import UnlockedKeys
from .matters import sync_case_status


def acknowledge_case(
    session: Session,
    file_store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    *,
    staff_id: str,
    employee: bool,
    personal: str = "",
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> int:
    """Send the acknowledgement from the template; feedback becomes due 3 months from today."""
    case = load_case(session, case_id)
    if case.acknowledged is not None:
        raise WorkflowError("the case is already acknowledged", code=Refused.ALREADY_ACKNOWLEDGED)
    feedback = policies.feedback_deadline(today, settings)
    text = letters.acknowledgement_text(
        feedback_due=feedback.due, employee=employee, personal=personal
    )
    seq = add_unit_message(session, file_store, keys, case.id, text, staff_id=staff_id, today=today)
    case.acknowledged = today
    case.feedback_due = feedback.due
    deadlines.complete(
        session, case, (DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.PROVISIONAL_FEEDBACK), today
    )
    deadlines.add_policy_deadline(session, case, feedback, recipient="reporter")
    sync_case_status(case)
    audit.record_action(
        session,
        staff_id,
        "case.acknowledged",
        today,
        case_id=case.id,
        detail={"union_info": employee},
    )
    return seq


def send_feedback(
    session: Session,
    file_store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
) -> int:
    """Send feedback on status or outcome (Whistleblower Act; § 24b stk. 1; § 24c stk. 1)."""
    case = load_case(session, case_id)
    if not text.strip():
        raise WorkflowError("write the feedback", code=Refused.FEEDBACK_EMPTY)
    seq = add_unit_message(session, file_store, keys, case.id, text, staff_id=staff_id, today=today)
    deadlines.complete(session, case, policies.FEEDBACK_KINDS, today)
    audit.record_action(session, staff_id, "case.feedback_sent", today, case_id=case.id)
    return seq
