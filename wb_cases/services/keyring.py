"""The unit's key hierarchy in the database: who holds a wrapped copy of which key.

- The unit private key opens case and staff keys; it is wrapped per caseworker
  and head of unit, and under the recovery key.
- The custodian private key opens identities; it is wrapped for heads of unit
  and under the recovery key only (design.md § 2).
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
        _wrap_for_recovery(session, wrapping, name, pair.private_key)
    paths.certify_public_keys()
    wrap_secrets_for_recovery(session, paths, wrapping)
    session.flush()
    return UnlockedKeys(unit.private_key, custodian.private_key), recovery_key


def _wrap_for_recovery(session: Session, wrapping: bytes, name: str, key: bytes) -> None:
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
        _wrap_for_recovery(session, wrapping, name, paths.read_secret(name))
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
    """Give a member their own wrapped copies of the keys their role needs."""
    session.execute(delete(WrappedKey).where(WrappedKey.staff_id == staff.id))
    for name in keys_for_role(staff.role):
        private = keys.unit_private if name == KeyName.UNIT else keys.custodian_private
        if private is None:
            raise PermissionError("the granting session does not hold the custodian key")
        session.add(
            WrappedKey(
                holder=f"staff:{staff.id}",
                staff_id=staff.id,
                key_name=name,
                wrapped=crypto.wrap_key(wrapping_key, private, _staff_context(staff.id, name)),
            )
        )
    session.flush()


def unwrap_for_staff(session: Session, staff: Staff, wrapping_key: bytes) -> UnlockedKeys | None:
    """Open a member's wrapped keys; None for a role that holds none (committee)."""
    rows = {
        row.key_name: row.wrapped
        for row in session.scalars(select(WrappedKey).where(WrappedKey.staff_id == staff.id))
    }
    if not keys_for_role(staff.role):
        return None
    if KeyName.UNIT not in rows:
        # The role needs keys but the wraps are gone (removed member, lost key copy).
        raise LoginFailedError("wrong user name or password")
    try:
        unit = crypto.unwrap_key(
            wrapping_key, rows[KeyName.UNIT], _staff_context(staff.id, KeyName.UNIT)
        )
        custodian = None
        if KeyName.CUSTODIAN in rows:
            custodian = crypto.unwrap_key(
                wrapping_key, rows[KeyName.CUSTODIAN], _staff_context(staff.id, KeyName.CUSTODIAN)
            )
    except crypto.DecryptionError:
        raise LoginFailedError("wrong user name or password") from None
    return UnlockedKeys(unit, custodian)


def password_keys(password: str, staff: Staff, pepper: bytes) -> crypto.PasswordKeys:
    return crypto.derive_password_keys(
        password, staff.password_salt, KdfParams.from_dict(staff.password_kdf), pepper
    )
