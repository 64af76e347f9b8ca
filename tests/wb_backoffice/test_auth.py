"""Staff login: password + TOTP, first-login set-up, lockout, timeouts, logout, roles."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.models import LoginSession, Staff
from wb_cases.models.staff import Role
from wb_cases.services import staff_auth

from .conftest import PASSWORD, add_member, enrol, login, post


def test_first_login_forces_a_new_password_and_totp_enrolment(client, db):  # type: ignore[no-untyped-def]
    response = post(client, "/login", {"username": ADMIN, "password": ADMIN_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/setup")
    assert client.get("/").headers["Location"].endswith("/setup")  # nothing else is open
    assert "Vælg ny adgangskode" in client.get("/setup").get_data(as_text=True)
    response = post(
        client,
        "/setup",
        {"password": "a brand new password", "repeat": "a brand new password"},
        token_from="/setup",
    )
    assert response.status_code == 302
    page = client.get("/setup").get_data(as_text=True)
    assert "<svg" in page
    secret = staff_auth.secret_from_text(re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1))
    response = post(client, "/setup", {"code": staff_auth.totp_code(secret)}, token_from="/setup")
    page = response.get_data(as_text=True)
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", page)
    assert len(codes) == 10
    assert client.get("/").status_code == 200  # a full session now
    db.expire_all()
    member = db.scalar(select(Staff).where(Staff.username == ADMIN))
    assert member.totp_enrolled and not member.must_change_password
    assert member.totp_secret is not None and secret not in member.totp_secret
    assert all(code not in str(member.recovery_codes) for code in codes)


def test_login_needs_the_totp_code_once_enrolled(instance, db, client):  # type: ignore[no-untyped-def]
    secret = enrol(instance, db, ADMIN)
    response = post(
        client, "/login", {"username": ADMIN, "password": ADMIN_PASSWORD, "code": "000000"}
    )
    assert response.status_code == 200 and "Forkert" in response.get_data(as_text=True)
    assert login(client, db, ADMIN, ADMIN_PASSWORD, secret).status_code == 302


def test_a_totp_code_cannot_be_replayed(instance, db):  # type: ignore[no-untyped-def]
    secret = enrol(instance, db, ADMIN)
    member = db.scalar(select(Staff).where(Staff.username == ADMIN))
    member.totp_last_step = None
    code = staff_auth.totp_code(secret)
    kwargs = dict(pepper=instance.backoffice.pepper, kdf=instance.common.kdf, today=TODAY)
    assert staff_auth.log_in(db, ADMIN, ADMIN_PASSWORD, code, **kwargs).ok
    assert not staff_auth.log_in(db, ADMIN, ADMIN_PASSWORD, code, **kwargs).ok


def test_a_recovery_code_works_once(instance, db):  # type: ignore[no-untyped-def]
    enrol(instance, db, ADMIN)
    member = db.scalar(select(Staff).where(Staff.username == ADMIN))
    codes = staff_auth.new_recovery_codes(db, member, pepper=instance.backoffice.pepper)
    kwargs = dict(pepper=instance.backoffice.pepper, kdf=instance.common.kdf, today=TODAY)
    first = staff_auth.log_in(db, ADMIN, ADMIN_PASSWORD, codes[0].lower(), **kwargs)
    assert first.ok and first.used_recovery_code
    assert not staff_auth.log_in(db, ADMIN, ADMIN_PASSWORD, codes[0], **kwargs).ok
    assert len(member.recovery_codes) == 9


def test_the_account_locks_after_repeated_failures_whatever_the_address(instance, db):  # type: ignore[no-untyped-def]
    secret = enrol(instance, db, ADMIN)
    kwargs = dict(pepper=instance.backoffice.pepper, kdf=instance.common.kdf, today=TODAY)
    for _ in range(staff_auth.LOCK_AFTER):
        assert not staff_auth.log_in(db, ADMIN, "wrong password", "", **kwargs).ok
    member = db.scalar(select(Staff).where(Staff.username == ADMIN))
    assert staff_auth.is_locked(member)
    member.totp_last_step = None
    # Even the right password and code are refused while locked …
    assert not staff_auth.log_in(
        db, ADMIN, ADMIN_PASSWORD, staff_auth.totp_code(secret), **kwargs
    ).ok
    # … and once the lock has run out they work again and reset the counter.
    later = staff_auth.now() + dt.timedelta(hours=1)
    outcome = staff_auth.log_in(
        db, ADMIN, ADMIN_PASSWORD, staff_auth.totp_code(secret), moment=later, **kwargs
    )
    assert outcome.ok and member.failed_logins == 0


def test_an_unknown_user_gets_the_same_answer(instance, db):  # type: ignore[no-untyped-def]
    outcome = staff_auth.log_in(
        db,
        "nobody",
        "whatever password",
        "123456",
        pepper=instance.backoffice.pepper,
        kdf=instance.common.kdf,
        today=TODAY,
    )
    assert not outcome.ok and outcome.staff_id is None


def test_logout_deletes_the_session_row(head_client, db):  # type: ignore[no-untyped-def]
    assert db.scalar(select(LoginSession)) is not None
    response = post(head_client, "/logout", token_from="/")
    assert response.status_code == 302
    db.expire_all()
    assert db.scalar(select(LoginSession)) is None
    assert head_client.get("/").headers["Location"].endswith("/login")


def test_an_idle_session_expires(head_client, db):  # type: ignore[no-untyped-def]
    row = db.scalar(select(LoginSession))
    with transaction(db):
        row.idle_expires = staff_auth.now() - dt.timedelta(minutes=1)
    assert head_client.get("/").headers["Location"].endswith("/login")


def test_the_absolute_timeout_ends_an_active_session(head_client, db):  # type: ignore[no-untyped-def]
    row = db.scalar(select(LoginSession))
    assert row.absolute_expires - row.idle_expires > dt.timedelta(hours=11)
    with transaction(db):
        row.absolute_expires = staff_auth.now() - dt.timedelta(seconds=1)
    assert head_client.get("/").headers["Location"].endswith("/login")


def test_the_session_cookie_is_httponly_and_samesite_strict(instance, db, app):  # type: ignore[no-untyped-def]
    app.config["WB_COOKIE_SECURE"] = True
    client = app.test_client()
    secret = enrol(instance, db, ADMIN)
    response = login(client, db, ADMIN, ADMIN_PASSWORD, secret)
    cookie = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("wb_staff=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie


def test_a_post_without_csrf_token_is_refused(head_client):  # type: ignore[no-untyped-def]
    assert head_client.post("/logout").status_code == 400


def test_a_committee_reader_cannot_open_a_case(instance, db, client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    add_member(instance, db, "udvalg", Role.COMMITTEE)
    secret = enrol(instance, db, "udvalg")
    assert login(client, db, "udvalg", PASSWORD, secret).status_code == 302
    assert client.get(f"/cases/{filed.case_id}").status_code == 403
    assert client.get("/").headers["Location"].endswith("/committee/")
    page = client.get("/committee/")
    assert page.status_code == 200 and filed.number not in page.get_data(as_text=True)


def test_a_removed_member_can_neither_log_in_nor_decrypt(instance, db, head_client, client):  # type: ignore[no-untyped-def]
    add_member(instance, db, "kaj", Role.CASEWORKER)
    secret = enrol(instance, db, "kaj")
    other = head_client.application.test_client()
    assert login(other, db, "kaj", PASSWORD, secret).status_code == 302
    filed = file_report(instance, db)
    assert other.get(f"/cases/{filed.case_id}").status_code == 200
    member = db.scalar(select(Staff).where(Staff.username == "kaj"))
    response = post(head_client, f"/admin/staff/{member.id}/remove", token_from="/admin/staff")
    assert response.status_code == 302
    assert other.get(f"/cases/{filed.case_id}").headers["Location"].endswith("/login")
    assert login(other, db, "kaj", PASSWORD, secret).status_code == 200  # refused
    from wb_cases.models import WrappedKey

    db.expire_all()
    assert db.scalar(select(WrappedKey).where(WrappedKey.staff_id == member.id)) is None


def test_a_head_adds_a_member_who_can_then_read_cases(instance, db, head_client):  # type: ignore[no-untyped-def]
    response = post(
        head_client,
        "/admin/staff",
        {
            "username": "ny",
            "display_name": "Ny",
            "role": "caseworker",
            "email": "",
            "password": "first password 123",
        },
        token_from="/admin/staff",
    )
    assert response.status_code == 302
    filed = file_report(instance, db)
    from wb_cases.services import casefile
    from wb_cases.services import staff as staff_service

    _, keys = staff_service.check_password(
        db, "ny", "first password 123", instance.backoffice.pepper
    )
    assert casefile.read_case_as_staff(db, keys, filed.case_id).number == filed.number


def test_a_caseworker_cannot_reach_staff_admin(instance, db, client):  # type: ignore[no-untyped-def]
    add_member(instance, db, "kaj", Role.CASEWORKER)
    secret = enrol(instance, db, "kaj")
    login(client, db, "kaj", PASSWORD, secret)
    assert client.get("/admin/staff").status_code == 403


def test_pages_are_danish_first_with_english_on_request(client):  # type: ignore[no-untyped-def]
    assert "Adgangskode" in client.get("/login").get_data(as_text=True)
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert "Password" in english and "Log in" in english
