"""Deadlines on a case: add, complete, and keep `Case.next_due` in step (the inbox sorts on it).

Every change to a case's open deadlines goes through here, so `next_due` is always the
earliest open due date, and None when nothing is open (the inbox must stay an indexed
query at 100,000 cases). Every deadline is stored under a `policies.DeadlineKind`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

import policies
from policies import DeadlineKind

from ..models import Case, Deadline


def add_deadline(
    session: Session,
    case: Case,
    kind: DeadlineKind,
    due: dt.date | None,
    paragraph: str,
    *,
    matter_id: int | None = None,
    as_soon_as_possible: bool = False,
    started: dt.date | None = None,
    recipient: str | None = None,
) -> Deadline:
    """Record one open deadline and refresh the case's next deadline."""
    row = Deadline(
        case_id=case.id,
        matter_id=matter_id,
        kind=kind,
        due=due,
        as_soon_as_possible=as_soon_as_possible,
        paragraph=paragraph,
        started=started,
        recipient=recipient,
        reminders=0,
        done=None,
    )
    session.add(row)
    session.flush()
    refresh_next_due(session, case)
    return row


def add_policy_deadline(
    session: Session,
    case: Case,
    deadline: policies.Deadline,
    *,
    kind: DeadlineKind | None = None,
    matter_id: int | None = None,
    started: dt.date | None = None,
    recipient: str | None = None,
) -> Deadline:
    """Record a deadline `policies` computed, under its own kind unless ``kind`` says."""
    return add_deadline(
        session,
        case,
        kind or deadline.kind,
        deadline.due,
        str(deadline.paragraph),
        matter_id=matter_id,
        as_soon_as_possible=deadline.as_soon_as_possible,
        started=started,
        recipient=recipient,
    )


def open_deadlines(
    session: Session,
    case: Case,
    kinds: Iterable[DeadlineKind] = (),
    matter_id: int | None = None,
) -> list[Deadline]:
    """The case's open deadlines (of these kinds, for this matter), oldest first; a lapsed
    one is not open, one recorded as impossible still is (feedback may yet be sent)."""
    stmt = select(Deadline).where(
        Deadline.case_id == case.id, Deadline.done.is_(None), Deadline.lapsed.is_(None)
    )
    wanted = list(kinds)
    if wanted:
        stmt = stmt.where(Deadline.kind.in_(wanted))
    if matter_id is not None:
        stmt = stmt.where(Deadline.matter_id == matter_id)
    return list(session.scalars(stmt.order_by(Deadline.id)))


def complete(
    session: Session,
    case: Case,
    kinds: Iterable[DeadlineKind],
    today: dt.date,
    *,
    matter_id: int | None = None,
) -> int:
    """Mark the open deadlines of these kinds done (optionally for one matter only)."""
    rows = open_deadlines(session, case, kinds, matter_id)
    for row in rows:
        row.done = today
    session.flush()
    refresh_next_due(session, case)
    return len(rows)


def pending(table: type[Deadline]) -> tuple[ColumnElement[bool], ...]:
    """The conditions for a duty still waiting with a date: not done, not recorded as
    impossible (§ 24b, stk. 1, "om muligt"), not lapsed with its case."""
    return (
        table.done.is_(None),
        table.impossible.is_(None),
        table.lapsed.is_(None),
        table.due.is_not(None),
    )


def refresh_next_due(session: Session, case: Case) -> None:
    """Set `next_due` to the earliest open due date (None when nothing is open); a duty
    recorded as impossible (§ 24b, stk. 1) or lapsed is not open."""
    session.flush()
    case.next_due = session.scalar(
        select(func.min(Deadline.due)).where(*pending(Deadline), Deadline.case_id == case.id)
    )
    session.flush()
