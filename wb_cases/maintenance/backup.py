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
stolen backup reads nothing (design.md § 5).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import Connection

import crypto
from crypto import Context

from .. import onion
from ..backend import open_backend
from ..config import CommonConfig
from ..db import make_engine
from ..errors import WbError
from ..instance import SECRET_NAMES
from ..migrate import upgrade
from ..models import Attachment, WrappedKey
from ..models.staff import KeyName
from ..services import keyring
from ..storage import FileStore
from .rows import dump_rows, load_rows, read_rows

FORMAT = "wb-backup/1"
SECRETS_CONTEXT = Context(purpose="backup.secrets")
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
    for name in (KeyName.UNIT, KeyName.CUSTODIAN):
        shutil.copyfile(config.paths.public_dir / f"{name}.pub", dest / "public" / f"{name}.pub")
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
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _fsync_file(dest / "manifest.json")
    return BackupSummary(dest, rows, len(blob_ids))


def verify_backup(src: Path) -> dict[str, object]:
    """Check the manifest against every file; return the manifest."""
    try:
        manifest: dict[str, object] = json.loads((src / "manifest.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        raise BackupError(f"{src} has no readable manifest.json") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src} is not a {FORMAT} backup")
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


def _open_secrets(src: Path, recovery_key: str) -> dict[str, bytes]:
    unit_private = _unit_private(src, recovery_key)
    try:
        bundle = crypto.open_sealed(
            unit_private, (src / "secrets.sealed").read_bytes(), SECRETS_CONTEXT
        )
    except crypto.DecryptionError:
        raise BackupError("the recovery key does not open this backup") from None
    return {name: bytes.fromhex(value) for name, value in json.loads(bundle).items()}


def restore_backup(config: CommonConfig, src: Path, recovery_key: str) -> dict[str, int]:
    """Restore a backup into an empty data dir and an empty database."""
    manifest = verify_backup(src)
    paths = config.paths
    if paths.exists() or (paths.secrets_dir.exists() and any(paths.secrets_dir.iterdir())):
        raise BackupError(f"{paths.root} already holds an instance; restore into an empty one")
    secrets = _open_secrets(src, recovery_key)
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
    return counts
