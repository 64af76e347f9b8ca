"""The reporter's answer to the minutes of a report taken by staff.

Portal side: only the receipt key is needed. Approving or correcting counts as fresh
input from the reporter and postpones deletion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import Refused, WbError
from ..models import Case, Message
from ..storage import FileStore
from .reporter_access import ReporterAccess, add_reporter_message, case_key_for_reporter


class Approval(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    CORRECTED = "corrected"


class MinutesError(WbError):
    """The minutes are not waiting for the reporter's answer."""


@dataclass(frozen=True)
class MinutesState:
    seq: int
    day: dt.date
    approval: str


def minutes_state(session: Session, case_id: str) -> list[MinutesState]:
    """The minutes of a case and the reporter's answer (for the staff's case page)."""
    rows = session.scalars(
        select(Message)
        .where(Message.case_id == case_id, Message.kind == "minutes")
        .order_by(Message.seq)
    )
    return [MinutesState(m.seq, m.day, m.approval or str(Approval.PENDING)) for m in rows]


def _message(session: Session, case_id: str, seq: int) -> Message:
    row = session.scalar(select(Message).where(Message.case_id == case_id, Message.seq == seq))
    assert row is not None
    return row


def reporter_minutes(session: Session, access: ReporterAccess) -> list[MinutesState]:
    """The same list for the reporter's own case (their receipt opened the session)."""
    case, _key = case_key_for_reporter(session, access)
    return minutes_state(session, case.id)


def _pending(session: Session, access: ReporterAccess, seq: int) -> tuple[Case, Message]:
    case, _key = case_key_for_reporter(session, access)  # proves the receipt key
    row = session.scalar(
        select(Message).where(
            Message.case_id == case.id, Message.seq == seq, Message.kind == "minutes"
        )
    )
    if row is None or row.approval != Approval.PENDING:
        raise MinutesError(
            "these minutes are not awaiting your answer", code=Refused.MINUTES_NOT_PENDING
        )
    return case, row


def approve_minutes(session: Session, access: ReporterAccess, seq: int, *, today: dt.date) -> None:
    """The reporter approves the minutes; fresh input postpones deletion."""
    case, row = _pending(session, access, seq)
    row.approval = str(Approval.APPROVED)
    case.last_reporter_activity = today
    session.flush()


def correct_minutes(
    session: Session,
    access: ReporterAccess,
    seq: int,
    text: str,
    file_store: FileStore,
    *,
    today: dt.date,
) -> int:
    """The reporter corrects the minutes: the correction becomes a message to the unit."""
    if not text.strip():
        raise MinutesError("write the correction", code=Refused.CORRECTION_EMPTY)
    case, row = _pending(session, access, seq)
    correction = add_reporter_message(
        session, access, text.strip(), file_store, today=today, kind="correction"
    )
    row.approval = str(Approval.CORRECTED)
    session.flush()
    return correction
