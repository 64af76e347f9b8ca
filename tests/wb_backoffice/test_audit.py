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


def test_a_cut_tail_fails_without_an_anchor_and_against_one(logged, db):  # type: ignore[no-untyped-def]
    head = db.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    last = db.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    with transaction(db):
        db.execute(delete(AuditEntry).where(AuditEntry.seq >= last - 1))
    # The keyed head kept outside the database shows the cut without any copy …
    result = _verify(logged)
    assert result.exit_code != 0 and "tail was cut" in result.output
    result = _verify(logged, "--head", head)  # … and an anchored head still does too
    assert result.exit_code != 0 and "NOT intact" in result.output


def _rechain_as_a_database_writer(db, actor: str) -> None:  # type: ignore[no-untyped-def]
    """Edit entry 2, then recompute every hash the way the first build chained them."""
    import hashlib
    import json

    from wb_cases.services.audit import GENESIS

    prev = GENESIS
    with transaction(db):
        for entry in db.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all():
            if entry.seq == 2:
                entry.actor = actor
            canonical = json.dumps(
                [
                    entry.seq,
                    entry.day.isoformat(),
                    entry.actor,
                    entry.case_id,
                    entry.action,
                    entry.detail,
                    prev,
                ],
                sort_keys=True,
                separators=(",", ":"),
                ensure_ascii=True,
            )
            entry.prev_hash, entry.hash = prev, hashlib.sha256(canonical.encode()).hexdigest()
            prev = entry.hash


def test_a_rewritten_and_rechained_log_fails(logged, db):  # type: ignore[no-untyped-def]
    _rechain_as_a_database_writer(db, "someone else")
    result = _verify(logged)
    assert result.exit_code != 0 and "entry 1 was altered" in result.output


def test_wb_keys_certify_upgrades_a_first_build_instance(logged, db):  # type: ignore[no-untyped-def]
    """No integrity or audit key, no proof, an unkeyed chain: certify makes it all sound."""
    from tests.summaries.conftest import cli_env
    from wb_cases.backend import close_all
    from wb_cases.config import portal_config
    from wb_cases.errors import ConfigError
    from wb_cases.models import WrappedKey

    _rechain_as_a_database_writer(db, "system")  # a sound first-build (SHA-256) chain
    paths = logged.common.paths
    for name in ("integrity_key", "audit_key"):
        (paths.secrets_dir / name).unlink()
    (paths.public_dir / "keys.mac").unlink()
    (paths.root / "audit.head").unlink()
    with transaction(db):
        db.execute(
            delete(WrappedKey).where(WrappedKey.key_name.in_(["integrity_key", "audit_key"]))
        )
    db.close()  # hand its connection back before the engines are disposed
    close_all()
    with pytest.raises(ConfigError):
        portal_config(logged.common)
    result = CliRunner().invoke(
        main,
        ["keys", "certify", "--recovery-key-stdin"],
        env=cli_env(logged),
        input=logged.recovery_key + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "re-chained" in result.output
    assert portal_config(logged.common).custodian_public_key
    verified = _verify(logged)
    assert verified.exit_code == 0 and "intact" in verified.output, verified.output
    _rechain_as_a_database_writer(db, "someone else")  # and now a re-chain is caught
    assert _verify(logged).exit_code != 0
    db.expire_all()
    wraps = db.scalars(select(WrappedKey.key_name).where(WrappedKey.holder == "recovery")).all()
    assert {"integrity_key", "audit_key"} <= set(wraps)
    db.close()  # the fixture's engine left the process cache above: close its connections
    logged.backend.engine.dispose()
