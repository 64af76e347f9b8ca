"""Staff accounts: add, remove, list, log in with a password, change it.

Adding a member re-wraps the unit key for them from a session that holds it (a
logged-in head of unit, or the recovery key); removing one deletes their
wrapped copies and ends their sessions (docs/architecture.md § 2).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

import crypto
from crypto import KdfParams

from ..errors import LoginFailedError, NotFoundError, PermissionDeniedError, WbError
from ..models import Case, LoginSession, Staff, WrappedKey
from ..models.staff import Role
from . import audit, keyring
from .kdf_gate import run_gated
from .keyring import UnlockedKeys


class CasesNotHandedOverError(WbError):
    """The member still holds cases; hand them over first."""


@dataclass(frozen=True)
class StaffSummary:
    id: str
    username: str
    display_name: str
    role: str
    active: bool
    totp_enrolled: bool = False


def _set_password(staff: Staff, password: str, pepper: bytes, kdf: KdfParams) -> bytes:
    """Store a new salt and verifier hash; return the new wrapping key (never stored)."""
    staff.password_salt = crypto.new_salt()
    staff.password_kdf = kdf.to_dict()
    derived = run_gated(
        lambda: crypto.derive_password_keys(password, staff.password_salt, kdf, pepper)
    )
    staff.verifier_hash = crypto.verifier_hash(derived.verifier)
    return derived.wrapping_key


def add_staff(
    session: Session,
    granting: UnlockedKeys | None,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    pepper: bytes,
    kdf: KdfParams,
    today: dt.date,
    staff_id: str = "system",
    email: str | None = None,
    sso_subject: str | None = None,
) -> Staff:
    """Create a member and wrap the keys their role needs from the granting session's keys.

    With single sign-on, `sso_subject` is the provider's stable identifier for them and
    `password` their first key passphrase, which they change at their first sign-in.
    """
    if session.scalar(select(Staff).where(Staff.username == username)) is not None:
        raise PermissionDeniedError(f"user name {username!r} is taken")
    if sso_subject and session.scalar(select(Staff).where(Staff.sso_subject == sso_subject)):
        raise PermissionDeniedError("that identifier already belongs to a member")
    if keyring.keys_for_role(role) and granting is None:
        raise PermissionDeniedError("adding a caseworker or head needs the unit key unlocked")
    staff = Staff(
        id=secrets.token_hex(16),
        username=username,
        display_name=display_name,
        role=role,
        email=email,
        created=today,
        must_change_password=True,
        sso_subject=sso_subject or None,
    )
    wrapping_key = _set_password(staff, password, pepper, kdf)
    session.add(staff)
    session.flush()
    if granting is not None:
        keyring.wrap_for_staff(session, staff, wrapping_key, granting)
    audit.record_action(
        session, staff_id, "staff.add", today, detail={"staff": staff.id, "role": role}
    )
    return staff


def remove_staff(
    session: Session, username: str, *, today: dt.date, staff_id: str = "system"
) -> None:
    """Deactivate a member: delete their wrapped keys and end every session of theirs.

    A member who still holds cases must hand them over first, so
    no case is left without someone responsible for it.
    """
    staff = session.scalar(select(Staff).where(Staff.username == username))
    if staff is None:
        raise NotFoundError(f"no staff member {username!r}")
    held = session.scalar(
        select(func.count())
        .select_from(Case)
        .where(Case.assigned_staff_id == staff.id, Case.purged.is_(None))
    )
    if held:
        raise CasesNotHandedOverError(
            f"{username} still holds {held} case(s); hand them over before removing them"
        )
    session.execute(delete(WrappedKey).where(WrappedKey.staff_id == staff.id))
    session.execute(delete(LoginSession).where(LoginSession.staff_id == staff.id))
    staff.active = False
    staff.verifier_hash = b""
    session.flush()
    audit.record_action(session, staff_id, "staff.remove", today, detail={"staff": staff.id})


def list_staff(session: Session, *, active_first: bool = False) -> list[StaffSummary]:
    """Every member by user name (the active ones first when asked); no secret fields."""
    order = (Staff.active.desc(), Staff.username) if active_first else (Staff.username,)
    return [
        StaffSummary(s.id, s.username, s.display_name, s.role, s.active, s.totp_enrolled)
        for s in session.scalars(select(Staff).order_by(*order))
    ]


def load_member(session: Session, member_id: str) -> Staff:
    """The member, or NotFoundError."""
    member = session.get(Staff, member_id)
    if member is None:
        raise NotFoundError("no such staff member")
    return member


def check_password(
    session: Session, username: str, password: str, pepper: bytes
) -> tuple[Staff, UnlockedKeys | None]:
    """Verify a password and open the member's keys; one generic error for every failure."""
    staff = session.scalar(select(Staff).where(Staff.username == username))
    if staff is None or not staff.active:
        raise LoginFailedError("wrong user name or password")
    derived = run_gated(lambda: keyring.password_keys(password, staff, pepper))
    if not crypto.verifier_matches(derived.verifier, staff.verifier_hash):
        raise LoginFailedError("wrong user name or password")
    return staff, keyring.unwrap_for_staff(session, staff, derived.wrapping_key)


def change_password(
    session: Session,
    staff: Staff,
    keys: UnlockedKeys | None,
    new_password: str,
    pepper: bytes,
    kdf: KdfParams,
    today: dt.date,
) -> None:
    """Set a new password and re-wrap the member's keys under it."""
    wrapping_key = _set_password(staff, new_password, pepper, kdf)
    staff.must_change_password = False
    if keys is not None:
        keyring.wrap_for_staff(session, staff, wrapping_key, keys)
    session.flush()
    audit.record_action(
        session, staff.id, "staff.password_changed", today, detail={"staff": staff.id}
    )


def acting_member(session: Session, staff_id: str, roles: tuple[Role, ...]) -> Staff:
    """The member doing an act, if their role may do it: the services check the role
    themselves, so an act is refused whichever app or command calls it."""
    member = session.get(Staff, staff_id)
    if member is None or member.role not in roles:
        raise PermissionDeniedError("this role cannot do this")
    return member
