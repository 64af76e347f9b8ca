"""Append to and verify the keyed, hash-chained audit log (docs/security.md, T6).

Each entry's hash is an HMAC (key from `secrets/audit_key`, outside the
database) over its content and the previous hash, so an edited, removed or
reordered entry breaks the chain from that point on, and someone who can write
the database but not the data dir cannot re-chain it. The newest committed
entry's sequence number and hash are also kept, HMACed, in `<data dir>/audit.head`,
so `wb audit verify` notices a cut tail without any outside copy. The head hash
is still printed in committee summaries and reminder mails, so copies outside
the system anchor it too (`wb audit verify --head HASH`).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from crypto.passwords import hkdf

from ..errors import ConfigError
from ..models import AuditEntry

GENESIS = "0" * 64
# Session.info keys the store sets (store.py): the chain key and the head file's path.
AUDIT_KEY_INFO = "wb_audit_key"
AUDIT_HEAD_INFO = "wb_audit_head"
_PENDING_HEAD = "wb_audit_pending_head"
_CHAIN_INFO = b"wb/audit/chain"
_HEAD_INFO = b"wb/audit/head"


def _entry_hash(
    key: bytes | None,
    seq: int,
    day: dt.date,
    actor: str,
    case_id: str | None,
    action: str,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    """HMAC-SHA256 of the entry with the chain key; plain SHA-256 only for a first-build log."""
    canonical = json.dumps(
        [seq, day.isoformat(), actor, case_id, action, detail, prev_hash],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    ).encode()
    if key is None:
        return hashlib.sha256(canonical).hexdigest()
    return hmac.new(hkdf(key, _CHAIN_INFO), canonical, hashlib.sha256).hexdigest()


def _hash_of(key: bytes | None, entry: AuditEntry) -> str:
    return _entry_hash(
        key,
        entry.seq,
        entry.day,
        entry.actor,
        entry.case_id,
        entry.action,
        entry.detail,
        entry.prev_hash,
    )


def _key(session: Session) -> bytes:
    key = session.info.get(AUDIT_KEY_INFO)
    if not key:
        raise ConfigError("the audit key is missing from secrets/; run `wb keys certify`")
    return bytes(key)


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
        hash=_entry_hash(_key(session), seq + 1, day, actor, case_id, action, detail, prev),
    )
    session.add(entry)
    session.flush()
    session.info[_PENDING_HEAD] = (entry.seq, entry.hash)
    return entry


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    entries: int
    head: str
    problem: str = ""


def verify_log(
    session: Session, expected_head: str | None = None, *, key: bytes | None = None
) -> AuditVerdict:
    """Walk the chain; report the first entry edited, removed or reordered, or a cut tail.

    `key` defaults to the session's audit key; `wb keys certify` checks a
    first-build (unkeyed, plain SHA-256) log with `key=b""` before re-chaining it.
    """
    chain_key = _key(session) if key is None else (key or None)
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
        if not hmac.compare_digest(_hash_of(chain_key, entry), entry.hash):
            return AuditVerdict(False, count, prev, f"entry {entry.seq} was altered")
        prev = entry.hash
    if expected_head is not None and expected_head != prev:
        seen = session.scalar(select(AuditEntry.seq).where(AuditEntry.hash == expected_head))
        if seen is None:
            return AuditVerdict(False, count, prev, "the anchored head is not in the log")
    if chain_key is not None:
        problem = _check_head_file(session, chain_key, count)
        if problem:
            return AuditVerdict(False, count, prev, problem)
    return AuditVerdict(True, count, prev)


def entry_authentic(session: Session, entry: AuditEntry) -> bool:
    """Whether one entry is as it was written: its HMAC under the session's chain key (a
    database writer without the data dir cannot forge one). Without a key in the session
    only a first-build entry (plain SHA-256) can match."""
    key = session.info.get(AUDIT_KEY_INFO)
    expected = _hash_of(bytes(key) if key else None, entry)
    return hmac.compare_digest(expected, entry.hash)


# --- the keyed head outside the database ------------------------------------------------


def _head_mac(key: bytes, seq: int, hash_: str) -> str:
    return hmac.new(hkdf(key, _HEAD_INFO), f"{seq}:{hash_}".encode(), hashlib.sha256).hexdigest()


def _read_head_file(path: Path, key: bytes) -> tuple[int, str] | None:
    """The (seq, hash) last written, or None when there is no file; ValueError if forged."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, json.JSONDecodeError):
        raise ValueError("unreadable") from None
    seq, hash_ = int(data["seq"]), str(data["hash"])
    if not hmac.compare_digest(str(data.get("mac", "")), _head_mac(key, seq, hash_)):
        raise ValueError("forged")
    return seq, hash_


def _check_head_file(session: Session, key: bytes, entries: int) -> str:
    path = session.info.get(AUDIT_HEAD_INFO)
    if path is None:
        return ""
    try:
        recorded = _read_head_file(Path(path), key)
    except ValueError:
        return f"{path} was altered"
    if recorded is None:
        return ""
    seq, hash_ = recorded
    if seq > entries:
        return f"the log ends at entry {entries} but entry {seq} was written: its tail was cut"
    at = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))
    if at != hash_:
        return f"entry {seq} differs from the one recorded outside the database"
    return ""


def write_head_file(path: Path, key: bytes, seq: int, hash_: str) -> None:
    """Record a committed head; only ever forward, also with several workers at once."""
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = _read_head_file(path, key)
        except ValueError:
            current = None  # rewrite an unreadable file with what we know is committed
        if current is not None and current[0] >= seq:
            return
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"seq": seq, "hash": hash_, "mac": _head_mac(key, seq, hash_)}))
        os.replace(tmp, path)


@event.listens_for(Session, "after_commit")
def _record_committed_head(session: Session) -> None:
    pending = session.info.pop(_PENDING_HEAD, None)
    path = session.info.get(AUDIT_HEAD_INFO)
    key = session.info.get(AUDIT_KEY_INFO)
    if pending is not None and path is not None and key:
        write_head_file(Path(path), bytes(key), *pending)


@event.listens_for(Session, "after_rollback")
def _forget_pending_head(session: Session) -> None:
    session.info.pop(_PENDING_HEAD, None)


def rechain(session: Session, key: bytes) -> int:
    """Re-compute every hash with the chain key (upgrading a first-build log); the caller
    verifies the old chain first and commits."""
    prev = GENESIS
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    for entry in entries:
        entry.prev_hash = prev
        entry.hash = _hash_of(key, entry)
        prev = entry.hash
    session.flush()
    if entries:
        session.info[_PENDING_HEAD] = (entries[-1].seq, entries[-1].hash)
    return len(entries)
