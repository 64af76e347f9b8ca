"""Remove hidden information (EXIF incl. GPS, XMP, PDF author/producer) from staged uploads.

The file is decrypted segment by segment and piped into a short-lived
subprocess (`wb_cases.sanitizer_worker`) with CPU and memory limits, which
holds it in memory, cleans it and pipes the result back; the result is
encrypted again as a new staged blob. Plaintext never touches disk and a
hostile file is never parsed in the web worker (design.md § 2). A file too
large for the budget, of a type we cannot clean, or that fails to parse is
kept as sent, and `StagedFile.sanitation` says so, so the reporter can be told
per file what was removed and what could not be (design.md § 3).

Sanitation codes: `removed:<what>` (gps, exif, xmp, iptc, comment, text,
trailer, author, producer, title, dates, docinfo, other), `none_found`, and
`kept:<why>` (choice, unsupported, too_large, unreadable).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import crypto

from ..storage import FileStore, StagedFile, stream_context

MIB = 1024 * 1024


@dataclass(frozen=True)
class SanitizeLimits:
    """How much the cleaning subprocess may take."""

    max_bytes: int = 64 * MIB
    memory_bytes: int = 768 * MIB
    cpu_seconds: int = 30
    wall_seconds: float = 60.0


def _plaintext(file_store: FileStore, staged: StagedFile) -> Iterator[bytes]:
    with open(file_store.staging_path(staged.blob_id), "rb") as handle:
        yield from crypto.iter_decrypt(staged.file_key, handle, stream_context(staged.blob_id))


def detect_kind(head: bytes) -> str | None:
    """What a file is, by its first bytes (never by its name or the browser's word)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def _with(staged: StagedFile, *codes: str) -> StagedFile:
    return dataclasses.replace(staged, sanitation=tuple(codes))


def _feed(process: subprocess.Popen[bytes], chunks: Iterator[bytes]) -> None:
    assert process.stdin is not None
    try:
        for chunk in chunks:
            process.stdin.write(chunk)
    except BrokenPipeError:
        pass  # the worker gave up (limit hit); its exit code says so
    finally:
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass


def _read_header(stdout: IO[bytes]) -> list[str]:
    line = stdout.readline(4096)
    header = json.loads(line)
    return [str(code) for code in header["removed"]]


def clean_staged(
    file_store: FileStore,
    staged: StagedFile,
    *,
    limit: int,
    limits: SanitizeLimits | None = None,
) -> StagedFile:
    """Return a cleaned copy of a staged upload (the original is discarded), or the original
    marked with why it was kept as sent."""
    limits = limits or SanitizeLimits()
    head = next(_plaintext(file_store, staged), b"") if staged.size else b""
    kind = detect_kind(head)
    if kind is None:
        return _with(staged, "kept:unsupported")
    if staged.size > limits.max_bytes:
        return _with(staged, "kept:too_large")
    argv = [
        sys.executable,
        "-m",
        "wb_cases.sanitizer_worker",
        kind,
        str(limits.max_bytes),
        str(limits.memory_bytes),
        str(limits.cpu_seconds),
    ]
    process = subprocess.Popen(  # noqa: S603 - fixed argv, our own module
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    # The worker reads all of its input before it writes, so feeding first cannot deadlock.
    _feed(process, _plaintext(file_store, staged))
    file_key = crypto.new_key()
    writer = file_store.writer(file_key, limit)
    try:
        assert process.stdout is not None
        removed = _read_header(process.stdout)
        while chunk := process.stdout.read(crypto.SEGMENT_SIZE):
            writer.write(chunk)
        if process.wait(timeout=limits.wall_seconds) != 0:
            raise RuntimeError("the cleaner failed")
        writer.close()
    except Exception:  # noqa: BLE001 - any failure: keep the file as sent, and say so
        writer.discard()
        if process.poll() is None:
            process.kill()
            process.wait()
        return _with(staged, "kept:unreadable")
    finally:
        if process.stdout is not None:
            process.stdout.close()
    file_store.discard_staged(staged.blob_id)
    codes = [f"removed:{code}" for code in removed] or ["none_found"]
    return StagedFile(
        blob_id=writer.blob_id,
        file_key=file_key,
        name=staged.name,
        content_type=staged.content_type,
        size=writer.size,
        sanitation=tuple(codes),
    )


def keep_as_sent(staged: StagedFile) -> StagedFile:
    """The reporter chose to keep this file exactly as it is."""
    return _with(staged, "kept:choice")
