"""The key hierarchy in use: staff wraps, the recovery key, roles and removal."""

from __future__ import annotations

import datetime as dt

import pytest

import policies
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.errors import LoginFailedError, PermissionDeniedError
from wb_cases.models import Staff, WrappedKey
from wb_cases.models.staff import Role
from wb_cases.services import casefile, identity, keyring, staff
from wb_cases.services.identity import IdentityReason
from wb_cases.services.intake import Identity

TODAY = dt.date(2026, 3, 2)


def _add(instance, db, username: str, role: Role, password: str = "a long password 1"):  # type: ignore[no-untyped-def]
    _, keys = staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    with transaction(db):
        staff.add_staff(
            db,
            keys,
            username=username,
            display_name=username,
            role=role,
            password=password,
            pepper=instance.backoffice.pepper,
            kdf=instance.common.kdf,
            today=TODAY,
            staff_id="admin",
        )


def test_losing_every_staff_password_still_opens_cases_with_the_recovery_key(instance, db):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, anonymous=False, identity=Identity("Navn", "tlf"))
    with transaction(db):
        for row in db.query(WrappedKey).filter(WrappedKey.staff_id.is_not(None)):
            db.delete(row)
    with pytest.raises(LoginFailedError):
        staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    keys = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    assert casefile.read_case_as_staff(db, keys, filed.case_id).report["what"]
    head = db.query(Staff).filter_by(username=ADMIN).one()
    with transaction(db):
        asked = _ask(db, keys, filed.case_id, head.id)
        shown = identity.open_identity(db, keys, asked.id, staff_id=head.id, **_WHEN)
    assert shown["name"] == "Navn"


def test_a_wrong_recovery_key_opens_nothing(instance, db):  # type: ignore[no-untyped-def]
    import crypto

    with pytest.raises(LoginFailedError):
        keyring.unlock_with_recovery_key(db, crypto.new_recovery_key())


def test_a_new_head_recovers_access_for_a_newcomer_with_the_recovery_key(instance, db):  # type: ignore[no-untyped-def]
    keys = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    with transaction(db):
        staff.add_staff(
            db,
            keys,
            username="ny",
            display_name="Ny",
            role=Role.CASEWORKER,
            password="another password",
            pepper=instance.backoffice.pepper,
            kdf=instance.common.kdf,
            today=TODAY,
        )
    filed = file_report(instance, db)
    _, own = staff.check_password(db, "ny", "another password", instance.backoffice.pepper)
    assert casefile.read_case_as_staff(db, own, filed.case_id).number == filed.number


def test_a_caseworker_cannot_open_an_identity(instance, db):  # type: ignore[no-untyped-def]
    _add(instance, db, "sagsbehandler", Role.CASEWORKER)
    filed = file_report(instance, db, anonymous=False, identity=Identity("Navn", "tlf"))
    _, keys = staff.check_password(
        db, "sagsbehandler", "a long password 1", instance.backoffice.pepper
    )
    assert keys is not None and keys.custodian_private is None
    caseworker = db.query(Staff).filter_by(username="sagsbehandler").one()
    with pytest.raises(PermissionDeniedError):
        _ask(db, keys, filed.case_id, caseworker.id)
    db.rollback()
    head = db.query(Staff).filter_by(username=ADMIN).one()
    _, head_keys = staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    asked = _ask(db, head_keys, filed.case_id, head.id)
    with pytest.raises(PermissionDeniedError):  # a head's name does not lend the custodian key
        identity.open_identity(db, keys, asked.id, staff_id=head.id, **_WHEN)


def test_a_committee_reader_holds_no_key_and_cannot_open_a_case(instance, db):  # type: ignore[no-untyped-def]
    _add(instance, db, "udvalg", Role.COMMITTEE)
    filed = file_report(instance, db)
    _, keys = staff.check_password(db, "udvalg", "a long password 1", instance.backoffice.pepper)
    assert keys is None
    with pytest.raises(PermissionDeniedError):
        casefile.read_case_as_staff(db, keys, filed.case_id)


def test_a_removed_member_can_neither_log_in_nor_decrypt(instance, db):  # type: ignore[no-untyped-def]
    _add(instance, db, "gaaet", Role.CASEWORKER)
    with transaction(db):
        staff.remove_staff(db, "gaaet", today=TODAY, staff_id="admin")
    with pytest.raises(LoginFailedError):
        staff.check_password(db, "gaaet", "a long password 1", instance.backoffice.pepper)
    member = db.query(staff.Staff).filter_by(username="gaaet").one()
    assert db.query(WrappedKey).filter_by(staff_id=member.id).count() == 0


def test_a_wrong_password_fails_with_the_generic_error(instance, db):  # type: ignore[no-untyped-def]
    for username in (ADMIN, "nobody"):
        with pytest.raises(LoginFailedError) as raised:
            staff.check_password(db, username, "wrong password!", instance.backoffice.pepper)
        assert str(raised.value) == "wrong user name or password"


def test_changing_the_password_rewraps_the_keys(instance, db):  # type: ignore[no-untyped-def]
    member, keys = staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    with transaction(db):
        staff.change_password(
            db,
            member,
            keys,
            "a brand new password",
            instance.backoffice.pepper,
            instance.common.kdf,
            TODAY,
        )
    with pytest.raises(LoginFailedError):
        staff.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    _, again = staff.check_password(db, ADMIN, "a brand new password", instance.backoffice.pepper)
    assert again is not None and again.unit_private == keys.unit_private


def test_the_wrap_needs_the_back_office_pepper(instance, db):  # type: ignore[no-untyped-def]
    """A database copy without the data dir's pepper cannot be attacked offline."""
    with pytest.raises(LoginFailedError):
        staff.check_password(db, ADMIN, ADMIN_PASSWORD, b"\x00" * 32)


def test_a_member_who_still_holds_cases_cannot_be_removed_before_a_hand_over(instance, db):  # type: ignore[no-untyped-def]
    from wb_cases.models import Case
    from wb_cases.services import handover

    _add(instance, db, "holder", Role.CASEWORKER)
    _add(instance, db, "taker", Role.CASEWORKER)
    filed = file_report(instance, db)
    holder = db.query(staff.Staff).filter_by(username="holder").one()
    taker = db.query(staff.Staff).filter_by(username="taker").one()
    with transaction(db):
        db.get(Case, filed.case_id).assigned_staff_id = holder.id
    with pytest.raises(staff.CasesNotHandedOverError):
        with transaction(db):
            staff.remove_staff(db, "holder", today=TODAY, staff_id="admin")
    assert db.query(WrappedKey).filter_by(staff_id=holder.id).count() == 1
    with transaction(db):
        handover.hand_over_cases(db, holder.id, taker.id, staff_id="admin", today=TODAY)
        staff.remove_staff(db, "holder", today=TODAY, staff_id="admin")
    assert db.get(Case, filed.case_id).assigned_staff_id == taker.id


_WHEN = {"today": TODAY, "options": policies.UnitOptions()}


def _ask(db, keys, case_id: str, staff_id: str):  # type: ignore[no-untyped-def]
    """The head of unit's written request to open the identity (§ 24a, stk. 2)."""
    return identity.request_opening(
        db,
        keys,
        case_id,
        staff_id=staff_id,
        reason=IdentityReason.REPORTER_CONSENT,
        justification="Indberetteren har givet samtykke.",
        **_WHEN,
    )
