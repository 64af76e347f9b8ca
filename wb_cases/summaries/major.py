"""The approved summary texts of major cases in a period (§ 24h, stk. 2; docs/summaries.md).

Only texts a head of unit approved are read, from the plain `published` column;
drafts are ciphertext and never read here. The audit log says which texts are
owed: a case whose latest approval-or-withdrawal entry is an approval must show
exactly that text, checked against the entry (authentic under the audit key,
`audit.entry_authentic`, the entry the row points to, the SHA-256 of exactly
this text). A text that fails, is missing, or stands without an approval is not
shown; the summary says that one text could not be verified instead, so an edit
in the database is noticed rather than published or silently dropped.

A major case belongs to the period in which the case was closed: the text
describes a finished case.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..models import AuditEntry, Case, MajorSummary
from ..models.major import APPROVED_ACTION, WITHDRAWN_ACTION
from ..services import audit
from ..services.major_cases import sha256
from .periods import Period


@dataclass(frozen=True)
class MajorText:
    """One major case's approved text, or None where it failed the check."""

    text: str | None
    verified: bool


def _verified(session: Session, row: MajorSummary, entry: AuditEntry) -> bool:
    if row.published is None or entry.seq != row.approved_seq:
        return False
    digest = sha256(row.published)
    recorded = str(entry.detail.get("sha256", "")) if isinstance(entry.detail, dict) else ""
    return hmac.compare_digest(digest, recorded) and audit.entry_authentic(session, entry)


def _latest_acts(session: Session, case_ids: list[str]) -> dict[str, AuditEntry]:
    """Each case's latest approval or withdrawal entry, if it has one."""
    latest: dict[str, AuditEntry] = {}
    for entry in session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.case_id.in_(case_ids),
            AuditEntry.action.in_((APPROVED_ACTION, WITHDRAWN_ACTION)),
        )
        .order_by(AuditEntry.seq)
    ):
        latest[str(entry.case_id)] = entry
    return latest


def _text(
    session: Session, case: Case, row: MajorSummary | None, act: AuditEntry | None
) -> MajorText | None:
    """What the summary shows for one case: its text, a failed check, or nothing.

    The audit log decides whether a text is owed, not the row: a case whose latest act is
    an approval must show exactly the approved text, and a case without a standing approval
    must have no text. So a text deleted, restored after a withdrawal or hidden by
    unmarking the case in the database shows as a failed check, never silently.
    """
    published = row.published if row is not None else None
    if act is None or act.action != APPROVED_ACTION:
        return None if published is None else MajorText(None, False)
    ok = case.major and row is not None and _verified(session, row, act)
    return MajorText(published if ok else None, ok)


def approved_texts(session: Session, period: Period) -> tuple[MajorText, ...]:
    """Major cases closed in the period that have an approved text, oldest closing first.

    The candidates are the cases closed in the period that are marked major or have a
    summary row: both sets are small (the partial index on major cases, the summaries' own
    table), and a flag or a text tampered with in the database still leaves the other.
    """
    closed = Case.closed.between(period.start, period.end)
    marked = select(Case.id).where(Case.major == true(), closed)
    written = select(MajorSummary.case_id).join(Case, MajorSummary.case_id == Case.id).where(closed)
    pairs = session.execute(
        select(Case, MajorSummary)
        .outerjoin(MajorSummary, MajorSummary.case_id == Case.id)
        .where(Case.id.in_(marked.union(written)))
        .order_by(Case.closed, Case.id)
    ).all()
    if not pairs:
        return ()
    latest = _latest_acts(session, [case.id for case, _row in pairs])
    texts = (_text(session, case, row, latest.get(case.id)) for case, row in pairs)
    return tuple(t for t in texts if t is not None)
