"""The unit's key hierarchy in the database: who holds a wrapped copy of which key.

- The unit private key opens case and staff keys; it is wrapped per caseworker
  and head of unit, and under the recovery key.
- The custodian private key opens identities; it is wrapped for heads of unit
  and under the recovery key only (docs/architecture.md § 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import crypto
from crypto import Context, KdfParams

from ..errors import LoginFailedError
from ..instance import RECOVERY_WRAPPED_SECRETS, InstancePaths
from ..models import Staff, WrappedKey
from ..models.staff import KeyName, Role

RECOVERY_HOLDER = "recovery"


@dataclass(frozen=True, repr=False)
class UnlockedKeys:
    """Private keys in memory for one staff session; `repr` never shows them."""

    unit_private: bytes
    custodian_private: bytes | None = None

    def __repr__(self) -> str:
        return f"UnlockedKeys(custodian={'yes' if self.custodian_private else 'no'})"


def _staff_context(staff_id: str, key_name: str) -> Context:
    return Context(purpose="private-key.staff", row=staff_id, field=key_name)


def recovery_context(key_name: str) -> Context:
    return Context(purpose="private-key.recovery", field=key_name)


def keys_for_role(role: str) -> tuple[KeyName, ...]:
    """A committee reader holds no key; only a head of unit holds the custodian key."""
    if role == Role.HEAD:
        return (KeyName.UNIT, KeyName.CUSTODIAN)
    if role == Role.CASEWORKER:
        return (KeyName.UNIT,)
    return ()


def create_unit_keys(session: Session, paths: InstancePaths) -> tuple[UnlockedKeys, str]:
    """Generate the unit and custodian key pairs; return them with the new recovery key."""
    unit = crypto.generate_keypair()
    custodian = crypto.generate_keypair()
    recovery_key = crypto.new_recovery_key()
    wrapping = crypto.recovery_wrapping_key(recovery_key)
    for name, pair in ((KeyName.UNIT, unit), (KeyName.CUSTODIAN, custodian)):
        paths.write_public(name, pair.public_key)
        wrap_for_recovery(session, wrapping, name, pair.private_key)
    paths.certify_public_keys()
    wrap_secrets_for_recovery(session, paths, wrapping)
    session.flush()
    return UnlockedKeys(unit.private_key, custodian.private_key), recovery_key


def wrap_for_recovery(session: Session, wrapping: bytes, name: str, key: bytes) -> None:
    session.execute(
        delete(WrappedKey).where(WrappedKey.holder == RECOVERY_HOLDER, WrappedKey.key_name == name)
    )
    session.add(
        WrappedKey(
            holder=RECOVERY_HOLDER,
            key_name=name,
            wrapped=crypto.wrap_key(wrapping, key, recovery_context(name)),
        )
    )


def wrap_secrets_for_recovery(session: Session, paths: InstancePaths, wrapping: bytes) -> None:
    """Keep the integrity and audit keys under the recovery key too: a restore checks with them."""
    for name in RECOVERY_WRAPPED_SECRETS:
        wrap_for_recovery(session, wrapping, name, paths.read_secret(name))
    session.flush()


def recovered_secret(rows: dict[str, bytes], recovery_key: str, name: str) -> bytes:
    """Open one recovery-wrapped secret from {key_name: wrapped}; DecryptionError if forged."""
    wrapping = crypto.recovery_wrapping_key(recovery_key)
    if name not in rows:
        raise crypto.DecryptionError(f"no recovery wrap of {name}")
    return crypto.unwrap_key(wrapping, rows[name], recovery_context(name))


def unlock_with_recovery_key(session: Session, recovery_key: str) -> UnlockedKeys:
    """Open both private keys with the recovery key, e.g. after every password is lost."""
    wrapping = crypto.recovery_wrapping_key(recovery_key)
    rows = {
        row.key_name: row.wrapped
        for row in session.scalars(select(WrappedKey).where(WrappedKey.holder == RECOVERY_HOLDER))
    }
    try:
        unit = crypto.unwrap_key(wrapping, rows[KeyName.UNIT], recovery_context(KeyName.UNIT))
        custodian = crypto.unwrap_key(
            wrapping, rows[KeyName.CUSTODIAN], recovery_context(KeyName.CUSTODIAN)
        )
    except (KeyError, crypto.DecryptionError):
        raise LoginFailedError("the recovery key does not open this instance") from None
    return UnlockedKeys(unit, custodian)


def wrap_for_staff(session: Session, staff: Staff, wrapping_key: bytes, keys: UnlockedKeys) -> None:
    """Give a member their own wrapped copies of the keys their role needs, and a member key
    pair (its public half lets a key rotation reach them without their password)."""
    session.execute(delete(WrappedKey).where(WrappedKey.staff_id == staff.id))
    for name in keys_for_role(staff.role):
        private = keys.unit_private if name == KeyName.UNIT else keys.custodian_private
        if private is None:
            raise PermissionError("the granting session does not hold the custodian key")
        _add_staff_wrap(session, staff, wrapping_key, name, private)
    if keys_for_role(staff.role):
        _new_member_pair(session, staff, wrapping_key)
    session.flush()


def _add_staff_wrap(
    session: Session, staff: Staff, wrapping_key: bytes, name: str, private: bytes
) -> None:
    session.execute(
        delete(WrappedKey).where(WrappedKey.staff_id == staff.id, WrappedKey.key_name == name)
    )
    session.add(
        WrappedKey(
            holder=f"staff:{staff.id}",
            staff_id=staff.id,
            key_name=name,
            wrapped=crypto.wrap_key(wrapping_key, private, _staff_context(staff.id, name)),
        )
    )


def _new_member_pair(session: Session, staff: Staff, wrapping_key: bytes) -> bytes:
    pair = crypto.generate_keypair()
    _add_staff_wrap(session, staff, wrapping_key, KeyName.MEMBER, pair.private_key)
    staff.member_public = pair.public_key
    return pair.private_key


def sealed_for_member_context(staff_id: str, key_name: str) -> Context:
    return Context(purpose="private-key.sealed-for-member", row=staff_id, field=key_name)


def unwrap_for_staff(session: Session, staff: Staff, wrapping_key: bytes) -> UnlockedKeys | None:
    """Open a member's wrapped keys; None for a role that holds none (committee).

    After a key rotation the new keys wait sealed to the member's public key: they
    are opened with the member's private key and wrapped under the password again.
    """
    rows = {
        row.key_name: row.wrapped
        for row in session.scalars(select(WrappedKey).where(WrappedKey.staff_id == staff.id))
    }
    if not keys_for_role(staff.role):
        return None
    if KeyName.UNIT not in rows and KeyName.UNIT_SEALED not in rows:
        # The role needs keys but the wraps are gone (removed member, lost key copy).
        raise LoginFailedError("wrong user name or password")
    try:
        member = _member_private(session, staff, wrapping_key, rows)
        unit = _open_own(session, staff, wrapping_key, rows, member, KeyName.UNIT)
        custodian = None
        if KeyName.CUSTODIAN in rows or KeyName.CUSTODIAN_SEALED in rows:
            custodian = _open_own(session, staff, wrapping_key, rows, member, KeyName.CUSTODIAN)
    except crypto.DecryptionError:
        raise LoginFailedError("wrong user name or password") from None
    session.flush()
    return UnlockedKeys(unit, custodian)


def _member_private(
    session: Session, staff: Staff, wrapping_key: bytes, rows: dict[str, bytes]
) -> bytes:
    if KeyName.MEMBER in rows and staff.member_public is not None:
        return crypto.unwrap_key(
            wrapping_key, rows[KeyName.MEMBER], _staff_context(staff.id, KeyName.MEMBER)
        )
    # A member from the first build gets a key pair at their first login after it.
    return _new_member_pair(session, staff, wrapping_key)


SEALED = {KeyName.UNIT: KeyName.UNIT_SEALED, KeyName.CUSTODIAN: KeyName.CUSTODIAN_SEALED}


def _open_own(
    session: Session,
    staff: Staff,
    wrapping_key: bytes,
    rows: dict[str, bytes],
    member: bytes,
    name: KeyName,
) -> bytes:
    sealed_name = SEALED[name]
    if sealed_name in rows:
        private = crypto.open_sealed(
            member, rows[sealed_name], sealed_for_member_context(staff.id, sealed_name)
        )
        _add_staff_wrap(session, staff, wrapping_key, name, private)
        session.execute(
            delete(WrappedKey).where(
                WrappedKey.staff_id == staff.id, WrappedKey.key_name == sealed_name
            )
        )
        return private
    return crypto.unwrap_key(wrapping_key, rows[name], _staff_context(staff.id, name))


def password_keys(password: str, staff: Staff, pepper: bytes) -> crypto.PasswordKeys:
    return crypto.derive_password_keys(
        password, staff.password_salt, KdfParams.from_dict(staff.password_kdf), pepper
    )
