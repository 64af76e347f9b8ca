"""Backup and restore: consistent, still encrypted, and every receipt opens its case after."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import FAST_KDF
from tests.helpers import file_report, intake_keys, stage
from wb_cases.backend import open_backend
from wb_cases.config import CommonConfig
from wb_cases.db import transaction
from wb_cases.maintenance.backup import BackupError, create_backup, restore_backup, verify_backup
from wb_cases.services.reporter_access import (
    add_reporter_message,
    open_case_with_receipt,
    read_case_as_reporter,
)


@pytest.fixture
def empty_target(tmp_path, database_url):  # type: ignore[no-untyped-def]
    """An empty data dir and an empty database (a private schema on PostgreSQL)."""
    if database_url.startswith("sqlite"):
        yield CommonConfig(
            data_dir=tmp_path / "restored",
            database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}",
            kdf=FAST_KDF,
        )
        return
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS restore_check CASCADE"))
        conn.execute(text("CREATE SCHEMA restore_check"))
    url = f"{database_url}?options=-csearch_path%3Drestore_check"
    yield CommonConfig(data_dir=tmp_path / "restored", database_url=url, kdf=FAST_KDF)
    open_backend(CommonConfig(data_dir=tmp_path / "restored", database_url=url)).engine.dispose()
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS restore_check CASCADE"))
    engine.dispose()


def _fill(instance, db) -> list[str]:  # type: ignore[no-untyped-def]
    codes = []
    for n in range(3):
        filed = file_report(
            instance,
            db,
            answers={"what": f"sag {n}"},
            files=[(f"bilag{n}.txt", f"indhold {n}".encode() * 1000)],
        )
        codes.append(filed.receipt_code)
    access = open_case_with_receipt(db, codes[0], intake_keys(instance))
    with transaction(db):
        add_reporter_message(
            db,
            access,
            "mere",
            instance.backend.file_store,
            today=dt.date(2026, 3, 4),
            attachments=[stage(instance.backend.file_store, "x.bin", b"\x00" * 70000)],
        )
    return codes


def test_a_restored_instance_opens_every_case_with_its_receipt(
    instance, db, tmp_path, empty_target
):  # type: ignore[no-untyped-def]
    codes = _fill(instance, db)
    summary = create_backup(instance.common, tmp_path / "backup")
    assert summary.files == 4 and summary.rows["cases"] == 3

    restore_backup(empty_target, tmp_path / "backup", instance.recovery_key)
    restored = open_backend(empty_target)
    keys = intake_keys(instance)  # the same salt came back with the sealed secrets
    with restored.sessions() as session:
        for n, code in enumerate(codes):
            view = read_case_as_reporter(session, open_case_with_receipt(session, code, keys))
            assert view.report["what"] == f"sag {n}"
        first = read_case_as_reporter(session, open_case_with_receipt(session, codes[0], keys))
        assert first.messages[0].attachments[0].name == "x.bin"
        # New cases continue the numbering and ids after the restore.
    import policies
    from wb_cases.services import intake

    with restored.sessions() as session, transaction(session):
        filed = intake.file_report(
            session,
            intake.NewReport({"what": "ny"}, True),
            keys,
            restored.file_store,
            today=dt.date(2026, 3, 9),
            settings=policies.DeadlineSettings(),
        )
    assert filed.number == "WB-2026-0004"


def test_the_backup_holds_no_plaintext_and_its_secrets_are_sealed(instance, db, tmp_path):  # type: ignore[no-untyped-def]
    _fill(instance, db)
    create_backup(instance.common, tmp_path / "backup")
    salt = instance.common.paths.read_secret("receipt_salt")
    pepper = instance.common.paths.read_secret("backoffice_pepper")
    for path in (tmp_path / "backup").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"indhold" not in content and b"sag 1" not in content and b"bilag" not in content
            assert salt not in content and pepper not in content
            assert salt.hex().encode() not in content and pepper.hex().encode() not in content


def test_a_wrong_recovery_key_restores_nothing(instance, db, tmp_path, empty_target):  # type: ignore[no-untyped-def]
    import crypto

    _fill(instance, db)
    create_backup(instance.common, tmp_path / "backup")
    with pytest.raises(BackupError):
        restore_backup(empty_target, tmp_path / "backup", crypto.new_recovery_key())
    assert not empty_target.paths.exists()


def test_an_altered_backup_is_refused(instance, db, tmp_path):  # type: ignore[no-untyped-def]
    _fill(instance, db)
    create_backup(instance.common, tmp_path / "backup")
    blob = next((tmp_path / "backup" / "files").iterdir())
    data = bytearray(blob.read_bytes())
    data[100] ^= 1
    blob.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="altered"):
        verify_backup(tmp_path / "backup")


def test_restore_refuses_an_existing_instance(instance, db, tmp_path):  # type: ignore[no-untyped-def]
    _fill(instance, db)
    create_backup(instance.common, tmp_path / "backup")
    with pytest.raises(BackupError, match="already holds"):
        restore_backup(instance.common, tmp_path / "backup", instance.recovery_key)


def test_backup_refuses_a_non_empty_destination(instance, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "x").write_text("x")
    with pytest.raises(BackupError):
        create_backup(instance.common, tmp_path / "dest")
    assert json.loads(json.dumps({"ok": True}))
    shutil.rmtree(tmp_path / "dest")


def test_a_restore_keeps_the_onion_addresses(instance, db, tmp_path, empty_target):  # type: ignore[no-untyped-def]
    from tests.onion_helpers import make_onion_address
    from wb_cases import onion

    paths = instance.common.onion_paths
    onion.write_config(paths, onion.OnionSettings(staff=True), network=False)
    for service in (paths.portal, paths.staff):
        (service / "hostname").write_text(make_onion_address() + "\n")
        (service / "hs_ed25519_secret_key").write_bytes(
            b"== ed25519v1-secret: type0 ==" + bytes(67)
        )
    (paths.clients / "member.auth").write_text("descriptor:x25519:" + "A" * 52 + "\n")
    create_backup(instance.common, tmp_path / "backup")
    sealed = (tmp_path / "backup" / "onion.sealed").read_bytes()
    assert onion.address(paths.portal).encode() not in sealed
    assert b"ed25519v1-secret" not in sealed  # sealed, not copied

    restore_backup(empty_target, tmp_path / "backup", instance.recovery_key)
    restored = empty_target.onion_paths
    assert onion.address(restored.portal) == onion.address(paths.portal)
    assert onion.address(restored.staff) == onion.address(paths.staff)
    assert (restored.portal / "hs_ed25519_secret_key").read_bytes() == (
        paths.portal / "hs_ed25519_secret_key"
    ).read_bytes()
    assert onion.client_members(restored) == ["member"]
    assert onion.permission_problems(restored) == []
