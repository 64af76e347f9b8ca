"""`wb keys rotate`: a new unit key pair, every case re-sealed to it, every member re-reached.

Removing a member deletes their wrapped copy of the unit key, but a copy of the
database taken earlier still holds it, and with their password and the pepper
it opens every case sealed to that key. A rotation makes those old copies stop
mattering for what comes after it (docs/security.md, T6):

1. start: a new unit key pair (and custodian pair on request); the new private
   keys are stored under the recovery key first ("unit.next"), so a crash at any
   later point loses nothing and a rerun resumes with the same keys;
2. the new public keys go to public/ with their proof; intake reads them at
   every submission, so new cases are sealed to the new key at once;
3. every case's keys (and, for a custodian rotation, every identity) are
   opened with the old or new private key, as the row's key id says, sealed to
   the new public key and marked with its id, in batches that each commit: a
   case is always readable with one of the two keys the recovery key opens;
4. every remaining caseworker and head gets the new keys sealed to their own
   member public key (their password is not known here); their next login
   opens it and wraps it under the password again;
5. finish: the recovery key's wraps become the new keys, the old private key is
   gone from the database, and staff sessions (which hold the old key) end.

The recovery key is needed, not a head's password: only it can renew its own wrap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

import crypto
from crypto import KeyPair

from ..instance import InstancePaths, key_id
from ..models import Case, LoginSession, Staff, WrappedKey
from ..models.staff import KeyName, Role
from . import audit, contexts, keyring
from .keyring import RECOVERY_HOLDER, UnlockedKeys

BATCH = 500


@dataclass(frozen=True, repr=False)
class Rotation:
    """The old private keys and the new key pairs, in memory for one `wb keys rotate`."""

    old: UnlockedKeys
    unit: KeyPair
    custodian: KeyPair | None

    def __repr__(self) -> str:
        return f"Rotation(custodian={'yes' if self.custodian else 'no'})"

    @property
    def unit_id(self) -> str:
        return key_id(self.unit.public_key)

    @property
    def custodian_id(self) -> str | None:
        return key_id(self.custodian.public_key) if self.custodian else None


@dataclass(frozen=True)
class MemberResult:
    reached: list[str]
    without_member_key: list[str]


def _pair(private: bytes) -> KeyPair:
    return KeyPair(private, crypto.public_key_from_private(private))


def _recovery_rows(session: Session) -> dict[str, bytes]:
    return {
        row.key_name: row.wrapped
        for row in session.scalars(select(WrappedKey).where(WrappedKey.holder == RECOVERY_HOLDER))
    }


def start(session: Session, recovery_key: str, *, custodian: bool) -> Rotation:
    """Begin a rotation, or resume the one a crash interrupted (with the keys it made)."""
    old = keyring.unlock_with_recovery_key(session, recovery_key)
    rows = _recovery_rows(session)
    if KeyName.UNIT_NEXT in rows:
        unit = _pair(keyring.recovered_secret(rows, recovery_key, KeyName.UNIT_NEXT))
        next_custodian = None
        if KeyName.CUSTODIAN_NEXT in rows:
            next_custodian = _pair(
                keyring.recovered_secret(rows, recovery_key, KeyName.CUSTODIAN_NEXT)
            )
        return Rotation(old, unit, next_custodian)
    wrapping = crypto.recovery_wrapping_key(recovery_key)
    unit = crypto.generate_keypair()
    keyring.wrap_for_recovery(session, wrapping, KeyName.UNIT_NEXT, unit.private_key)
    new_custodian = None
    if custodian:
        new_custodian = crypto.generate_keypair()
        keyring.wrap_for_recovery(
            session, wrapping, KeyName.CUSTODIAN_NEXT, new_custodian.private_key
        )
    session.flush()
    return Rotation(old, unit, new_custodian)


def publish(paths: InstancePaths, rotation: Rotation) -> None:
    """Put the new public keys in public/ with their proof (idempotent)."""
    paths.write_public(KeyName.UNIT, rotation.unit.public_key)
    if rotation.custodian is not None:
        paths.write_public(KeyName.CUSTODIAN, rotation.custodian.public_key)
    paths.certify_public_keys()


def _pending(rotation: Rotation) -> ColumnElement[bool]:
    """Cases whose keys (or identity, in a custodian rotation) are not yet sealed anew."""
    unit_pending = or_(Case.unit_key_id.is_(None), Case.unit_key_id != rotation.unit_id)
    condition = unit_pending
    if rotation.custodian_id is not None:
        identity_pending = Case.identity_sealed.is_not(None) & or_(
            Case.custodian_key_id.is_(None), Case.custodian_key_id != rotation.custodian_id
        )
        condition = or_(unit_pending, identity_pending)
    # Purged tombstones and keyless early imports hold nothing to re-seal.
    return Case.purged.is_(None) & (Case.case_key_sealed != b"") & condition


def count_pending(session: Session, rotation: Rotation) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Case).where(_pending(rotation))) or 0
    )


def _reseal_case(case: Case, rotation: Rotation) -> None:
    unit_private = (
        rotation.unit.private_key
        if case.unit_key_id == rotation.unit_id
        else rotation.old.unit_private
    )
    for column, context in (
        ("case_key_sealed", contexts.case_key_sealed(case.id)),
        ("staff_key_sealed", contexts.staff_key_sealed(case.id)),
    ):
        key = crypto.open_sealed(unit_private, getattr(case, column), context)
        setattr(case, column, crypto.seal(rotation.unit.public_key, key, context))
    case.unit_key_id = rotation.unit_id
    if rotation.custodian is None or case.identity_sealed is None:
        return
    assert rotation.old.custodian_private is not None
    custodian_private = (
        rotation.custodian.private_key
        if case.custodian_key_id == rotation.custodian_id
        else rotation.old.custodian_private
    )
    context = contexts.identity(case.id)
    identity = crypto.open_sealed(custodian_private, case.identity_sealed, context)
    case.identity_sealed = crypto.seal(rotation.custodian.public_key, identity, context)
    case.custodian_key_id = rotation.custodian_id


def reseal_batch(session: Session, rotation: Rotation, after: str = "") -> tuple[list[str], str]:
    """Re-seal up to BATCH pending cases with ids after `after`; return failures and last id.

    A case that neither key opens (damaged, or sealed to a foreign key) is
    reported and left as it is; the caller commits each batch.
    """
    cases = session.scalars(
        select(Case).where(_pending(rotation), Case.id > after).order_by(Case.id).limit(BATCH)
    ).all()
    failed = []
    for case in cases:
        try:
            _reseal_case(case, rotation)
        except crypto.DecryptionError:
            failed.append(case.number)
    session.flush()
    return failed, (cases[-1].id if cases else "")


def reseal_all(
    session_factory: Callable[[], Session],
    rotation: Rotation,
    progress: Callable[[int], None] = lambda _n: None,
) -> list[str]:
    """Re-seal every pending case, one committed batch at a time; return the failures."""
    failed: list[str] = []
    after = ""
    while True:
        with session_factory() as session, session.begin():
            batch_failed, last = reseal_batch(session, rotation, after)
        if not last:
            return failed
        failed += batch_failed
        progress(BATCH)
        after = last


def reach_members(session: Session, rotation: Rotation) -> MemberResult:
    """Seal the new keys to every remaining member's own public key; drop their old wraps."""
    reached, missing = [], []
    members = session.scalars(
        select(Staff).where(Staff.active.is_(True), Staff.role.in_([Role.CASEWORKER, Role.HEAD]))
    ).all()
    for member in members:
        names = [KeyName.UNIT]
        if rotation.custodian is not None and member.role == Role.HEAD:
            names.append(KeyName.CUSTODIAN)
        session.execute(
            delete(WrappedKey).where(
                WrappedKey.staff_id == member.id,
                WrappedKey.key_name.in_(names + [keyring.SEALED[n] for n in names]),
            )
        )
        if member.member_public is None:
            missing.append(member.username)
            continue
        for name in names:
            private = (
                rotation.unit.private_key
                if name == KeyName.UNIT
                else rotation.custodian.private_key  # type: ignore[union-attr]
            )
            sealed_name = keyring.SEALED[name]
            session.add(
                WrappedKey(
                    holder=f"staff:{member.id}",
                    staff_id=member.id,
                    key_name=sealed_name,
                    wrapped=crypto.seal(
                        member.member_public,
                        private,
                        keyring.sealed_for_member_context(member.id, sealed_name),
                    ),
                )
            )
        reached.append(member.username)
    session.flush()
    return MemberResult(reached, missing)


def finish(
    session: Session,
    recovery_key: str,
    rotation: Rotation,
    *,
    cases: int,
    today: dt.date,
) -> None:
    """Make the new keys the recovery key's, forget the old ones, end staff sessions."""
    wrapping = crypto.recovery_wrapping_key(recovery_key)
    keyring.wrap_for_recovery(session, wrapping, KeyName.UNIT, rotation.unit.private_key)
    if rotation.custodian is not None:
        keyring.wrap_for_recovery(
            session, wrapping, KeyName.CUSTODIAN, rotation.custodian.private_key
        )
    session.execute(
        delete(WrappedKey).where(
            WrappedKey.holder == RECOVERY_HOLDER,
            WrappedKey.key_name.in_([KeyName.UNIT_NEXT, KeyName.CUSTODIAN_NEXT]),
        )
    )
    # Staff sessions hold the old unit key in their payload: everyone logs in again.
    session.execute(delete(LoginSession).where(LoginSession.staff_id.is_not(None)))
    audit.record_action(
        session,
        "recovery-key",
        "keys.rotated",
        today,
        detail={"cases": cases, "custodian": rotation.custodian is not None},
    )
