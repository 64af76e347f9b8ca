"""`wb fsck` finds orphaned files, rows without files and undecryptable records."""

from __future__ import annotations

import secrets

from tests.helpers import file_report
from wb_cases.maintenance.fsck import check_store
from wb_cases.models import Attachment, Case
from wb_cases.services.keyring import unlock_with_recovery_key


def test_a_healthy_store_is_consistent_also_when_decrypted(instance, db):  # type: ignore[no-untyped-def]
    file_report(instance, db, files=[("a.txt", b"a" * 100_000)])
    keys = unlock_with_recovery_key(db, instance.recovery_key)
    report = check_store(db, instance.backend.file_store, keys)
    assert report.ok, report.lines()
    assert report.checked_files == 1 and report.checked_rows == 1


def test_fsck_reports_orphans_missing_files_and_flipped_bits(instance, db):  # type: ignore[no-untyped-def]
    file_report(instance, db, files=[("a.txt", b"a" * 100_000), ("b.txt", b"b" * 10)])
    file_store = instance.backend.file_store
    orphan = secrets.token_hex(16)
    file_store.path(orphan).parent.mkdir(exist_ok=True)
    file_store.path(orphan).write_bytes(b"junk")
    rows = db.query(Attachment).order_by(Attachment.ciphertext_size.desc()).all()
    big, small = rows
    file_store.delete(small.id)
    data = bytearray(file_store.path(big.id).read_bytes())
    data[70_000] ^= 0x01
    file_store.path(big.id).write_bytes(bytes(data))
    case = db.query(Case).one()
    case.report = case.report[:-1] + bytes([case.report[-1] ^ 1])
    db.flush()

    shallow = check_store(db, file_store)
    assert shallow.orphaned_files == [orphan]
    assert shallow.missing_files == [small.id]
    assert not shallow.ok

    deep = check_store(db, file_store, unlock_with_recovery_key(db, instance.recovery_key))
    assert f"{case.number}: report" in deep.undecryptable
    assert f"{case.number}: attachment {big.id}" in deep.undecryptable


def test_repair_deletes_orphans_but_never_a_row(instance, db):  # type: ignore[no-untyped-def]
    file_report(instance, db, files=[("a.txt", b"a")])
    file_store = instance.backend.file_store
    orphan = secrets.token_hex(16)
    file_store.path(orphan).parent.mkdir(exist_ok=True)
    file_store.path(orphan).write_bytes(b"junk")
    check_store(db, file_store, repair=True)
    assert not file_store.path(orphan).exists()
    assert check_store(db, file_store).ok
