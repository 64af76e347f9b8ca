"""`wb keys rotate`: a removed member's old wrap stops mattering; a crash loses nothing.

The attack: a caseworker is removed, but a copy of the database taken earlier
still holds their wrap of the unit key; with their password and the pepper it
opened every case filed afterwards, because the unit key never changed.
"""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

import crypto
import policies
from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from tests.helpers import stage
from tests.summaries.conftest import cli_env
from wb_cases.cli import main
from wb_cases.db import transaction
from wb_cases.models import Case, Staff, WrappedKey
from wb_cases.models.staff import KeyName, Role
from wb_cases.services import casefile, contexts, intake, key_status, keyring, rotation, staff
from wb_cases.services.intake import Identity, IntakeKeys, NewReport

PASSWORD = "a long password 1"


def _add(instance, db, username: str, role: Role) -> None:  # type: ignore[no-untyped-def]
    _, keys = staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    with transaction(db):
        staff.add_staff(
            db,
            keys,
            username=username,
            display_name=username,
            role=role,
            password=PASSWORD,
            pepper=instance.backoffice.pepper,
            kdf=instance.common.kdf,
            today=TODAY,
        )


def _file(instance, db, *, identity: bool = False):  # type: ignore[no-untyped-def]
    """File a report the way the portal does now: with the public keys certified on disk."""
    unit, custodian = instance.common.paths.verified_public_keys()
    keys = IntakeKeys(unit, custodian, instance.portal.receipt_salt, instance.common.kdf)
    with transaction(db):
        return intake.file_report(
            db,
            NewReport(
                answers={"what": "Snyd med timesedler"},
                anonymous=not identity,
                identity=Identity("Navn Navnesen", "12345678") if identity else None,
                attachments=[stage(instance.backend.file_store, "a.txt", b"bilag")],
            ),
            keys,
            instance.backend.file_store,
            today=TODAY,
            settings=policies.DeadlineSettings(),
        )


def _rotate(instance, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        main,
        ["keys", "rotate", "--recovery-key-stdin", *args],
        env=cli_env(instance),
        input=instance.recovery_key + "\n",
    )
    assert result.exit_code == 0, result.output
    return result


def _opens(instance, member, old_wrap, case) -> bool:  # type: ignore[no-untyped-def]
    """What the removed member does with the earlier copy: password + pepper + their wrap."""
    wrapping = member._wrapping  # derived by the caller from the password and the pepper
    unit_private = crypto.unwrap_key(
        wrapping, old_wrap, keyring._staff_context(member.id, KeyName.UNIT)
    )
    try:
        crypto.open_sealed(unit_private, case.case_key_sealed, contexts.case_key_sealed(case.id))
    except crypto.DecryptionError:
        return False
    return True


def test_a_removed_members_old_wrap_cannot_open_a_case_filed_after_rotation(instance, db):  # type: ignore[no-untyped-def]
    _add(instance, db, "kaj", Role.CASEWORKER)
    _add(instance, db, "bo", Role.CASEWORKER)
    before = _file(instance, db)
    kaj = db.scalar(select(Staff).where(Staff.username == "kaj"))
    # The earlier database copy: kaj's wrap of the unit key and what derives its key.
    old_wrap = db.scalar(
        select(WrappedKey.wrapped).where(
            WrappedKey.staff_id == kaj.id, WrappedKey.key_name == KeyName.UNIT
        )
    )
    kaj._wrapping = keyring.password_keys(PASSWORD, kaj, instance.backoffice.pepper).wrapping_key
    with transaction(db):
        staff.remove_staff(db, "kaj", today=TODAY)
    assert key_status.rotation_due(db)
    assert _opens(instance, kaj, old_wrap, db.get(Case, before.case_id))  # the gap …
    _rotate(instance)
    after = _file(instance, db)
    db.expire_all()
    # … is closed: neither the case filed after nor the re-sealed one opens with it.
    assert not _opens(instance, kaj, old_wrap, db.get(Case, after.case_id))
    assert not _opens(instance, kaj, old_wrap, db.get(Case, before.case_id))
    assert not key_status.rotation_due(db)
    # The remaining caseworker's next login opens the new key sealed to them.
    _, keys = staff.check_password(db, "bo", PASSWORD, instance.backoffice.pepper)
    for filed in (before, after):
        assert casefile.read_case_as_staff(db, keys, filed.case_id).number == filed.number
    _, keys = staff.check_password(db, "bo", PASSWORD, instance.backoffice.pepper)  # and again
    assert casefile.read_case_as_staff(db, keys, after.case_id).number == after.number
    recovered = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    assert casefile.read_case_as_staff(db, recovered, before.case_id).number == before.number


def test_a_custodian_rotation_re_seals_identities(instance, db):  # type: ignore[no-untyped-def]
    filed = _file(instance, db, identity=True)
    old_custodian = instance.common.paths.read_public("custodian")
    _rotate(instance, "--custodian")
    assert instance.common.paths.read_public("custodian") != old_custodian
    db.expire_all()
    _, keys = staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    case = db.get(Case, filed.case_id)
    identity = crypto.open_sealed(
        keys.custodian_private, case.identity_sealed, contexts.identity(case.id)
    )
    assert b"Navn Navnesen" in identity


def test_a_rotation_that_crashes_half_way_leaves_every_case_readable_and_resumes(
    instance, db, monkeypatch
):  # type: ignore[no-untyped-def]
    filed = [_file(instance, db) for _ in range(5)]
    monkeypatch.setattr(rotation, "BATCH", 2)
    with instance.session() as session, session.begin():
        rotating = rotation.start(session, instance.recovery_key, custodian=False)
    rotation.publish(instance.common.paths, rotating)
    with instance.session() as session, session.begin():
        rotation.reseal_batch(session, rotating)  # then the power goes
    db.expire_all()
    # Every case opens with the key its row names: the old one or the new one.
    old = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    states = set()
    for f in filed:
        case = db.get(Case, f.case_id)
        new = case.unit_key_id == rotating.unit_id
        states.add(new)
        key = rotating.unit.private_key if new else old.unit_private
        crypto.open_sealed(key, case.case_key_sealed, contexts.case_key_sealed(case.id))
    assert states == {True, False}
    result = _rotate(instance)  # resumes with the same new key
    assert "rotated" in result.output
    db.expire_all()
    assert instance.common.paths.read_public("unit") == rotating.unit.public_key
    recovered = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    assert recovered.unit_private == rotating.unit.private_key
    for f in filed:
        assert casefile.read_case_as_staff(db, recovered, f.case_id).number == f.number


def test_removing_a_member_says_rotation_is_due_and_heads_see_it(instance, db):  # type: ignore[no-untyped-def]
    _add(instance, db, "kaj", Role.CASEWORKER)
    result = CliRunner().invoke(main, ["staff", "remove", "kaj"], env=cli_env(instance))
    assert result.exit_code == 0 and "wb keys rotate" in result.output
    assert key_status.warnings(db) == ["rotation_due"]
