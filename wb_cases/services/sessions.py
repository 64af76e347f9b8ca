"""Server-side sessions: the cookie holds one random secret, the row holds the rest.

The row is found by SHA-256 of the secret, and its payload (the unlocked unit
key for staff, the receipt key for reporters) is encrypted under a key derived
from the secret with HKDF: neither a stolen database nor a stolen cookie alone
opens it (design.md § 2, Sessions). A reporter's row keeps only an expiry
rounded up to 15 minutes and is deleted when it ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import crypto
from crypto import Context

from ..clock import now, round_up
from ..models import LoginSession

REPORTER = "reporter"
STAFF = "staff"
REPORTER_IDLE = dt.timedelta(minutes=30)


@dataclass(frozen=True, repr=False)
class OpenSession:
    id: int
    kind: str
    staff_id: str | None
    payload: bytes

    def __repr__(self) -> str:
        return f"OpenSession(kind={self.kind!r})"


def new_secret() -> str:
    """A cookie's secret: 256 random bits."""
    return secrets.token_urlsafe(32)


def secret_lookup(secret: str, label: bytes = b"session") -> bytes:
    """The hash a row is found by; `label` keeps sessions and drafts apart."""
    return hashlib.sha256(b"wb/" + label + b"/lookup\x00" + secret.encode()).digest()


def secret_payload_key(secret: str, label: bytes = b"session") -> bytes:
    """The key a row's payload is encrypted under, derived (HKDF) from the cookie's secret."""
    info = b"wb/" + label + b"/payload"
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())


def _lookup(secret: str) -> bytes:
    return secret_lookup(secret)


def _payload_key(secret: str) -> bytes:
    return secret_payload_key(secret)


def _context(kind: str) -> Context:
    return Context(purpose="session.payload", field=kind)


def start_session(
    session: Session,
    kind: str,
    payload: bytes,
    *,
    idle: dt.timedelta,
    absolute: dt.timedelta,
    staff_id: str | None = None,
) -> str:
    """Store a new session row and return the secret for the cookie."""
    secret = new_secret()
    moment = now()
    idle_expires = moment + idle
    absolute_expires = moment + absolute
    if kind == REPORTER:  # no exact time about a reporter outlives the visit
        idle_expires = round_up(idle_expires)
        absolute_expires = round_up(absolute_expires)
    session.add(
        LoginSession(
            secret_hash=_lookup(secret),
            kind=kind,
            staff_id=staff_id,
            payload=crypto.encrypt(_payload_key(secret), payload, _context(kind)),
            idle_expires=idle_expires,
            absolute_expires=absolute_expires,
        )
    )
    session.flush()
    return secret


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def resume_session(
    session: Session, secret: str, kind: str, *, idle: dt.timedelta
) -> OpenSession | None:
    """Find and decrypt a live session, sliding its idle expiry; None if gone or expired."""
    if not secret or len(secret) > 128:
        return None
    row = session.scalar(select(LoginSession).where(LoginSession.secret_hash == _lookup(secret)))
    if row is None or row.kind != kind:
        return None
    moment = now()
    if _aware(row.idle_expires) <= moment or _aware(row.absolute_expires) <= moment:
        session.delete(row)
        session.flush()
        return None
    try:
        payload = crypto.decrypt(_payload_key(secret), row.payload, _context(kind))
    except crypto.DecryptionError:
        return None
    new_idle = moment + idle
    if kind == REPORTER:
        new_idle = round_up(new_idle)
    row.idle_expires = min(new_idle, _aware(row.absolute_expires))
    session.flush()
    return OpenSession(row.id, row.kind, row.staff_id, payload)


def end_session(session: Session, secret: str) -> None:
    """Delete the row: the unlocked key in it is gone with it."""
    session.execute(delete(LoginSession).where(LoginSession.secret_hash == _lookup(secret)))
    session.flush()


def purge_expired_sessions(session: Session) -> int:
    moment = now()
    result = session.execute(
        delete(LoginSession).where(
            (LoginSession.idle_expires <= moment) | (LoginSession.absolute_expires <= moment)
        )
    )
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
