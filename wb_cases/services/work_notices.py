"""`wb notify`: tell the unit by mail that new work has arrived, with case numbers only.

A new report or a reporter's message sets `Case.work_notice_pending`. Run from cron
(every quarter of an hour, say), this sends one batched, content-free mail per
recipient — the case's owner, or every head of unit when nobody owns it — and clears
the flags. Like the reminders, a mail carries nothing from a report: case numbers, the
kind of news in plain words, and the audit chain head (which anchors the log outside
the system).
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import Case, Staff
from ..models.staff import Role
from . import audit


@dataclass(frozen=True)
class Recipient:
    email: str
    numbers: tuple[str, ...]


def pending(session: Session) -> tuple[list[Recipient], list[str]]:
    """Who gets which case numbers, and the ids of the cases whose flag this clears."""
    cases = list(
        session.scalars(
            select(Case)
            .where(Case.work_notice_pending.is_(True), Case.purged.is_(None))
            .order_by(Case.number)
        )
    )
    members = {
        s.id: s
        for s in session.scalars(
            select(Staff).where(
                Staff.active.is_(True), Staff.role.in_((Role.CASEWORKER, Role.HEAD))
            )
        )
    }
    heads = [s for s in members.values() if s.role == Role.HEAD and s.email]
    numbers: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        owner = members.get(case.assigned_staff_id or "")
        for member in [owner] if owner is not None and owner.email else heads:
            numbers[member.email or ""].append(case.number)
    recipients = [Recipient(email, tuple(nums)) for email, nums in sorted(numbers.items())]
    return recipients, [c.id for c in cases]


def compose(recipient: Recipient, *, head: tuple[int, str], mail_from: str) -> EmailMessage:
    lines = [
        "Der er nyt i disse sager (en ny indberetning eller en besked fra indberetteren):",
        "",
        *recipient.numbers,
        "",
        "Log ind i bagkontoret for at læse dem. Mailen indeholder bevidst intet fra sagerne.",
        "",
        f"Auditlog: {head[0]} poster, hoved {head[1]}",
    ]
    message = EmailMessage()
    message["Subject"] = f"Whistleblowerordningen: nyt i {len(recipient.numbers)} sag(er)"
    message["From"] = mail_from
    message["To"] = recipient.email
    message.set_content("\n".join(lines))
    return message


def send_work_notices(session: Session, *, host: str, port: int, mail_from: str) -> int:
    """Send the batched notices and clear the flags; returns the number of mails sent.

    The flags are cleared only after every mail went out, so a failed send is retried.
    """
    recipients, case_ids = pending(session)
    if recipients:
        head = audit.head(session)
        with smtplib.SMTP(host, port, timeout=30) as smtp:
            for recipient in recipients:
                smtp.send_message(compose(recipient, head=head, mail_from=mail_from))
    if case_ids:
        session.execute(update(Case).where(Case.id.in_(case_ids)).values(work_notice_pending=False))
    return len(recipients)
