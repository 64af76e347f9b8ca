"""`wb audit verify` detects an edited, removed or reordered entry."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select, update

from tests.helpers import file_report
from wb_cases.cli import main
from wb_cases.db import transaction
from wb_cases.models import AuditEntry

from .flow import Flow


@pytest.fixture
def logged(instance, db):  # type: ignore[no-untyped-def]
    Flow(instance, db).file().acknowledge(employee=True).split("a", "b")
    file_report(instance, db)
    assert db.scalar(select(AuditEntry).where(AuditEntry.seq == 4)) is not None
    return instance


def _verify(instance, *args: str):  # type: ignore[no-untyped-def]
    env = {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
    }
    return CliRunner().invoke(main, ["audit", "verify", *args], env=env)


def test_an_intact_log_verifies(logged):  # type: ignore[no-untyped-def]
    result = _verify(logged)
    assert result.exit_code == 0 and "intact" in result.output


def test_an_edited_entry_fails(logged, db):  # type: ignore[no-untyped-def]
    with transaction(db):
        db.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(actor="someone else"))
    result = _verify(logged)
    assert result.exit_code != 0 and "entry 2 was altered" in result.output


def test_a_removed_entry_fails(logged, db):  # type: ignore[no-untyped-def]
    with transaction(db):
        db.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
    result = _verify(logged)
    assert result.exit_code != 0 and "missing" in result.output


def test_reordered_entries_fail(logged, db):  # type: ignore[no-untyped-def]
    with transaction(db):
        a, b = (db.scalar(select(AuditEntry).where(AuditEntry.seq == n)) for n in (2, 3))
        fields = ("day", "actor", "case_id", "action", "detail", "prev_hash", "hash")
        va, vb = ({f: getattr(a, f) for f in fields}, {f: getattr(b, f) for f in fields})
        db.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(hash="x" * 64))
        db.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(hash="y" * 64))
        db.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(**vb))
        db.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(**va))
    result = _verify(logged)
    assert result.exit_code != 0 and "NOT intact" in result.output


def test_a_truncated_log_fails_against_an_anchored_head(logged, db):  # type: ignore[no-untyped-def]
    head = db.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    last = db.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    with transaction(db):
        db.execute(delete(AuditEntry).where(AuditEntry.seq == last))
    assert _verify(logged).exit_code == 0  # a cut tail is only visible against an anchor …
    result = _verify(logged, "--head", head)
    assert result.exit_code != 0 and "anchored head" in result.output  # … which catches it
