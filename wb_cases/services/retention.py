"""`wb purge`: delete closed cases after their retention period, keep a plain tombstone.

Design.md § 4.6: content, files and keys are destroyed; the plain fields (number,
dates, the matters' scope, route, outcome, consequences) stay, so every figure for
every period is the same before and after; journal entries stay too. Blobs
are deleted only after the transaction that purged their rows has committed (`delete_blobs`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

import policies

from ..config import AFTER_REPORTER_INPUT_MONTHS, RetentionConfig
from ..models import Attachment, Case, MajorSummary, Message, Note
from ..storage import FileStore
from . import audit

DEFAULT_SETTINGS = policies.RetentionSettings()
DEFAULT_CONFIG = RetentionConfig()


def retention_ends(
    case: Case,
    settings: policies.RetentionSettings = DEFAULT_SETTINGS,
    after_input_months: int = AFTER_REPORTER_INPUT_MONTHS,
) -> dt.date | None:
    """The first day the case may go: the latest end over its matters, and never within
    `after_input_months` of the reporter's last input (fresh input postpones
    deletion). None while the case is open."""
    if case.closed is None:
        return None
    ends = []
    for matter in case.matters:
        route = policies.Route(matter.route) if matter.route else policies.Route.FILE_WITHOUT_MORE
        kind = policies.retention_class(route, matter.confirmed)
        ends.append(policies.retention_until(matter.closed or case.closed, kind, settings))
    if not ends:
        ends.append(
            policies.retention_until(case.closed, policies.RetentionClass.OUTSIDE_SCOPE, settings)
        )
    ends.append(policies.add_months(case.last_reporter_activity, after_input_months))
    return max(ends)


@dataclass(frozen=True)
class DueCase:
    """One line of the warning list: plain fields only."""

    case_id: str
    number: str
    closed: dt.date
    ends: dt.date
    legal_hold: bool
    hold_reason: str | None


def due_for_deletion(
    session: Session, today: dt.date, config: RetentionConfig = DEFAULT_CONFIG
) -> list[DueCase]:
    """The warning list: closed cases whose retention ends within `warning_days` (or has
    ended), held ones included and marked, soonest first."""
    horizon = today + dt.timedelta(days=config.warning_days)
    cases = session.scalars(select(Case).where(Case.closed.is_not(None), Case.purged.is_(None)))
    found = []
    for case in cases:
        end = retention_ends(case, config.settings, config.after_reporter_input_months)
        if end is not None and case.closed is not None and end <= horizon:
            found.append(
                DueCase(
                    case.id, case.number, case.closed, end, case.legal_hold, case.legal_hold_reason
                )
            )
    return sorted(found, key=lambda d: (d.ends, d.number))


def purgeable(
    session: Session,
    today: dt.date,
    settings: policies.RetentionSettings = DEFAULT_SETTINGS,
    after_input_months: int = AFTER_REPORTER_INPUT_MONTHS,
) -> list[Case]:
    cases = session.scalars(
        select(Case).where(
            Case.closed.is_not(None), Case.purged.is_(None), Case.legal_hold.is_(False)
        )
    )
    return [
        c
        for c in cases
        if (end := retention_ends(c, settings, after_input_months)) is not None and end <= today
    ]


def purge_case(
    session: Session, case: Case, *, today: dt.date, staff_id: str = "system"
) -> list[str]:
    """Destroy a case's content and keys; return the blob ids to delete after commit."""
    blobs = [a.id for a in case.attachments]
    session.execute(delete(Attachment).where(Attachment.case_id == case.id))
    session.execute(delete(Message).where(Message.case_id == case.id))
    session.execute(delete(Note).where(Note.case_id == case.id))
    # A major case's draft goes with the notes; its approved text stays for the summaries.
    session.execute(update(MajorSummary).where(MajorSummary.case_id == case.id).values(draft=None))
    session.expire(case, ["attachments", "messages", "notes"])
    case.report = b""
    case.identity_sealed = None
    case.case_key_sealed = b""
    case.case_key_receipt = None
    case.staff_key_sealed = b""
    case.receipt_lookup = None
    for matter in case.matters:
        matter.title = None
        matter.override_reason = None
    case.purged = today
    session.flush()
    audit.record_action(
        session, staff_id, "case.purged", today, case_id=case.id, detail={"files": len(blobs)}
    )
    return blobs


def purge_expired(
    session: Session,
    *,
    today: dt.date,
    staff_id: str = "system",
    settings: policies.RetentionSettings = DEFAULT_SETTINGS,
    after_input_months: int = AFTER_REPORTER_INPUT_MONTHS,
) -> tuple[list[str], list[str]]:
    """Purge every case past retention; return (case numbers, blob ids to delete)."""
    numbers, blobs = [], []
    for case in purgeable(session, today, settings, after_input_months):
        blobs += purge_case(session, case, today=today, staff_id=staff_id)
        numbers.append(case.number)
    return numbers, blobs


def delete_blobs(file_store: FileStore, blob_ids: list[str]) -> None:
    """Remove purged files from disk (after the purge has committed)."""
    for blob_id in blob_ids:
        file_store.delete(blob_id)
