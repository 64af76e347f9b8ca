"""Remove hidden information from files: what reporters upload and what leaves the unit.

A file is recognised by its first bytes (`cleaners.detect`), then decrypted
segment by segment into a pipe to `wb_cases.cleaners.worker` running inside the
bubblewrap sandbox (`wb_cases.sandbox`: no network, no data directory, memory,
CPU and wall-clock limits); the cleaned file comes back through a pipe and is
encrypted again. Plaintext never touches a disk and no parser runs in a web
worker. The truth about each file is a tuple of codes (`StagedFile.sanitation`,
explained in `sanitize_labels`): one outcome, then what was removed, what
remains, and what could not be checked. A file that cannot be cleaned is kept
exactly as sent and the reason said; nothing is ever lost.

One submission shares a `CleaningBudget`, so ten large files together never
outlast the request timeout. See docs/security.md, "Files", for what each
format loses and keeps.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

import crypto

from .. import sandbox
from ..cleaners.detect import detect_kind
from ..storage import FileStore, StagedFile, stream_context
from .sanitize_labels import LABELS, OUTCOMES

MIB = 1024 * 1024

# Every code a cleaned file can carry in `StagedFile.sanitation`; their meaning and the
# Danish and English words for them are in `sanitize_labels`.
ALL_CODES: frozenset[str] = frozenset(LABELS)
OUTCOME_CODES: frozenset[str] = frozenset(OUTCOMES)

# gunicorn stops a request after 120 s (wb_cases/web/gunicorn_conf.py); cleaning all files
# of one submission must leave time to receive them first and to file the report after.
SUBMISSION_SECONDS = 75.0
MIN_FILE_SECONDS = 2.0  # less than this left: do not start another file

# What the cleaner says a file is (its exact kind), against what its first bytes say.
SAME_SIGNATURE = {
    "docx": "zip",
    "xlsx": "zip",
    "pptx": "zip",
    "odt": "zip",
    "ods": "zip",
    "odp": "zip",
    "m4a": "mp4",
    "mov": "mp4",
}
EXTENSIONS = {
    "jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "png": ("png",),
    "webp": ("webp",),
    "gif": ("gif",),
    "tiff": ("tif", "tiff"),
    "heic": ("heic", "heif", "hif", "avif"),
    "pdf": ("pdf",),
    "docx": ("docx", "docm", "dotx"),
    "xlsx": ("xlsx", "xlsm"),
    "pptx": ("pptx", "ppsx"),
    "odt": ("odt",),
    "ods": ("ods",),
    "odp": ("odp",),
    "zip": ("zip",),
    "mp3": ("mp3",),
    "m4a": ("m4a", "mp4", "aac"),
    "mp4": ("mp4", "m4v"),
    "mov": ("mov", "qt", "mp4"),
    "svg": ("svg",),
    "text": ("txt", "csv", "tsv", "md", "text", "log", "json", "xml", "html", "htm"),
}


class CleaningBudget:
    """The wall-clock time one submission (or one package) may spend cleaning, shared."""

    def __init__(
        self,
        seconds: float = SUBMISSION_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self.deadline = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self.deadline - self._clock())


@dataclass(frozen=True)
class SanitizeLimits:
    """What cleaning one file may take; memory and output grow with the file."""

    cpu_seconds: int = 60
    wall_seconds: float = 60.0
    base_memory_mib: int = 768  # the interpreter, its libraries, ffmpeg's threads
    memory_per_mib: int = 3  # address space per MiB of file: in, out, and the parser's own

    def sandbox_limits(self, size: int, kind: str, wall: float) -> sandbox.SandboxLimits:
        size_mib = size // MIB + 1
        # These work on a copy in the sandbox's tmpfs (memory), as do the pictures and videos
        # inside an archive or office file.
        seekable = kind in {"tiff", "heic", "mp4", "zip"}
        return sandbox.SandboxLimits(
            memory_mib=self.base_memory_mib + self.memory_per_mib * size_mib,
            cpu_seconds=max(1, min(self.cpu_seconds, int(wall) + 1)),
            wall_seconds=wall,
            output_mib=2 * size_mib + 16,
            file_mib=size_mib + 16 if seekable else 0,
        )


@dataclass(frozen=True)
class Cleaning:
    """One file's cleaning: its codes, and the cleaned bytes (None: keep the original)."""

    codes: tuple[str, ...]
    data: bytes | None
    kind: str | None
    peak_rss_kib: int = 0
    seconds: float = 0.0

    @property
    def cleaned(self) -> bool:
        return self.data is not None


def _kept(reason: str, kind: str | None = None) -> Cleaning:
    code = f"kept:{reason}"
    return Cleaning((code if code in OUTCOMES else "kept:unreadable",), None, kind)


def _name_note(name: str, kind: str) -> tuple[str, ...]:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix and suffix not in EXTENSIONS.get(kind, ()):
        return ("note:renamed_type",)
    return ()


def clean_chunks(
    chunks: Iterable[bytes],
    head: bytes,
    size: int,
    *,
    name: str = "",
    limits: SanitizeLimits | None = None,
    budget: CleaningBudget | None = None,
) -> Cleaning:
    """Clean a file given as plaintext chunks (its first bytes in `head`) in the sandbox."""
    limits = limits or SanitizeLimits()
    kind = detect_kind(head)
    if kind is None:
        return _kept("unsupported")
    wall = limits.wall_seconds
    if budget is not None:
        if budget.remaining() < MIN_FILE_SECONDS:
            return _kept("budget", kind)
        wall = min(wall, budget.remaining())
    box = limits.sandbox_limits(size, kind, wall)
    try:
        result = sandbox.run_python("wb_cases.cleaners.worker", [kind], chunks, box)
    except sandbox.SandboxUnavailable:
        return _kept("no_sandbox", kind)
    outcome = _read_result(result, kind)
    extra = _name_note(name, outcome.kind or kind) if outcome.data is not None else ()
    return dataclasses.replace(
        outcome,
        codes=outcome.codes + extra,
        peak_rss_kib=result.peak_rss_kib,
        seconds=result.seconds,
    )


def _read_result(result: sandbox.SandboxResult, kind: str) -> Cleaning:
    """The worker's answer, trusted only as far as it checks out: same type, known codes."""
    killed = result.returncode < 0 or result.returncode > 128  # bubblewrap says 128 + signal
    if result.timed_out or result.output_exceeded or killed:
        return _kept("limit", kind)  # stopped: wall clock, CPU (SIGXCPU) or memory
    if result.returncode != 0:
        return _kept("unreadable", kind)
    line, _, body = result.stdout.partition(b"\n")
    try:
        header = json.loads(line)
    except ValueError:
        return _kept("unreadable", kind)
    if "kept" in header:
        return _kept(str(header["kept"]), kind)
    exact = str(header.get("kind", kind))
    codes = tuple(str(c) for c in header.get("codes", ()))
    if not body or not set(codes) <= ALL_CODES or not codes or codes[0] not in OUTCOMES:
        return _kept("invalid_output", kind)
    if detect_kind(body[: crypto.SEGMENT_SIZE]) != SAME_SIGNATURE.get(exact, exact):
        return _kept("invalid_output", kind)
    return Cleaning(codes, body, exact)


def _plaintext(file_store: FileStore, staged: StagedFile) -> Iterator[bytes]:
    with open(file_store.staging_path(staged.blob_id), "rb") as handle:
        yield from crypto.iter_decrypt(staged.file_key, handle, stream_context(staged.blob_id))


def _with(staged: StagedFile, *codes: str) -> StagedFile:
    return dataclasses.replace(staged, sanitation=tuple(codes))


def clean_staged(
    file_store: FileStore,
    staged: StagedFile,
    *,
    limit: int,
    limits: SanitizeLimits | None = None,
    budget: CleaningBudget | None = None,
) -> StagedFile:
    """Return a cleaned copy of a staged upload (the original is discarded), or the original
    marked with why it was kept as sent. Every size the upload limit allows is cleaned."""
    head = next(_plaintext(file_store, staged), b"") if staged.size else b""
    cleaning = clean_chunks(
        _plaintext(file_store, staged),
        head,
        staged.size,
        name=staged.name,
        limits=limits,
        budget=budget,
    )
    if cleaning.data is None:
        return _with(staged, *cleaning.codes)
    file_key = crypto.new_key()
    writer = file_store.writer(file_key, max(limit, len(cleaning.data)))
    try:
        writer.write(cleaning.data)
        writer.close()
    except BaseException:
        writer.discard()
        raise
    file_store.discard_staged(staged.blob_id)
    return StagedFile(
        blob_id=writer.blob_id,
        file_key=file_key,
        name=staged.name,
        content_type=staged.content_type,
        size=writer.size,
        sanitation=cleaning.codes,
    )


def clean_data(
    data: bytes,
    *,
    name: str = "",
    limits: SanitizeLimits | None = None,
    budget: CleaningBudget | None = None,
) -> Cleaning:
    """Clean bytes already in memory (a forwarding package, a journal bundle)."""
    step = crypto.SEGMENT_SIZE
    chunks = (data[i : i + step] for i in range(0, len(data), step))
    return clean_chunks(chunks, data[:step], len(data), name=name, limits=limits, budget=budget)


def keep_as_sent(staged: StagedFile) -> StagedFile:
    """The reporter chose to keep this file exactly as it is."""
    return _with(staged, "kept:choice")


def still_holds(codes: Iterable[str]) -> bool:
    """True when a file may still carry hidden information: not cleaned, or only partly."""
    codes = tuple(codes)
    return (
        not codes
        or codes[0] not in {"cleaned", "none_found"}
        or any(c.startswith("remains:") for c in codes)
    )
