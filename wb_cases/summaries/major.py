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

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..models import Case, MajorSummary
from ..services.major_cases import MajorText, checked_text, latest_acts
from .periods import Period

__all__ = ["MajorText", "approved_texts"]


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
    latest = latest_acts(session, [case.id for case, _row in pairs])
    texts = (checked_text(session, case, row, latest.get(case.id)) for case, row in pairs)
    return tuple(t for t in texts if t is not None)
