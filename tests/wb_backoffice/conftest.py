"""Back-office fixtures: the app over the test instance, a client, staff actors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from wb_backoffice import create_app
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import staff as staff_service
from wb_cases.services import staff_auth

PASSWORD = "a long enough password"
CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


@pytest.fixture
def app(instance: Any) -> Iterator[Flask]:
    app = create_app(instance.backoffice)
    app.config.update(
        TESTING=True, WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False, WB_TODAY=TODAY
    )
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    match = CSRF.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def post(
    client: FlaskClient,
    path: str,
    data: dict[str, Any] | None = None,
    token_from: str = "/login",
    **kwargs: Any,
) -> Any:
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client, token_from))
    return client.post(path, data=data, **kwargs)


def enrol(instance: Any, db: Any, username: str) -> bytes:
    """Finish a member's set-up through the services; return their TOTP secret."""
    member = db.query(Staff).filter_by(username=username).one()
    with transaction(db):
        member.must_change_password = False
        secret = staff_auth.start_totp_enrolment(db, member, pepper=instance.backoffice.pepper)
        staff_auth.confirm_totp_enrolment(
            db, member, staff_auth.totp_code(secret), pepper=instance.backoffice.pepper, today=TODAY
        )
    return secret


def add_member(instance: Any, db: Any, username: str, role: Role, password: str = PASSWORD) -> None:
    _, keys = staff_service.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    with transaction(db):
        staff_service.add_staff(
            db,
            keys,
            username=username,
            display_name=username.title(),
            role=role,
            password=password,
            pepper=instance.backoffice.pepper,
            kdf=instance.common.kdf,
            today=TODAY,
            staff_id="test",
        )


def login(client: FlaskClient, db: Any, username: str, password: str, secret: bytes) -> Any:
    """Log in with password + a fresh TOTP code (the replay guard is reset first)."""
    member = db.query(Staff).filter_by(username=username).one()
    with transaction(db):
        member.totp_last_step = None
    return post(
        client,
        "/login",
        {"username": username, "password": password, "code": staff_auth.totp_code(secret)},
    )


@pytest.fixture
def head_client(instance: Any, db: Any, client: FlaskClient) -> FlaskClient:
    secret = enrol(instance, db, ADMIN)
    response = login(client, db, ADMIN, ADMIN_PASSWORD, secret)
    assert response.status_code == 302 and response.headers["Location"].endswith("/"), response.data
    return client
