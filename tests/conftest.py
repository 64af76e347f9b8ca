"""Shared fixtures: a complete instance per test, on SQLite and (when configured) PostgreSQL.

`WB_TEST_DATABASE_URL` names a PostgreSQL server database; the run creates its
own database with a random name there and drops it at the end
(conventions.md § 4). Argon2 runs with small parameters through configuration.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from crypto import KdfParams
from wb_cases.backend import Backend, close_all, open_backend
from wb_cases.config import (
    BackofficeConfig,
    CommonConfig,
    PortalConfig,
    backoffice_config,
    portal_config,
)
from wb_cases.db import Base

FAST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
ADMIN = "leder"
ADMIN_PASSWORD = "correct horse battery staple"
TODAY = dt.date(2026, 3, 2)

PG_URL = os.environ.get("WB_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """Create a throw-away PostgreSQL database for this run and drop it afterwards."""
    base = make_url(PG_URL)
    name = f"wb_test_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        close_all()
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'wb.sqlite3'}"
        return
    url: str = request.getfixturevalue("pg_database")
    yield url
    # Leave the schema for the next test but empty every table.
    engine = create_engine(url)
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} CASCADE"))
    engine.dispose()


@dataclass(frozen=True)
class Instance:
    """A complete instance in a temporary data dir: what `wb init` would have made."""

    common: CommonConfig
    backend: Backend
    recovery_key: str
    portal: PortalConfig
    backoffice: BackofficeConfig

    def session(self) -> Session:
        return self.backend.sessions()


def make_instance(data_dir: Path, database_url: str) -> Instance:
    from wb_cases.services.setup import init_instance

    common = CommonConfig(data_dir=data_dir, database_url=database_url, kdf=FAST_KDF)
    created = init_instance(
        common, admin_username=ADMIN, admin_password=ADMIN_PASSWORD, admin_name="Leder", today=TODAY
    )
    portal = portal_config(common)
    backoffice = backoffice_config(common, {})
    return Instance(common, open_backend(common), created.recovery_key, portal, backoffice)


@pytest.fixture
def instance(tmp_path: Path, database_url: str) -> Iterator[Instance]:
    made = make_instance(tmp_path / "instance", database_url)
    yield made
    close_all()


@pytest.fixture
def db(instance: Instance) -> Iterator[Session]:
    with instance.session() as session:
        yield session
