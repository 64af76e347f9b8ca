"""`wb backup DEST` and `wb restore SRC`: database and files, consistent and still encrypted.

A backup is a directory:

    database.jsonl     every row of every table, from one consistent snapshot
    files/<blob id>    the encrypted attachments those rows name, byte for byte
    public/*.pub       the public keys
    secrets.sealed     the instance's secrets (receipt salt, pepper, app keys),
                       sealed to the unit public key: only the recovery key opens them
    onion.sealed       the onion services' keys and members' client keys, sealed the
                       same way (only when onion services are set up), so a restore
                       keeps the addresses
    manifest.json      schema revision, row counts and the SHA-256 of every file

Taking a backup needs no private key; restoring needs the recovery key, so a
stolen backup reads nothing (docs/architecture.md § 4).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import Connection

import crypto
from crypto import Context
from crypto.passwords import hkdf

from .. import onion
from ..backend import Backend, open_backend
from ..config import CommonConfig
from ..db import make_engine
from ..errors import WbError
from ..instance import AUDIT_KEY, INTEGRITY_KEY, PROOF_FILE, SECRET_NAMES, public_keys_proof
from ..migrate import upgrade
from ..models import Attachment, WrappedKey
from ..models.staff import KeyName
from ..services import audit, keyring
from ..storage import FileStore
from .rows import dump_rows, load_rows, read_rows

FORMAT = "wb-backup/2"
SECRETS_CONTEXT = Context(purpose="backup.secrets")
_MANIFEST_INFO = b"wb/backup/manifest"
ONION_CONTEXT = Context(purpose="backup.onion")


class BackupError(WbError):
    """The backup is incomplete, altered, or does not fit this instance."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: dict[str, int]
    files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def _snapshot(config: CommonConfig) -> Iterator[Connection]:
    """A connection that sees one moment of the database, whatever writers do meanwhile."""
    if config.database_url.startswith("sqlite"):
        source = config.database_url.split("///", 1)[1]
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "snapshot.sqlite3"
            with (
                contextlib.closing(sqlite3.connect(source)) as src,
                contextlib.closing(sqlite3.connect(copy)) as dst,
            ):
                src.backup(dst)  # SQLite's online backup: a consistent copy
            engine = make_engine(f"sqlite:///{copy}")
            try:
                with engine.connect() as connection:
                    yield connection
            finally:
                engine.dispose()
        return
    engine = open_backend(config).engine
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
        with connection.begin():
            yield connection


def create_backup(config: CommonConfig, dest: Path) -> BackupSummary:
    """Write a backup directory (which must not exist yet)."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty")
    dest.mkdir(mode=0o700, parents=True, exist_ok=True)
    (dest / "files").mkdir()
    (dest / "public").mkdir()
    file_store = FileStore(config.paths.files_dir)
    with _snapshot(config) as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        with open(dest / "database.jsonl", "w") as out:
            rows = dump_rows(connection, out)
        blob_ids = connection.execute(select(Attachment.id)).scalars().all()
    for blob_id in blob_ids:
        target = dest / "files" / blob_id
        try:
            shutil.copyfile(file_store.path(blob_id), target)
        except FileNotFoundError:
            raise BackupError(f"attachment file {blob_id} is missing; run `wb fsck`") from None
    for name in (f"{KeyName.UNIT}.pub", f"{KeyName.CUSTODIAN}.pub", PROOF_FILE):
        shutil.copyfile(config.paths.public_dir / name, dest / "public" / name)
    bundle = json.dumps({n: config.paths.read_secret(n).hex() for n in SECRET_NAMES}).encode()
    sealed = crypto.seal(config.paths.read_public(KeyName.UNIT), bundle, SECRETS_CONTEXT)
    (dest / "secrets.sealed").write_bytes(sealed)
    onion_keys = onion.key_bundle(config.onion_paths)
    if onion_keys is not None:
        unit_public = config.paths.read_public(KeyName.UNIT)
        (dest / "onion.sealed").write_bytes(crypto.seal(unit_public, onion_keys, ONION_CONTEXT))
    files = sorted(p for p in dest.rglob("*") if p.is_file())
    for path in files:
        _fsync_file(path)
    manifest = {
        "format": FORMAT,
        "revision": revision,
        "rows": rows,
        "sha256": {str(p.relative_to(dest)): _sha256(p) for p in files},
    }
    manifest["mac"] = _manifest_mac(config.paths.read_secret(AUDIT_KEY), manifest)
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _fsync_file(dest / "manifest.json")
    return BackupSummary(dest, rows, len(blob_ids))


def _manifest_mac(audit_key: bytes, manifest: Mapping[str, object]) -> str:
    body = {k: v for k, v in manifest.items() if k != "mac"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(hkdf(audit_key, _MANIFEST_INFO), canonical, hashlib.sha256).hexdigest()


def verify_backup(src: Path) -> dict[str, object]:
    """Check the manifest against every file; return the manifest."""
    try:
        manifest: dict[str, object] = json.loads((src / "manifest.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        raise BackupError(f"{src} has no readable manifest.json") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{src} is not a {FORMAT} backup (one from before backups were authenticated "
            "cannot be checked; take a new backup)"
        )
    hashes = manifest["sha256"]
    assert isinstance(hashes, dict)
    present = {str(p.relative_to(src)) for p in src.rglob("*") if p.is_file()} - {"manifest.json"}
    if present != set(hashes):
        raise BackupError("the backup's files do not match its manifest")
    for name, expected in hashes.items():
        if _sha256(src / name) != expected:
            raise BackupError(f"{name} was altered since the backup was taken")
    return manifest


def _restore_onion_keys(config: CommonConfig, src: Path, recovery_key: str) -> None:
    """Put the onion services' keys back, so the addresses stay the same."""
    sealed = src / "onion.sealed"
    if not sealed.exists():
        return
    unit_private = _unit_private(src, recovery_key)
    try:
        bundle = crypto.open_sealed(unit_private, sealed.read_bytes(), ONION_CONTEXT)
    except crypto.DecryptionError:
        raise BackupError("the onion keys in this backup do not open") from None
    onion.restore_key_bundle(config.onion_paths, bundle)


def _unit_private(src: Path, recovery_key: str) -> bytes:
    """The unit private key, from the backup's recovery wrap and the recovery key."""
    wrapping = crypto.recovery_wrapping_key(recovery_key)
    with open(src / "database.jsonl") as lines:
        wraps = {
            row["key_name"]: row["wrapped"]
            for table, row in read_rows(lines)
            if table == WrappedKey.__tablename__ and row["holder"] == "recovery"
        }
    try:
        return crypto.unwrap_key(
            wrapping, wraps[KeyName.UNIT], keyring.recovery_context(KeyName.UNIT)
        )
    except (KeyError, crypto.DecryptionError):
        raise BackupError("the recovery key does not open this backup") from None


def _recovery_wraps(src: Path) -> dict[str, bytes]:
    with open(src / "database.jsonl") as lines:
        return {
            row["key_name"]: row["wrapped"]
            for table, row in read_rows(lines)
            if table == WrappedKey.__tablename__ and row["holder"] == keyring.RECOVERY_HOLDER
        }


def _authenticate(src: Path, manifest: dict[str, object], recovery_key: str) -> dict[str, bytes]:
    """Check the backup with what only the recovery key opens; return its secrets.

    The wraps are read from the (not yet trusted) database dump, but a wrap under
    the recovery key cannot be made without it, so what opens is authentic.
    """
    wraps = _recovery_wraps(src)
    try:
        audit_key = keyring.recovered_secret(wraps, recovery_key, AUDIT_KEY)
        unit = keyring.recovered_secret(wraps, recovery_key, KeyName.UNIT)
        custodian = keyring.recovered_secret(wraps, recovery_key, KeyName.CUSTODIAN)
    except crypto.DecryptionError:
        raise BackupError(
            "the recovery key does not open this backup, or its keys were replaced"
        ) from None
    if not hmac.compare_digest(str(manifest.get("mac", "")), _manifest_mac(audit_key, manifest)):
        raise BackupError("the backup was altered since it was taken (its manifest is not ours)")
    try:
        bundle = crypto.open_sealed(unit, (src / "secrets.sealed").read_bytes(), SECRETS_CONTEXT)
    except crypto.DecryptionError:
        raise BackupError("the backup's secrets were not sealed by this unit") from None
    secrets = {name: bytes.fromhex(value) for name, value in json.loads(bundle).items()}
    if secrets.get(AUDIT_KEY) != audit_key:
        raise BackupError("the backup's secrets do not match its recovery wraps")
    _check_public_keys(src, secrets, unit, custodian)
    return secrets


def _check_public_keys(src: Path, secrets: dict[str, bytes], unit: bytes, custodian: bytes) -> None:
    """The public keys must belong to the private keys the recovery key opened."""
    for name, private in ((KeyName.UNIT, unit), (KeyName.CUSTODIAN, custodian)):
        on_file = bytes.fromhex((src / "public" / f"{name}.pub").read_text().strip())
        if crypto.public_key_from_private(private) != on_file:
            raise BackupError(f"{name}.pub in the backup does not belong to the {name} private key")
    proof = (src / "public" / PROOF_FILE).read_text().strip()
    expected = public_keys_proof(
        secrets[INTEGRITY_KEY],
        crypto.public_key_from_private(unit),
        crypto.public_key_from_private(custodian),
    )
    if not hmac.compare_digest(proof, expected):
        raise BackupError("the public keys in the backup carry no valid proof from the unit")


def restore_backup(config: CommonConfig, src: Path, recovery_key: str) -> dict[str, int]:
    """Restore a backup into an empty data dir and an empty database."""
    manifest = verify_backup(src)
    paths = config.paths
    if paths.exists() or (paths.secrets_dir.exists() and any(paths.secrets_dir.iterdir())):
        raise BackupError(f"{paths.root} already holds an instance; restore into an empty one")
    secrets = _authenticate(src, manifest, recovery_key)
    paths.create_dirs()
    for name, value in secrets.items():
        paths.write_secret(name, value)
    for pub in (src / "public").iterdir():
        shutil.copyfile(pub, paths.public_dir / pub.name)
    _restore_onion_keys(config, src, recovery_key)
    backend = open_backend(config)
    backend.file_store.ensure()
    upgrade(backend.engine, str(manifest["revision"]))
    with backend.engine.begin() as connection, open(src / "database.jsonl") as lines:
        if any(connection.execute(select(WrappedKey.id).limit(1))):
            raise BackupError("the database is not empty; restore into an empty one")
        counts = load_rows(connection, lines)
    for blob in (src / "files").iterdir():
        target = backend.file_store.path(blob.name)
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(blob, target)
        os.utime(target, (0, 0))
        _fsync_file(target)
    upgrade(backend.engine)
    _record_restored_head(backend, secrets[AUDIT_KEY])
    return counts


def _record_restored_head(backend: Backend, audit_key: bytes) -> None:
    """The restored log's last entry is the new anchor for a cut-tail check."""
    with backend.sessions() as session:
        seq, head_hash = audit.head(session)
        path = session.info.get(audit.AUDIT_HEAD_INFO)
    if seq and path:
        audit.write_head_file(Path(path), audit_key, seq, head_hash)
