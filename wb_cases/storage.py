"""The file store: encrypted files under random names, written atomically.

A blob is streamed through `crypto.StreamWriter` into `files/staging/`, so no
plaintext ever touches disk (design.md § 2). `promote()` fsyncs it and moves it
into place when a case takes it; if the database transaction then rolls back,
the session hook below deletes it again, so a failure leaves no file behind
(promise 4). Files get a fixed modification time: the disk must not keep the
moment a reporter uploaded (design.md § 3).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import event
from sqlalchemy.orm import Session

import crypto
from crypto import Context

from .errors import FileTooLargeError, NotFoundError, StorageError

BLOB_ID = re.compile(r"^[0-9a-f]{32}$")
FIXED_MTIME = 0  # 1970-01-01: every stored file carries the same time


def new_blob_id() -> str:
    return secrets.token_hex(16)


def stream_context(blob_id: str) -> Context:
    """Bind every segment of a blob to its own id, so blobs cannot be swapped."""
    return Context(purpose="attachment.stream", row=blob_id)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_staging_file(path: Path) -> BinaryIO:
    """Create a staging file exclusively (the seam where tests inject a full disk)."""
    return open(path, "xb")  # noqa: SIM115 - the writer closes it


class LimitedWriter:
    """A StreamWriter that refuses to grow past a limit and knows its staging file."""

    def __init__(self, file_store: FileStore, blob_id: str, key: bytes, limit: int) -> None:
        self.blob_id = blob_id
        self.key = key
        self.limit = limit
        self.path = file_store.staging_path(blob_id)
        self._sink = open_staging_file(self.path)
        self._writer = crypto.StreamWriter(key, self._sink, stream_context(blob_id))
        self.closed = False

    @property
    def size(self) -> int:
        return self._writer.bytes_in

    def write(self, data: bytes) -> int:
        if self._writer.bytes_in + len(data) > self.limit:
            self.discard()
            raise FileTooLargeError(self.limit)
        return self._writer.write(data)

    def close(self) -> None:
        """Finish the stream and make it durable in staging."""
        if self.closed:
            return
        self._writer.close()
        self._sink.flush()
        os.fsync(self._sink.fileno())
        self._sink.close()
        self.closed = True

    def discard(self) -> None:
        if not self._sink.closed:
            self._sink.close()
        self.closed = True
        self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class StagedFile:
    """An encrypted upload waiting in staging for a case to take it."""

    blob_id: str
    file_key: bytes
    name: str
    content_type: str
    size: int
    sanitation: tuple[str, ...] = ()


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / "staging"

    def ensure(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.staging.mkdir(exist_ok=True)

    def _check(self, blob_id: str) -> str:
        if not BLOB_ID.match(blob_id):
            raise NotFoundError("no such file")
        return blob_id

    def staging_path(self, blob_id: str) -> Path:
        return self.staging / self._check(blob_id)

    def path(self, blob_id: str) -> Path:
        blob_id = self._check(blob_id)
        return self.root / blob_id[:2] / blob_id

    def writer(self, key: bytes, limit: int, blob_id: str | None = None) -> LimitedWriter:
        self.ensure()
        return LimitedWriter(self, blob_id or new_blob_id(), key, limit)

    def stage_stream(
        self, source: BinaryIO, name: str, content_type: str, limit: int
    ) -> StagedFile:
        """Encrypt a stream into staging under a fresh file key, in constant memory."""
        file_key = crypto.new_key()
        writer = self.writer(file_key, limit)
        try:
            while chunk := source.read(crypto.SEGMENT_SIZE):
                writer.write(chunk)
            writer.close()
        except BaseException:
            writer.discard()
            raise
        return StagedFile(writer.blob_id, file_key, name, content_type, writer.size)

    def promote(self, session: Session, blob_id: str) -> int:
        """Move a staged blob into place durably; undo it if the transaction rolls back."""
        source = self.staging_path(blob_id)
        target = self.path(blob_id)
        try:
            target.parent.mkdir(exist_ok=True)
            with open(source, "rb") as handle:
                os.fsync(handle.fileno())
            os.utime(source, (FIXED_MTIME, FIXED_MTIME))
            os.replace(source, target)
            _fsync_dir(target.parent)
        except OSError as error:
            raise StorageError("the file could not be stored") from error
        session.info.setdefault("wb_new_blobs", []).append(target)
        return target.stat().st_size

    def open_blob(self, blob_id: str) -> BinaryIO:
        try:
            return open(self.path(blob_id), "rb")
        except FileNotFoundError:
            raise NotFoundError("no such file") from None

    def iter_plaintext(self, blob_id: str, file_key: bytes) -> Iterator[bytes]:
        """Decrypt a blob segment by segment (constant memory; fails on tampering)."""
        with self.open_blob(blob_id) as handle:
            yield from crypto.iter_decrypt(file_key, handle, stream_context(blob_id))

    def delete(self, blob_id: str) -> None:
        self.path(blob_id).unlink(missing_ok=True)

    def discard_staged(self, blob_id: str) -> None:
        self.staging_path(blob_id).unlink(missing_ok=True)

    def discard_staged_after_commit(self, session: Session, blob_id: str) -> None:
        """Delete a staged blob once the transaction that let go of it has committed."""
        session.info.setdefault("wb_discard_staged", []).append(self.staging_path(blob_id))

    def hold_staged(self, blob_id: str) -> None:
        """A draft keeps this staged blob: give it the fixed time every stored file has."""
        os.utime(self.staging_path(blob_id), (FIXED_MTIME, FIXED_MTIME))

    def all_blob_ids(self) -> Iterator[str]:
        for sub in self.root.iterdir():
            if sub.is_dir() and sub.name != "staging":
                for blob in sub.iterdir():
                    if BLOB_ID.match(blob.name):
                        yield blob.name


@event.listens_for(Session, "after_rollback")
def _delete_blobs_of_rolled_back_transaction(session: Session) -> None:
    for path in session.info.pop("wb_new_blobs", []):
        Path(path).unlink(missing_ok=True)
    session.info.pop("wb_discard_staged", None)  # the rows that named them are still there


@event.listens_for(Session, "after_commit")
def _forget_blobs_of_committed_transaction(session: Session) -> None:
    session.info.pop("wb_new_blobs", None)
    for path in session.info.pop("wb_discard_staged", []):
        Path(path).unlink(missing_ok=True)
