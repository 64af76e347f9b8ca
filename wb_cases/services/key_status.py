"""Is the unit's key material sound? Checks a staff login, `wb fsck` and the heads' banner use.

- The public keys on disk must belong to the private keys the staff hold: a
  login unwraps the private keys anyway, so it checks that their public halves
  equal public/*.pub and records an alarm for the heads when they do not (a
  swapped `custodian.pub` would make the portal seal identities to someone else).
- A key rotation is due after a member is removed, until `wb keys rotate` ends.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import crypto

from ..errors import WbError
from ..instance import AUDIT_KEY, InstancePaths
from ..models import AuditEntry
from . import audit, keyring
from .keyring import UnlockedKeys

MISMATCH = "keys.public_mismatch"
CERTIFIED = ("keys.certified", "keys.rotated")


def pair_problems(keys: UnlockedKeys, unit_public: bytes, custodian_public: bytes) -> list[str]:
    """Which public keys on disk do not belong to the private keys held ([] when sound)."""
    problems = []
    if crypto.public_key_from_private(keys.unit_private) != unit_public:
        problems.append("unit")
    if (
        keys.custodian_private is not None
        and crypto.public_key_from_private(keys.custodian_private) != custodian_public
    ):
        problems.append("custodian")
    return problems


def alarm_mismatch(session: Session, staff_id: str, problems: list[str], today: dt.date) -> None:
    """Record the mismatch where every head sees it until the keys are certified again."""
    audit.record_action(session, staff_id, MISMATCH, today, detail={"keys": problems})


def open_alarm(session: Session) -> bool:
    """Whether a mismatch was seen after the keys were last certified or rotated."""
    last_alarm = session.scalar(
        select(func.max(AuditEntry.seq)).where(AuditEntry.action == MISMATCH)
    )
    if last_alarm is None:
        return False
    last_ok = session.scalar(
        select(func.max(AuditEntry.seq)).where(AuditEntry.action.in_(CERTIFIED))
    )
    return last_ok is None or last_alarm > last_ok


def warnings(session: Session) -> list[str]:
    """Codes for the heads' banner: "mismatch" and/or "rotation_due"."""
    found = []
    if open_alarm(session):
        found.append("mismatch")
    if rotation_due(session):
        found.append("rotation_due")
    return found


def rotation_due(session: Session) -> bool:
    """Whether a member was removed after the unit key was last rotated."""
    removed = session.scalar(
        select(func.max(AuditEntry.seq)).where(AuditEntry.action == "staff.remove")
    )
    if removed is None:
        return False
    rotated = session.scalar(
        select(func.max(AuditEntry.seq)).where(AuditEntry.action == "keys.rotated")
    )
    return rotated is None or removed > rotated


class KeysDoNotMatchError(WbError):
    """The public keys on disk do not belong to the unit's private keys."""


def certify(
    session: Session,
    paths: InstancePaths,
    keys: UnlockedKeys,
    recovery_key: str | None,
    *,
    actor: str,
    today: dt.date,
) -> int:
    """Vouch for the public keys and key the audit log: the upgrade from the first build.

    Refuses public keys that do not belong to the private keys just unwrapped;
    otherwise writes their proof, wraps the integrity and audit keys under the
    recovery key (when given), and re-chains a first-build (unkeyed) audit log
    with the audit key after checking it. Returns how many entries were re-chained.
    """
    problems = pair_problems(keys, paths.read_public("unit"), paths.read_public("custodian"))
    if problems:
        raise KeysDoNotMatchError(
            f"{', '.join(problems)}.pub on disk does not belong to the private key; "
            "put the right public key back (e.g. from a backup) before certifying"
        )
    paths.certify_public_keys()
    if recovery_key is not None:
        keyring.wrap_secrets_for_recovery(
            session, paths, crypto.recovery_wrapping_key(recovery_key)
        )
    audit_key = paths.read_secret(AUDIT_KEY)
    session.info[audit.AUDIT_KEY_INFO] = audit_key
    rechained = 0
    if not audit.verify_log(session).ok:
        legacy = audit.verify_log(session, key=b"")
        if not legacy.ok:
            raise WbError(f"the audit log is not intact ({legacy.problem}); nothing certified")
        rechained = audit.rechain(session, audit_key)
    audit.record_action(session, actor, "keys.certified", today, detail={"rechained": rechained})
    return rechained
