"""The approved summary texts of major cases in a period (§ 24h, stk. 2; docs/summaries.md).

Only texts a head of unit approved are read, from the plain `published` column;
drafts are ciphertext and never read here. Each text is checked against the
audit entry of its approval: the entry must be the case's latest approval,
authentic under the audit key (`audit.entry_authentic`), and record the
SHA-256 of exactly this text. A text that fails is not shown; the summary says
that one text could not be verified instead, so an edit in the database is
noticed rather than published.

A major case belongs to the period in which the case was closed: the text
describes a finished case.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..models import AuditEntry, Case, MajorSummary
from ..models.major import APPROVED_ACTION
from ..services import audit
from ..services.major_cases import sha256
from .periods import Period


@dataclass(frozen=True)
class MajorText:
    """One major case's approved text, or None where it failed the check."""

    text: str | None
    verified: bool


def _verified(session: Session, row: MajorSummary, entry: AuditEntry | None) -> bool:
    if entry is None or row.published is None or entry.seq != row.approved_seq:
        return False
    digest = sha256(row.published)
    recorded = str(entry.detail.get("sha256", "")) if isinstance(entry.detail, dict) else ""
    return hmac.compare_digest(digest, recorded) and audit.entry_authentic(session, entry)


def approved_texts(session: Session, period: Period) -> tuple[MajorText, ...]:
    """Major cases closed in the period that have an approved text, oldest closing first."""
    rows = session.scalars(
        select(MajorSummary)
        .join(Case, MajorSummary.case_id == Case.id)
        .where(
            Case.major == true(),
            Case.closed.between(period.start, period.end),
            MajorSummary.published.is_not(None),
        )
        .order_by(Case.closed, Case.id)
    ).all()
    if not rows:
        return ()
    latest: dict[str, AuditEntry] = {}
    for entry in session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.case_id.in_([r.case_id for r in rows]),
            AuditEntry.action == APPROVED_ACTION,
        )
        .order_by(AuditEntry.seq)
    ):
        latest[str(entry.case_id)] = entry
    result = []
    for row in rows:
        ok = _verified(session, row, latest.get(row.case_id))
        result.append(MajorText(row.published if ok else None, ok))
    return tuple(result)
