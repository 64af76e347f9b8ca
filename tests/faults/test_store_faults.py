"""Faults during intake: a full disk, a database that goes away, a killed worker.

Each must end the same way for the reporter: an error, never a receipt for a
report that was not stored, and nothing half-written left behind (promise 4).
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import BinaryIO

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DBAPIError

import policies
from tests.helpers import intake_keys, stage
from wb_cases import storage
from wb_cases.db import transaction
from wb_cases.maintenance.fsck import check_store
from wb_cases.models import Attachment, Case
from wb_cases.services import intake
from wb_cases.services.intake import NewReport
from wb_cases.storage import FileStore

TODAY = dt.date(2026, 3, 2)


def _nothing_stored(instance, db) -> None:  # type: ignore[no-untyped-def]
    db.rollback()
    assert db.scalar(select(func.count()).select_from(Case)) == 0
    assert db.scalar(select(func.count()).select_from(Attachment)) == 0
    assert list(instance.backend.file_store.all_blob_ids()) == []


def _file(instance, db, staged):  # type: ignore[no-untyped-def]
    with transaction(db):
        return intake.file_report(
            db,
            NewReport({"what": "x"}, True, attachments=staged),
            intake_keys(instance),
            instance.backend.file_store,
            today=TODAY,
            settings=policies.DeadlineSettings(),
        )


class FullDisk(io.BufferedIOBase):
    """A file that accepts a few writes, then fails the way a full disk does."""

    def __init__(self, real: BinaryIO, budget: int) -> None:
        self.real, self.budget = real, budget

    def write(self, data):  # type: ignore[no-untyped-def, override]
        self.budget -= 1
        if self.budget < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real.write(data)

    def fileno(self) -> int:
        return self.real.fileno()

    def flush(self) -> None:
        self.real.flush()

    def close(self) -> None:
        if not self.closed:
            super().close()
            self.real.close()


def test_a_full_disk_while_encrypting_an_upload_leaves_no_staging_file(instance, monkeypatch):  # type: ignore[no-untyped-def]
    file_store: FileStore = instance.backend.file_store
    real_open = storage.open_staging_file
    monkeypatch.setattr(storage, "open_staging_file", lambda path: FullDisk(real_open(path), 3))
    with pytest.raises(OSError) as raised:
        file_store.stage_stream(
            io.BytesIO(b"z" * 1_000_000), "big.bin", "application/pdf", limit=1 << 30
        )
    assert raised.value.errno == errno.ENOSPC
    assert list(file_store.staging.iterdir()) == []


def test_a_full_disk_while_moving_files_into_place_stores_nothing(instance, db, monkeypatch):  # type: ignore[no-untyped-def]
    file_store = instance.backend.file_store
    staged = [
        stage(file_store, "a.txt", b"a" * 100_000),
        stage(file_store, "b.txt", b"b" * 100_000),
    ]
    real_fsync = os.fsync
    seen = {"n": 0}

    def fsync_fails_on_the_second_file(fd: int) -> None:
        seen["n"] += 1
        if seen["n"] >= 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_fails_on_the_second_file)
    with pytest.raises(Exception):
        _file(instance, db, staged)
    monkeypatch.undo()
    _nothing_stored(instance, db)


def test_the_database_going_away_before_commit_stores_nothing(instance, db, database_url):  # type: ignore[no-untyped-def]
    file_store = instance.backend.file_store
    staged = [stage(file_store, "a.txt", b"a" * 100_000)]
    with pytest.raises(DBAPIError):
        with transaction(db):
            intake.file_report(
                db,
                NewReport({"what": "x"}, True, attachments=staged),
                intake_keys(instance),
                file_store,
                today=TODAY,
                settings=policies.DeadlineSettings(),
            )
            if database_url.startswith("postgresql"):
                pid = db.execute(text("SELECT pg_backend_pid()")).scalar_one()
                killer = create_engine(database_url)
                with killer.begin() as conn:
                    conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                killer.dispose()
            else:
                # SQLite has no server to lose: close the file under the session instead.
                db.connection().connection.dbapi_connection.close()  # type: ignore[union-attr]
    db.close()
    with instance.session() as fresh:
        assert fresh.scalar(select(func.count()).select_from(Case)) == 0
        assert fresh.scalar(select(func.count()).select_from(Attachment)) == 0
    assert list(file_store.all_blob_ids()) == []


WORKER = textwrap.dedent("""
    import datetime as dt, io, os, signal, sys
    import policies
    from crypto import KdfParams
    from wb_cases.config import CommonConfig
    from wb_cases.backend import open_backend
    from wb_cases.services import intake
    from wb_cases.instance import InstancePaths
    from pathlib import Path

    data_dir, url = Path(sys.argv[1]), sys.argv[2]
    common = CommonConfig(data_dir=data_dir, database_url=url,
                          kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1))
    backend = open_backend(common)
    paths = common.paths
    keys = intake.IntakeKeys(paths.read_public("unit"), paths.read_public("custodian"),
                             paths.read_secret("receipt_salt"), common.kdf)
    staged = backend.file_store.stage_stream(io.BytesIO(b"q" * 300_000), "a.bin", "x/y", 1 << 30)
    session = backend.sessions()
    filed = intake.file_report(session, intake.NewReport({"what": "x"}, True, attachments=[staged]),
                               keys, backend.file_store, today=dt.date(2026, 3, 2),
                               settings=policies.DeadlineSettings())
    session.flush()
    print("about to commit", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)   # the worker dies before the commit
""")


def test_a_worker_killed_before_commit_leaves_only_an_orphan_that_fsck_finds(
    instance, db, tmp_path
):  # type: ignore[no-untyped-def]
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    result = subprocess.run(
        [sys.executable, str(script), str(instance.common.data_dir), instance.common.database_url],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == -9, result.stderr
    assert "about to commit" in result.stdout
    db.rollback()
    assert db.scalar(select(func.count()).select_from(Case)) == 0
    report = check_store(db, instance.backend.file_store)
    assert len(report.orphaned_files) == 1
    check_store(db, instance.backend.file_store, repair=True)
    assert check_store(db, instance.backend.file_store).ok
