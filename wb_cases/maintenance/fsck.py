"""`wb fsck`: find orphaned files, rows without files and undecryptable records.

Without keys it checks what can be checked from outside: every attachment row
has its file and the file has the recorded size and a valid header; every file
belongs to a row; every ciphertext column carries a known version byte. With
the recovery key (`--deep`) it also decrypts every record and streams every
file through authentication, so a bit flip anywhere is found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

import crypto

from ..models import Attachment, Case
from ..services import contexts
from ..services.casefile import case_key_for_staff, staff_key_for_staff
from ..services.drafts import held_blobs
from ..services.keyring import UnlockedKeys
from ..storage import FileStore

STALE_STAGING = dt.timedelta(hours=1)


@dataclass
class FsckReport:
    orphaned_files: list[str] = field(default_factory=list)
    stale_staging: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    size_mismatches: list[str] = field(default_factory=list)
    undecryptable: list[str] = field(default_factory=list)
    onion_permissions: list[str] = field(default_factory=list)
    checked_rows: int = 0
    checked_files: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.orphaned_files
            or self.missing_files
            or self.size_mismatches
            or self.undecryptable
            or self.stale_staging
            or self.onion_permissions
        )

    def lines(self) -> list[str]:
        out = [f"checked {self.checked_rows} records and {self.checked_files} files"]
        for label, items in (
            ("orphaned file (no row names it)", self.orphaned_files),
            ("leftover staging file", self.stale_staging),
            ("row without its file", self.missing_files),
            ("file size differs from its row", self.size_mismatches),
            ("undecryptable record", self.undecryptable),
            ("onion service file with loose permissions", self.onion_permissions),
        ):
            out.extend(f"{label}: {item}" for item in items)
        return out


def _looks_encrypted(blob: bytes | None) -> bool:
    return blob is not None and len(blob) > 29 and blob[0] == crypto.VERSION


def check_store(
    session: Session, file_store: FileStore, keys: UnlockedKeys | None = None, repair: bool = False
) -> FsckReport:
    """Check files against rows, and ciphertexts (deeply when keys are given)."""
    report = FsckReport()
    rows = {a.id: a for a in session.scalars(select(Attachment))}
    on_disk = set(file_store.all_blob_ids())
    report.orphaned_files = sorted(on_disk - set(rows))
    report.missing_files = sorted(set(rows) - on_disk)
    for blob_id in sorted(on_disk & set(rows)):
        report.checked_files += 1
        if file_store.path(blob_id).stat().st_size != rows[blob_id].ciphertext_size:
            report.size_mismatches.append(blob_id)
    if file_store.staging.exists():
        import time

        cutoff = time.time() - STALE_STAGING.total_seconds()
        held = held_blobs(session)  # a draft's files carry the fixed time but are not stale
        report.stale_staging = sorted(
            p.name
            for p in file_store.staging.iterdir()
            if p.stat().st_mtime < cutoff and p.name not in held
        )
    for case in session.scalars(select(Case).where(Case.purged.is_(None))):
        report.checked_rows += 1
        if case.channel == "import":
            continue
        for name in ("case_key_sealed", "staff_key_sealed", "report"):
            if not _looks_encrypted(getattr(case, name)):
                report.undecryptable.append(f"{case.number}: {name}")
        if keys is not None:
            _deep_check_case(case, file_store, keys, report)
    if repair:
        for blob_id in report.orphaned_files:
            file_store.delete(blob_id)
        for name in report.stale_staging:
            file_store.discard_staged(name)
    return report


def _deep_check_case(
    case: Case, file_store: FileStore, keys: UnlockedKeys, report: FsckReport
) -> None:
    try:
        case_key = case_key_for_staff(case, keys)
        staff_key = staff_key_for_staff(case, keys)
    except crypto.DecryptionError:
        report.undecryptable.append(f"{case.number}: case keys")
        return
    checks: list[tuple[str, bytes, bytes, crypto.Context]] = [
        ("report", case_key, case.report, contexts.report(case.id)),
    ]
    checks += [
        (f"message {m.seq}", case_key, m.body, contexts.message_body(case.id, m.seq))
        for m in case.messages
    ]
    checks += [
        (f"note {n.seq}", staff_key, n.body, contexts.note_body(case.id, n.seq)) for n in case.notes
    ]
    checks += [
        (f"attachment {a.id} meta", case_key, a.meta, contexts.attachment_meta(case.id, a.id))
        for a in case.attachments
    ]
    for label, key, blob, context in checks:
        try:
            crypto.decrypt(key, blob, context)
        except crypto.DecryptionError:
            report.undecryptable.append(f"{case.number}: {label}")
    for attachment in case.attachments:
        if attachment.id in report.missing_files:
            continue  # already reported as a row without its file
        try:
            file_key = crypto.unwrap_key(
                case_key,
                attachment.file_key_wrapped,
                contexts.attachment_key(case.id, attachment.id),
            )
            for _ in file_store.iter_plaintext(attachment.id, file_key):
                pass
        except crypto.DecryptionError:
            report.undecryptable.append(f"{case.number}: attachment {attachment.id}")


__all__ = ["FsckReport", "check_store"]
