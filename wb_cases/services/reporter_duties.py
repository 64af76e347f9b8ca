"""Duties towards the reporter in the back office: impossibility, closing, input after closing.

§ 24b, stk. 1 ("om muligt"): a duty the unit cannot carry out because there is no way back
to the reporter is recorded as impossible, with a reason code and the staff's own words as
an encrypted note; it stops counting as due. A case closes only when no feedback is owed
(policies.check_closing); what is still open then *lapses* and is never marked done. A
reporter who writes to a closed case flags it (services/followup.py) and staff reopen it
or keep it closed here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

import policies

from ..errors import NotFoundError, Refused, WbError
from ..models import Case, Deadline
from . import audit, deadlines
from .casefile import add_note, load_case
from .keyring import UnlockedKeys
from .matters import sync_case_status


class ReporterDutyError(WbError):
    """The act does not fit the duty or the case as it stands (shown as a form error)."""


def record_impossibility(
    session: Session,
    keys: UnlockedKeys | None,
    deadline_id: int,
    *,
    reason: policies.NoWayBack,
    text: str,
    staff_id: str,
    today: dt.date,
) -> Deadline:
    """§ 24b, stk. 1: record that a duty towards the reporter cannot be carried out."""
    row = session.get(Deadline, deadline_id)
    if row is None or row.case.purged is not None:
        raise NotFoundError("no such deadline")
    if row.done is not None or row.lapsed is not None or row.impossible is not None:
        raise ReporterDutyError("the duty is no longer open", code=Refused.DUTY_NOT_OPEN)
    paragraph = policies.check_impossibility(row.kind, reason)
    if not text.strip():
        raise ReporterDutyError(
            "write why the reporter cannot be reached", code=Refused.NO_WAY_BACK_REASON
        )
    row.impossible = str(reason)
    add_note(
        session, keys, row.case_id, text.strip(), staff_id=staff_id, today=today, kind="impossible"
    )
    deadlines.refresh_next_due(session, row.case)
    audit.record_action(
        session,
        staff_id,
        "deadline.impossible",
        today,
        case_id=row.case_id,
        detail={"deadline": row.id, "kind": row.kind, "reason": str(reason), "par": str(paragraph)},
    )
    return row


def close_open_duties(session: Session, case: Case, today: dt.date) -> tuple[str, ...]:
    """§ 24b, stk. 1: refuse while feedback is owed (PolicyViolation); let the rest lapse."""
    rows = deadlines.open_deadlines(session, case)
    check = policies.check_closing(
        policies.OpenDuty(row.kind, impossible=row.impossible is not None) for row in rows
    )
    for row in rows:
        if row.impossible is None:
            row.lapsed = today
    deadlines.refresh_next_due(session, case)
    return check.lapsed


def reopen_case(
    session: Session,
    case_id: str,
    *,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> None:
    """Reopen a closed case the reporter wrote to: the reporter is owed feedback again
    (whistleblowerloven § 12, stk. 2, nr. 3), counted from today."""
    case = load_case(session, case_id)
    if case.closed is None:
        raise ReporterDutyError("the case is not closed", code=Refused.CASE_NOT_CLOSED)
    case.closed = None
    case.input_after_closing = None
    feedback = policies.feedback_deadline(today, settings)
    case.feedback_due = feedback.due
    deadlines.add_policy_deadline(session, case, feedback, started=today, recipient="reporter")
    sync_case_status(case)  # its matters stay closed; staff split new ones as needed
    audit.record_action(session, staff_id, "case.reopened", today, case_id=case.id)


def keep_closed(session: Session, case_id: str, *, staff_id: str, today: dt.date) -> None:
    """Staff read the reporter's input and keep the case closed (the flag goes)."""
    case = load_case(session, case_id)
    if case.input_after_closing is None:
        raise ReporterDutyError(
            "the reporter has not written since the case closed",
            code=Refused.NO_INPUT_AFTER_CLOSING,
        )
    case.input_after_closing = None
    audit.record_action(session, staff_id, "case.kept_closed", today, case_id=case.id)
