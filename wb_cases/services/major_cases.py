"""Major cases (§ 24h, stk. 2): the flag, the summary text's draft, and its approval.

A head of unit marks a case as major. Staff write a summary text for the
annual report; it is kept as a draft encrypted under the case's staff key,
like a note. Before the committee may read it, the text must pass the
discretion review of `policies.publication` (§ 2b, § 21, stk. 1, § 24a,
stk. 2) and a head of unit must approve it. The approval is an audited act whose
entry records the SHA-256 of the approved text; the approved text is then kept
in plain (`MajorSummary.published`), so the summaries show it without a key,
and `wb_cases.summaries.major` checks it against that audit entry each time
(docs/summaries.md, "Major cases").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import crypto
from policies.publication import Finding, review_text

from ..errors import NotFoundError, WbError
from ..models import AuditEntry, Case, MajorSummary
from ..models.major import APPROVED_ACTION, WITHDRAWN_ACTION
from ..models.staff import Role
from . import audit, contexts
from .casefile import load_case, staff_key_for_staff
from .keyring import UnlockedKeys
from .staff import acting_member

UNIT_ROLES = (Role.CASEWORKER, Role.HEAD)


class PublicationRefusedError(WbError):
    """The text did not pass the discretion review; `findings` says why."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        super().__init__("the text could identify a person or is not publishable")
        self.findings = findings


@dataclass(frozen=True)
class MajorSummaryView:
    """What the case page shows of a major case's summary text."""

    case_id: str
    major: bool
    draft: str  # "" when nothing is written yet
    draft_day: dt.date | None
    findings: tuple[Finding, ...]  # the review of the draft
    published: str | None
    approved_day: dt.date | None
    approved_by: str | None

    @property
    def draft_approved(self) -> bool:
        """Whether the draft is the text the committee gets."""
        return self.published is not None and self.published == self.draft.strip()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def set_major(
    session: Session, case_id: str, major: bool, *, staff_id: str, today: dt.date
) -> None:
    """Mark a case as major, or not (§ 24h, stk. 2): a head of unit's act, audited.

    Removing the mark withdraws an approved text too: the committee reads texts of major
    cases only, and an approval left standing would make the summaries report the text as
    missing.
    """
    acting_member(session, staff_id, (Role.HEAD,))
    case = load_case(session, case_id)
    if case.major == major:
        return
    if not major:
        withdraw(session, case.id, staff_id=staff_id, today=today)
    case.major = major
    audit.record_action(
        session, staff_id, "case.major_set", today, case_id=case.id, detail={"major": major}
    )


def _row(session: Session, case_id: str) -> MajorSummary | None:
    return session.get(MajorSummary, case_id)


def read_major_summary(
    session: Session, keys: UnlockedKeys | None, case_id: str
) -> MajorSummaryView:
    """The draft (decrypted with the staff key), its review and what was approved."""
    case = load_case(session, case_id)
    row = _row(session, case_id)
    draft = ""
    if row is not None and row.draft is not None:
        staff_key = staff_key_for_staff(case, keys)
        draft = crypto.decrypt(staff_key, row.draft, contexts.major_summary_draft(case.id)).decode()
    return MajorSummaryView(
        case_id=case.id,
        major=case.major,
        draft=draft,
        draft_day=row.draft_day if row else None,
        findings=review_text(draft) if draft else (),
        published=row.published if row else None,
        approved_day=row.approved_day if row else None,
        approved_by=row.approved_by if row else None,
    )


def _store_draft(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
) -> MajorSummary:
    case = load_case(session, case_id)
    if not case.major:
        raise NotFoundError("the case is not a major case")
    staff_key = staff_key_for_staff(case, keys)
    row = _row(session, case.id)
    if row is None:
        row = MajorSummary(case_id=case.id)
        session.add(row)
    row.draft = crypto.encrypt(
        staff_key, text.strip().encode(), contexts.major_summary_draft(case.id)
    )
    row.draft_staff_id = staff_id
    row.draft_day = today
    session.flush()
    return row


def save_draft(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
) -> tuple[Finding, ...]:
    """Keep the text as the case's draft summary (encrypted) and return its review.

    A draft may still fail the review: it is work in progress that the committee never
    sees. The approved text, if any, stays as it was until a head approves anew.
    """
    acting_member(session, staff_id, UNIT_ROLES)
    _store_draft(session, keys, case_id, text, staff_id=staff_id, today=today)
    audit.record_action(
        session,
        staff_id,
        "major_summary.draft_saved",
        today,
        case_id=case_id,
        detail={"chars": len(text.strip())},
    )
    return review_text(text)


def approve(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
) -> str:
    """A head of unit approves `text` for the annual report (§ 24h, stk. 2); returns its
    SHA-256.

    Refused unless the text passes `policies.publication.review_text`. The text is kept as
    the draft too, the approved copy is kept in plain, and the audit entry records its
    SHA-256, so an edit of the stored copy shows when a summary is built.
    """
    acting_member(session, staff_id, (Role.HEAD,))
    findings = review_text(text)
    if findings:
        raise PublicationRefusedError(findings)
    row = _store_draft(session, keys, case_id, text, staff_id=staff_id, today=today)
    published = text.strip()
    digest = sha256(published)
    entry = audit.record_action(
        session,
        staff_id,
        APPROVED_ACTION,
        today,
        case_id=case_id,
        detail={"sha256": digest, "chars": len(published)},
    )
    row.published = published
    row.approved_by = staff_id
    row.approved_day = today
    row.approved_seq = entry.seq
    session.flush()
    return digest


def withdraw(session: Session, case_id: str, *, staff_id: str, today: dt.date) -> None:
    """A head of unit withdraws the approved text (§ 24h, stk. 2): the committee's summaries
    no longer show it. The draft stays, so the text can be mended and approved again.

    Audited as its own act, so a text restored in the database afterwards fails the check
    in `wb_cases.summaries.major` (its approval is no longer the case's latest act).
    """
    acting_member(session, staff_id, (Role.HEAD,))
    row = _row(session, load_case(session, case_id).id)
    if row is None or row.published is None:
        return
    audit.record_action(
        session,
        staff_id,
        WITHDRAWN_ACTION,
        today,
        case_id=case_id,
        detail={"sha256": sha256(row.published)},
    )
    row.published = None
    row.approved_by = None
    row.approved_day = None
    row.approved_seq = None
    session.flush()


# --- checking an approved text against the audit log ---------------------------------------


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


def latest_acts(session: Session, case_ids: list[str]) -> dict[str, AuditEntry]:
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


def checked_text(
    session: Session, case: Case, row: MajorSummary | None, act: AuditEntry | None
) -> MajorText | None:
    """What the summary shows for one case: its text, a failed check, or nothing.

    The audit log decides whether a text is owed, not the row: a case whose latest act is
    an approval must show exactly the approved text, and a case without a standing approval
    must have no text. So a text deleted, restored after a withdrawal, hidden by unmarking
    the case, or dropped by a forged withdrawal in the database shows as a failed check,
    never silently.
    """
    published = row.published if row is not None else None
    if act is None:
        return None if published is None else MajorText(None, False)
    if act.action != APPROVED_ACTION:
        # A withdrawal counts only if the audit key wrote it: one forged in the database
        # (or an approval relabelled as one) must not quietly drop an approved text.
        if published is None and audit.entry_authentic(session, act):
            return None
        return MajorText(None, False)
    ok = case.major and row is not None and _verified(session, row, act)
    return MajorText(published if ok else None, ok)


def approved_text(session: Session, case: Case) -> MajorText | None:
    """One case's text as approved, checked like the summaries check it (None: no text owed)."""
    row = session.get(MajorSummary, case.id)
    return checked_text(session, case, row, latest_acts(session, [case.id]).get(case.id))
