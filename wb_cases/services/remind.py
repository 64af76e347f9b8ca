"""`wb remind`: mail staff the deadlines due, by case NUMBER only, with the audit chain head.

A reminder leaves the system by mail, so it carries nothing from a report: the case
number, the kind of duty, its paragraph and due date. The audit chain head in every
mail anchors the log outside the system (design.md § 4), so every member gets a mail,
with the deadlines of their own cases and of unassigned ones; the head of unit gets all.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Case, Deadline, Staff
from ..models.staff import Role
from . import audit, deadlines

HORIZON_DAYS = 7


@dataclass(frozen=True)
class DueItem:
    number: str
    kind: str
    paragraph: str
    due: dt.date | None
    as_soon_as_possible: bool
    assigned_staff_id: str | None = None


def deadlines_due(
    session: Session, today: dt.date, horizon_days: int = HORIZON_DAYS
) -> list[DueItem]:
    """Open deadlines of open cases due within the horizon (or overdue), earliest first."""
    limit = today + dt.timedelta(days=horizon_days)
    rows = session.execute(
        select(
            Case.number,
            Deadline.kind,
            Deadline.paragraph,
            Deadline.due,
            Deadline.as_soon_as_possible,
            Case.assigned_staff_id,
        )
        .join(Case, Deadline.case_id == Case.id)
        .where(
            *deadlines.pending(Deadline),
            Deadline.due <= limit,
            Case.closed.is_(None),
            Case.purged.is_(None),
        )
        .order_by(Deadline.due, Case.number)
    )
    return [DueItem(*row) for row in rows]


def for_member(items: list[DueItem], member: Staff) -> list[DueItem]:
    """The head of unit sees every deadline; others those of their cases and unassigned ones."""
    if member.role == Role.HEAD:
        return items
    return [item for item in items if item.assigned_staff_id in (None, member.id)]


def compose_reminder(
    items: list[DueItem],
    *,
    head: tuple[int, str],
    today: dt.date,
    mail_from: str,
    to: str,
    horizon_days: int = HORIZON_DAYS,
) -> EmailMessage:
    """A plain-text mail: numbers, kinds, paragraphs, dates and the chain head; no content."""
    lines = [f"Frister pr. {today.isoformat()} (næste {horizon_days} dage og overskredne):", ""]
    for item in items:
        late = " OVERSKREDET" if item.due is not None and item.due < today else ""
        asap = " (snarest muligt)" if item.as_soon_as_possible else ""
        lines.append(f"{item.number}  {item.kind}  {item.paragraph}  {item.due}{asap}{late}")
    if not items:
        lines.append("Ingen frister.")
    lines += [
        "",
        f"Auditlog: {head[0]} poster, hoved {head[1]}",
        "Sammenlign hovedet med `wb audit verify --head HASH`.",
        "",
        "Log ind i backoffice for at se sagerne.",
    ]
    message = EmailMessage()
    message["Subject"] = f"wb: {len(items)} frister"
    message["From"] = mail_from
    message["To"] = to
    message.set_content("\n".join(lines))
    return message


def send_reminders(
    session: Session,
    *,
    host: str,
    port: int,
    mail_from: str,
    today: dt.date,
    horizon_days: int = HORIZON_DAYS,
) -> int:
    """Mail every active caseworker and head of unit with an address their deadlines due."""
    items = deadlines_due(session, today, horizon_days)
    recipients = [
        s
        for s in session.scalars(
            select(Staff)
            .where(
                Staff.active.is_(True),
                Staff.role.in_((Role.CASEWORKER, Role.HEAD)),
                Staff.email.is_not(None),
            )
            .order_by(Staff.username)
        )
        if s.email
    ]
    head = audit.head(session)
    sent = 0
    if recipients:
        with smtplib.SMTP(host, port, timeout=30) as smtp:
            for member in recipients:
                smtp.send_message(
                    compose_reminder(
                        for_member(items, member),
                        head=head,
                        today=today,
                        mail_from=mail_from,
                        to=member.email or "",
                        horizon_days=horizon_days,
                    )
                )
                sent += 1
    audit.record_action(
        session, "system", "reminders.sent", today, detail={"mails": sent, "deadlines": len(items)}
    )
    return sent
