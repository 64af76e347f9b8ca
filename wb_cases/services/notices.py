"""Committee notices: what the committee reader sees, never naming a case or a person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Case, CommitteeNotice
from . import audit


def queue_notice(
    session: Session,
    case: Case | None,
    kind: str,
    paragraph: str,
    general_reason: str,
    today: dt.date,
) -> CommitteeNotice:
    """Queue a committee notice; it names the kind and a general reason, never a person."""
    notice = CommitteeNotice(
        case_id=case.id if case else None,
        kind=kind,
        paragraph=paragraph,
        general_reason=general_reason,
        queued=today,
        sent=None,
    )
    session.add(notice)
    session.flush()
    return notice


@dataclass(frozen=True)
class NoticeView:
    id: int
    kind: str
    paragraph: str
    general_reason: str
    queued: dt.date
    sent: dt.date | None


def list_notices(session: Session, *, pending_only: bool = False) -> list[NoticeView]:
    """The queued and sent notices, newest first; no case number, no name."""
    stmt = select(CommitteeNotice).order_by(
        CommitteeNotice.queued.desc(), CommitteeNotice.id.desc()
    )
    if pending_only:
        stmt = stmt.where(CommitteeNotice.sent.is_(None))
    return [
        NoticeView(n.id, n.kind, n.paragraph, n.general_reason, n.queued, n.sent)
        for n in session.scalars(stmt)
    ]


def mark_notices_sent(session: Session, *, staff_id: str, today: dt.date) -> int:
    """Mark every queued notice as sent with today's committee batch."""
    rows = list(session.scalars(select(CommitteeNotice).where(CommitteeNotice.sent.is_(None))))
    for row in rows:
        row.sent = today
    session.flush()
    audit.record_action(session, staff_id, "notices.sent", today, detail={"count": len(rows)})
    return len(rows)
