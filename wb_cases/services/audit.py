"""Append to and verify the hash-chained audit log (docs/architecture.md § 5).

Each entry's hash covers its content and the previous hash, so an edited,
removed or reordered entry breaks the chain from that point on. The head hash
is printed in committee summaries and reminder mails, so copies outside the
system anchor it (`wb audit verify --head HASH`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import AuditEntry

GENESIS = "0" * 64


def _entry_hash(
    seq: int,
    day: dt.date,
    actor: str,
    case_id: str | None,
    action: str,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [seq, day.isoformat(), actor, case_id, action, detail, prev_hash],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def head(session: Session) -> tuple[int, str]:
    """The last sequence number and hash (0 and the genesis hash when empty)."""
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def record_action(
    session: Session,
    actor: str,
    action: str,
    day: dt.date,
    case_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one staff action. `detail` holds plain codes only, never reporter content."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        # Serialise appends across workers: the chain needs one writer at a time.
        session.execute(select(func.pg_advisory_xact_lock(0x77620001)))
    seq, prev = head(session)
    detail = detail or {}
    entry = AuditEntry(
        seq=seq + 1,
        day=day,
        actor=actor,
        case_id=case_id,
        action=action,
        detail=detail,
        prev_hash=prev,
        hash=_entry_hash(seq + 1, day, actor, case_id, action, detail, prev),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    entries: int
    head: str
    problem: str = ""


def verify_log(session: Session, expected_head: str | None = None) -> AuditVerdict:
    """Walk the chain; report the first entry that was edited, removed or reordered."""
    prev = GENESIS
    count = 0
    for expected_seq, entry in enumerate(
        session.scalars(select(AuditEntry).order_by(AuditEntry.seq)), start=1
    ):
        count += 1
        if entry.seq != expected_seq:
            return AuditVerdict(False, count, prev, f"entry {expected_seq} is missing")
        if entry.prev_hash != prev:
            return AuditVerdict(
                False, count, prev, f"entry {entry.seq} does not follow its predecessor"
            )
        recomputed = _entry_hash(
            entry.seq,
            entry.day,
            entry.actor,
            entry.case_id,
            entry.action,
            entry.detail,
            entry.prev_hash,
        )
        if recomputed != entry.hash:
            return AuditVerdict(False, count, prev, f"entry {entry.seq} was altered")
        prev = entry.hash
    if expected_head is not None and expected_head != prev:
        seen = session.scalar(select(AuditEntry.seq).where(AuditEntry.hash == expected_head))
        if seen is None:
            return AuditVerdict(False, count, prev, "the anchored head is not in the log")
    return AuditVerdict(True, count, prev)
