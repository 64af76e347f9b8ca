"""Safe defaults on disk: data dir 0700, secrets and database files 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_instance
from tests.helpers import file_report
from wb_cases.backend import close_all


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual default: files 0644, directories 0755
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_nobody_else_on_the_host_can_read_the_instance(tmp_path: Path, loose_umask: None) -> None:
    root = tmp_path / "instance"
    made = make_instance(root, f"sqlite:///{root / 'wb.sqlite3'}")
    with made.session() as session:
        file_report(made, session)  # writes, so SQLite has its -wal and -shm files
        database = root / "wb.sqlite3"
        journal = [database.with_name(database.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in journal)
        assert _mode(root) == 0o700
        assert _mode(root / "secrets") == 0o700
        for secret in (root / "secrets").iterdir():
            assert _mode(secret) == 0o600, secret.name
        for path in [database, *journal]:
            assert _mode(path) == 0o600, path.name
    close_all()


def test_an_existing_instance_is_tightened_when_opened(tmp_path: Path, loose_umask: None) -> None:
    root = tmp_path / "instance"
    made = make_instance(root, f"sqlite:///{root / 'wb.sqlite3'}")
    close_all()
    os.chmod(root, 0o755)  # noqa: S103 - the loose mode an upgrade must tighten
    os.chmod(root / "wb.sqlite3", 0o644)
    from wb_cases.backend import open_backend

    with open_backend(made.common).sessions() as session:
        file_report(made, session)
    assert _mode(root) == 0o700 and _mode(root / "wb.sqlite3") == 0o600
    close_all()
