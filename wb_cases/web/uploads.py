"""Uploads encrypted as they stream in: plaintext never touches disk (design.md § 2).

Werkzeug's default stream factory spools a large upload to a temporary file in
clear. `EncryptingRequest` hands the multipart parser a write-only sink that
feeds `FileStore.writer()` instead, so each 64 KiB segment is encrypted into
`files/staging/` the moment it arrives. The limits are enforced while the bytes
arrive (per file, number of files). Breaking one does not abort the parse: the
rest of that file is dropped unread and the text fields after it are still
parsed, so a view can bring the form back filled in (`refused_upload`); a view
that asks for the files anyway (`staged_files`) gets the 413. Whatever was
staged is deleted at the end of the request, as is every staged blob that no
case or draft took (`promote` moved the ones it did, `keep_staged` names the
ones a draft holds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from flask import Flask, Request, current_app, g
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

import crypto

from ..errors import FileTooLargeError
from ..storage import FileStore, LimitedWriter, StagedFile

TEXT_FIELDS_ALLOWANCE = 4 * 1024 * 1024  # room for the text parts of a multipart form


class AttachmentTooLarge(RequestEntityTooLarge):
    """One file is larger than the configured maximum."""

    reason = "file_too_large"


class TooManyAttachments(RequestEntityTooLarge):
    """More files than the configured maximum in one submission."""

    reason = "too_many_files"


@dataclass(frozen=True)
class UploadSettings:
    file_store: FileStore
    max_bytes: int
    max_files: int


class EncryptingSink:
    """The file object Werkzeug writes an upload into; it only ever holds ciphertext."""

    def __init__(self, writer: LimitedWriter, file_key: bytes, filename: str, content_type: str):
        self.writer = writer
        self.file_key = file_key
        self.filename = filename
        self.content_type = content_type
        self.refused = False

    def write(self, data: bytes) -> int:
        if self.refused:
            return len(data)  # the file is already refused: drop the rest of it unread
        try:
            return self.writer.write(data)
        except FileTooLargeError:
            self.refused = True  # the writer has deleted what it staged
            _refuse(AttachmentTooLarge.reason)
            return len(data)

    def seek(self, *_args: Any) -> int:
        """Werkzeug seeks to 0 when the part ends: that is where the stream is finished."""
        self.writer.close()
        return 0

    def read(self, *_args: Any) -> bytes:
        return b""  # the plaintext is gone; nothing to read back

    def readable(self) -> bool:
        return False

    def close(self) -> None:
        self.writer.close()

    def staged(self) -> StagedFile:
        return StagedFile(
            blob_id=self.writer.blob_id,
            file_key=self.file_key,
            name=self.filename,
            content_type=self.content_type or "application/octet-stream",
            size=self.writer.size,
        )


class _Discard:
    """A sink for an empty file input (the browser sends a nameless, empty part), or for a
    file beyond the maximum number, whose bytes are dropped unread."""

    def __init__(self, refused: bool = False) -> None:
        self.refused = refused

    def write(self, data: bytes) -> int:
        if data and not self.refused:
            raise AttachmentTooLarge()  # a nameless part must be empty
        return len(data)

    def seek(self, *_args: Any) -> int:
        return 0

    def read(self, *_args: Any) -> bytes:
        return b""

    def close(self) -> None:
        return None


class EncryptingRequest(Request):
    """A Flask request whose file uploads are encrypted into staging as they arrive."""

    def _get_file_stream(  # type: ignore[override]
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        if not filename:
            return _Discard()  # type: ignore[return-value]
        settings: UploadSettings = current_app.extensions["wb_uploads"]
        sinks: list[EncryptingSink] = g.setdefault("wb_upload_sinks", [])
        if len(sinks) >= settings.max_files:
            _refuse(TooManyAttachments.reason)
            return _Discard(refused=True)  # type: ignore[return-value]
        file_key = crypto.new_key()
        writer = settings.file_store.writer(file_key, settings.max_bytes)
        sink = EncryptingSink(writer, file_key, filename, content_type or "")
        sinks.append(sink)
        return sink  # type: ignore[return-value]

    def _load_form_data(self) -> None:
        # A body that broke a limit is parsed once; later readers (the language
        # selector, error pages) see an empty form instead of re-reading it.
        if "form" in self.__dict__:
            return
        try:
            super()._load_form_data()
        except BaseException:
            d = self.__dict__
            d["form"], d["files"] = self.parameter_storage_class(), self.parameter_storage_class()
            raise


def _refuse(reason: str) -> None:
    g.setdefault("wb_upload_refused", reason)


def refused_upload() -> str | None:
    """Why this request's files were refused ("file_too_large", "too_many_files"), if they were."""
    reason: str | None = g.get("wb_upload_refused")
    return reason


def staged_files(files: list[FileStorage]) -> list[StagedFile]:
    """The staged, encrypted uploads behind a list of FileStorage objects (empty inputs skipped).

    Raises the 413 when the request broke a file limit: no view files a partial set unawares.
    """
    reason = refused_upload()
    if reason == TooManyAttachments.reason:
        raise TooManyAttachments()
    if reason is not None:
        raise AttachmentTooLarge()
    result = []
    for item in files:
        if isinstance(item.stream, EncryptingSink):
            item.stream.writer.close()
            result.append(item.stream.staged())
    return result


def forget_staged(blob_ids: list[str]) -> None:
    """Record blobs made during the request (e.g. cleaned copies) for the teardown sweep."""
    g.setdefault("wb_extra_blobs", []).extend(blob_ids)


def keep_staged(blob_ids: list[str]) -> None:
    """Spare blobs from the teardown sweep: a draft holds them (and sweeps them itself)."""
    g.setdefault("wb_kept_blobs", set()).update(blob_ids)


def drain(request: Request, limit: int) -> None:
    """Read and drop what is left of a refused body, so the client sees our 413 page."""
    stream = request.environ.get("wsgi.input")
    if stream is None:
        return
    remaining = request.content_length
    if remaining is None or remaining > limit:
        return
    try:
        while remaining > 0:
            chunk = stream.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
    except (OSError, ValueError):
        pass


def init_app(app: Flask, settings: UploadSettings) -> None:
    """Stream uploads through the store; cap the body; sweep staging at the end of each request."""
    app.request_class = EncryptingRequest
    app.extensions["wb_uploads"] = settings
    app.config["MAX_CONTENT_LENGTH"] = (
        settings.max_files * settings.max_bytes + TEXT_FIELDS_ALLOWANCE
    )
    app.config.setdefault("MAX_FORM_MEMORY_SIZE", 2 * 1024 * 1024)

    @app.teardown_request
    def _sweep_staging(_exc: BaseException | None) -> None:
        sinks: list[EncryptingSink] = g.pop("wb_upload_sinks", [])
        kept: set[str] = g.pop("wb_kept_blobs", set())
        for sink in sinks:
            if sink.writer.blob_id in kept:
                sink.writer.close()
            else:
                sink.writer.discard()  # closes and unlinks; a promoted blob is gone from staging
        for blob_id in g.pop("wb_extra_blobs", []):
            if blob_id not in kept:
                settings.file_store.discard_staged(blob_id)
