"""An instance with the earlier-cases fixture imported through `wb import`, once per module.

Read-only tests share it; tests that change data use the function-scoped
`instance` from tests/conftest.py. On PostgreSQL the module gets its own
database, so the per-test TRUNCATE of the shared one never touches it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import BACKENDS, PG_URL, Instance, make_instance
from wb_cases.backend import close_all
from wb_cases.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "earlier_cases.json"
FAST = {"WB_ARGON2_TIME_COST": "1", "WB_ARGON2_MEMORY_KIB": "8", "WB_ARGON2_PARALLELISM": "1"}


def cli_env(instance: Instance, **extra: str) -> dict[str, str]:
    return {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
        **FAST,
        **extra,
    }


def run_wb(instance: Instance, *args: str, **env: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=cli_env(instance, **env))


def summary_json(instance: Instance, tmp: Path, *args: str, **env: str) -> dict:  # type: ignore[type-arg]
    out = tmp / f"summary-{secrets.token_hex(4)}.json"
    result = run_wb(instance, "summary", *args, "--format", "json", "--out", str(out), **env)
    assert result.exit_code == 0, result.output
    data: dict = json.loads(out.read_text())  # type: ignore[type-arg]
    return data


@dataclass(frozen=True)
class Loaded:
    instance: Instance
    import_output: str


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    root = tmp_path_factory.mktemp("summaries")
    admin = None
    name = ""
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'wb.sqlite3'}"
    else:
        base = make_url(PG_URL)
        name = f"wb_test_sum_{secrets.token_hex(5)}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = base.set(database=name).render_as_string(hide_password=False)
    try:
        instance = make_instance(root / "instance", url)
        result = run_wb(instance, "import", str(FIXTURE))
        assert result.exit_code == 0, result.output
        yield Loaded(instance, result.output)
    finally:
        close_all()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
                    ),
                    {"n": name},
                )
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            admin.dispose()
