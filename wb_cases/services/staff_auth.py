"""Staff login: password, then a TOTP code or a one-time recovery code; lockout per account.

- TOTP (RFC 6238, SHA-1, 6 digits, 30 s) through `cryptography`; a code is accepted
  once (the last accepted time step is stored), one step of clock drift either way.
- The TOTP secret is stored encrypted under a key derived from the back-office pepper,
  which lives in the data dir, not the database (design.md § 2).
- Recovery codes are shown once; only their keyed hashes are stored; each works once.
- Throttling is per account, never per address (design.md § 2): after
  `LOCK_AFTER` failures in a row the account locks for a period that doubles with
  every further failure, up to a day. One generic answer for every failure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from sqlalchemy import select
from sqlalchemy.orm import Session

import crypto
from crypto import Context, KdfParams

from ..clock import now
from ..errors import LoginFailedError, PermissionDeniedError
from ..models import Staff
from . import audit, keyring
from . import staff as staff_service
from .kdf_gate import run_gated
from .keyring import UnlockedKeys

LOCK_AFTER = 5
FIRST_LOCK = dt.timedelta(minutes=5)
MAX_LOCK = dt.timedelta(hours=24)
TOTP_STEP = 30
TOTP_DIGITS = 6
RECOVERY_CODES = 10
ISSUER = "wb Whistleblowerenheden"
MIN_PASSWORD = 12

GENERIC = "wrong user name, password or code, or the account is locked for a while"


class Stage:
    """What a staff session may do: only finish set-up, or everything the role allows."""

    SETUP = "setup"
    FULL = "full"
    # Signed in at the identity provider, no key yet: only the key passphrase page.
    PROVIDER = "provider"


@dataclass(frozen=True, repr=False)
class LoginOutcome:
    """A login attempt's result; on failure nothing but the generic message is known."""

    ok: bool
    staff_id: str | None = None
    keys: UnlockedKeys | None = None
    stage: str = Stage.FULL
    used_recovery_code: bool = False

    def __repr__(self) -> str:
        return f"LoginOutcome(ok={self.ok}, stage={self.stage!r})"


# --- secrets at rest ---------------------------------------------------------------


def _pepper_key(pepper: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(pepper)


def _totp_context(staff_id: str) -> Context:
    return Context(purpose="staff.totp", row=staff_id, field="totp_secret")


def seal_totp_secret(pepper: bytes, staff_id: str, secret: bytes) -> bytes:
    return crypto.encrypt(_pepper_key(pepper, b"wb/totp-secret"), secret, _totp_context(staff_id))


def open_totp_secret(pepper: bytes, staff: Staff) -> bytes:
    if staff.totp_secret is None:
        raise PermissionDeniedError("no TOTP secret")
    return crypto.decrypt(
        _pepper_key(pepper, b"wb/totp-secret"), staff.totp_secret, _totp_context(staff.id)
    )


def _recovery_hash(pepper: bytes, staff_id: str, code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    key = _pepper_key(pepper, b"wb/recovery-code")
    return hmac.new(key, f"{staff_id}:{normal}".encode(), hashlib.sha256).hexdigest()


# --- TOTP ---------------------------------------------------------------------------


def _totp(secret: bytes) -> TOTP:
    return TOTP(secret, TOTP_DIGITS, hashes.SHA1(), TOTP_STEP, enforce_key_length=False)  # noqa: S303


def totp_code(secret: bytes, at: float | None = None) -> str:
    """The current code (tests and the browser test compute codes with this)."""
    return _totp(secret).generate(int(at if at is not None else time.time())).decode()


def text_secret(secret: bytes) -> str:
    """The secret as base32 for typing into an authenticator app."""
    import base64

    return base64.b32encode(secret).decode().rstrip("=")


def secret_from_text(text: str) -> bytes:
    import base64

    clean = "".join(text.split()).upper()
    return base64.b32decode(clean + "=" * (-len(clean) % 8))


def provisioning_uri(secret: bytes, username: str) -> str:
    return _totp(secret).get_provisioning_uri(username, ISSUER)


def _check_totp(staff: Staff, secret: bytes, code: str, at: float) -> bool:
    code = "".join(code.split())
    if len(code) != TOTP_DIGITS or not code.isdigit():
        return False
    step = int(at) // TOTP_STEP
    for candidate in (step, step - 1, step + 1):
        if staff.totp_last_step is not None and candidate <= staff.totp_last_step:
            continue
        try:
            _totp(secret).verify(code.encode(), candidate * TOTP_STEP)
        except InvalidToken:
            continue
        staff.totp_last_step = candidate
        return True
    return False


# --- lockout -------------------------------------------------------------------------


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def is_locked(staff: Staff, moment: dt.datetime | None = None) -> bool:
    return staff.locked_until is not None and _aware(staff.locked_until) > (moment or now())


def _register_failure(staff: Staff, moment: dt.datetime) -> None:
    staff.failed_logins += 1
    extra = staff.failed_logins - LOCK_AFTER
    if extra >= 0:
        staff.locked_until = moment + min(FIRST_LOCK * (2 ** min(extra, 12)), MAX_LOCK)


# --- the login -------------------------------------------------------------------------


def log_in(
    session: Session,
    username: str,
    password: str,
    code: str,
    *,
    pepper: bytes,
    kdf: KdfParams,
    today: dt.date,
    moment: dt.datetime | None = None,
    at: float | None = None,
    provider_verified: bool = False,
) -> LoginOutcome:
    """Check password and second factor; count failures on the account; never raise.

    The caller commits whatever the outcome, so failures and lockouts persist.
    A member who has not yet enrolled TOTP (first login) gets a set-up session only.
    With single sign-on (`provider_verified`) the identity provider's multi-factor login
    replaces TOTP and `password` is the member's key passphrase (docs/sso.md).
    """
    moment = moment or now()
    at = at if at is not None else time.time()
    # PostgreSQL refuses NUL in text; no user name holds one (found by tests/fuzz, issue 8).
    staff = (
        None
        if "\x00" in username
        else session.scalar(select(Staff).where(Staff.username == username.strip()))
    )
    if staff is None or not staff.active:
        # Spend the same Argon2 work, so timing does not tell whether the name exists.
        run_gated(lambda: crypto.derive_password_keys(password, bytes(16), kdf, pepper))
        return LoginOutcome(False)
    if is_locked(staff, moment):
        audit.record_action(session, staff.id, "login.refused_locked", today)
        return LoginOutcome(False)
    try:
        _, keys = staff_service.check_password(session, username.strip(), password, pepper)
    except LoginFailedError:
        _register_failure(staff, moment)
        session.flush()
        audit.record_action(
            session, staff.id, "login.failed", today, detail={"failures": staff.failed_logins}
        )
        return LoginOutcome(False)
    used_recovery = False
    if staff.totp_enrolled and not provider_verified:
        secret = open_totp_secret(pepper, staff)
        if not _check_totp(staff, secret, code, at):
            used_recovery = _use_recovery_code(staff, code, pepper)
            if not used_recovery:
                _register_failure(staff, moment)
                session.flush()
                audit.record_action(
                    session,
                    staff.id,
                    "login.failed",
                    today,
                    detail={"failures": staff.failed_logins},
                )
                return LoginOutcome(False)
    staff.failed_logins = 0
    staff.locked_until = None
    second_factor = staff.totp_enrolled or provider_verified
    stage = Stage.FULL if second_factor and not staff.must_change_password else Stage.SETUP
    session.flush()
    audit.record_action(
        session, staff.id, "login", today, detail={"stage": stage, "recovery_code": used_recovery}
    )
    return LoginOutcome(True, staff.id, keys, stage, used_recovery)


def _use_recovery_code(staff: Staff, code: str, pepper: bytes) -> bool:
    if len("".join(code.split())) <= TOTP_DIGITS:
        return False
    wanted = _recovery_hash(pepper, staff.id, code)
    for stored in staff.recovery_codes:
        if hmac.compare_digest(stored, wanted):
            staff.recovery_codes = [c for c in staff.recovery_codes if c != stored]
            return True
    return False


# --- set-up: new password, TOTP enrolment, recovery codes ----------------------------


def change_own_password(
    session: Session,
    staff: Staff,
    keys: UnlockedKeys | None,
    new_password: str,
    *,
    pepper: bytes,
    kdf: KdfParams,
    today: dt.date,
) -> None:
    """Set a new password (re-wrapping the member's keys under it)."""
    if len(new_password) < MIN_PASSWORD:
        raise PermissionDeniedError(f"the password must be at least {MIN_PASSWORD} characters")
    if keyring.keys_for_role(staff.role) and keys is None:
        raise PermissionDeniedError("the session holds no key to re-wrap")
    staff_service.change_password(session, staff, keys, new_password, pepper, kdf, today)


def start_totp_enrolment(session: Session, staff: Staff, *, pepper: bytes) -> bytes:
    """Make (or reuse) a pending secret, stored encrypted until a code confirms it."""
    if staff.totp_enrolled:
        raise PermissionDeniedError("TOTP is already enrolled")
    if staff.totp_secret is not None:
        return open_totp_secret(pepper, staff)
    secret = secrets.token_bytes(20)
    staff.totp_secret = seal_totp_secret(pepper, staff.id, secret)
    session.flush()
    return secret


def confirm_totp_enrolment(
    session: Session,
    staff: Staff,
    code: str,
    *,
    pepper: bytes,
    today: dt.date,
    at: float | None = None,
) -> list[str]:
    """Confirm the pending secret with a code; return fresh recovery codes (shown once)."""
    secret = open_totp_secret(pepper, staff)
    if not _check_totp(staff, secret, code, at if at is not None else time.time()):
        raise LoginFailedError("the code does not match; check the clock of the device")
    staff.totp_enrolled = True
    codes = new_recovery_codes(session, staff, pepper=pepper)
    audit.record_action(session, staff.id, "staff.totp_enrolled", today, detail={"staff": staff.id})
    return codes


def new_recovery_codes(session: Session, staff: Staff, *, pepper: bytes) -> list[str]:
    """Replace the member's recovery codes; only their keyed hashes are stored."""
    alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
    codes = ["".join(secrets.choice(alphabet) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    codes = [f"{c[:5]}-{c[5:]}" for c in codes]
    staff.recovery_codes = [_recovery_hash(pepper, staff.id, c) for c in codes]
    session.flush()
    return codes


def reset_second_factor(session: Session, member: Staff, *, staff_id: str, today: dt.date) -> None:
    """A head of unit (``staff_id``) resets a member's TOTP (lost phone): they enrol again
    at next login."""
    head = session.get(Staff, staff_id)
    if head is None or head.role != "head":
        raise PermissionDeniedError("only a head of unit can reset a second factor")
    member.totp_secret = None
    member.totp_enrolled = False
    member.totp_last_step = None
    member.recovery_codes = []
    session.flush()
    audit.record_action(session, staff_id, "staff.totp_reset", today, detail={"staff": member.id})


# --- the session payload ---------------------------------------------------------------


def session_payload(stage: str, keys: UnlockedKeys | None) -> bytes:
    """What the server-side session row holds (encrypted by `sessions`)."""
    return json.dumps(
        {
            "stage": stage,
            "unit": keys.unit_private.hex() if keys else None,
            "custodian": keys.custodian_private.hex() if keys and keys.custodian_private else None,
        }
    ).encode()


def read_payload(payload: bytes) -> tuple[str, UnlockedKeys | None]:
    data = json.loads(payload)
    keys = None
    if data.get("unit"):
        custodian = bytes.fromhex(data["custodian"]) if data.get("custodian") else None
        keys = UnlockedKeys(bytes.fromhex(data["unit"]), custodian)
    return data["stage"], keys
