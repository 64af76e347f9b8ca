"""Fuzz fixtures: both apps over one instance, a snapshot of everything stored, the profile.

The suite runs a short, fixed slice (conventions.md § 4): `FUZZ` is deterministic
(derandomize, no example database) with deadline=None; `WB_FUZZ_EXAMPLES` raises the
number of examples for `make fuzz`-style longer runs. The profile is applied per test
with `@FUZZ`, never loaded globally, so other packages keep theirs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from sqlalchemy import func, select

from tests.conftest import ADMIN, ADMIN_PASSWORD
from wb_cases.db import Base

EXAMPLES = int(os.environ.get("WB_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=EXAMPLES,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@dataclass(frozen=True)
class Snapshot:
    """Row counts of every table and every file (path, size) under the file store."""

    rows: dict[str, int]
    files: frozenset[tuple[str, int]]

    def without(self, *tables: str) -> Snapshot:
        return Snapshot({k: v for k, v in self.rows.items() if k not in tables}, self.files)


def snapshot(instance: Any) -> Snapshot:
    with instance.session() as session:
        rows = {
            t.name: int(session.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }
    root = instance.backend.file_store.root
    files = frozenset(
        (str(p.relative_to(root)), p.stat().st_size) for p in root.rglob("*") if p.is_file()
    )
    return Snapshot(rows, files)


@pytest.fixture
def portal_app(instance: Any) -> Iterator[Flask]:
    from wb_portal import create_app

    # The receipt token bucket protects the server, not the codes; the fuzzer would
    # empty it in a second and then see only the (correct) 503 page.
    yield create_app(instance.portal, TESTING=True, PORTAL_RECEIPT_BURST=100_000)


@pytest.fixture
def portal_client(portal_app: Flask) -> FlaskClient:
    return portal_app.test_client()


@pytest.fixture
def bo_app(instance: Any) -> Iterator[Flask]:
    from tests.conftest import TODAY
    from wb_backoffice import create_app

    app = create_app(instance.backoffice)
    app.config.update(
        TESTING=True, WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False, WB_TODAY=TODAY
    )
    yield app


@pytest.fixture
def head_client(instance: Any, db: Any, bo_app: Flask) -> FlaskClient:
    """A head of unit logged in with password + TOTP (set up through the services)."""
    from tests.wb_backoffice.conftest import enrol, login

    client = bo_app.test_client()
    secret = enrol(instance, db, ADMIN)
    response = login(client, db, ADMIN, ADMIN_PASSWORD, secret)
    assert response.status_code == 302, response.data
    return client
