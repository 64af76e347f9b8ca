"""ZIP archives read member by member under bomb guards, and written again without times.

Office files (DOCX, XLSX, PPTX, ODT, ODS, ODP) are ZIP archives too: `office`
cleans their parts; any other archive has each member cleaned by its own cleaner
(`dispatch.clean_member`), archives inside archives up to `MAX_DEPTH`. The archive
comment, every member's time and extra fields go.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .core import MAX_INFLATED, MAX_MEMBERS, MAX_RATIO, MIB, Findings, NotCleanedError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no member keeps its time


@dataclass
class Inflation:
    """How many bytes an archive (and those inside it) may still unpack to."""

    left: int = MAX_INFLATED

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise NotCleanedError("bomb")


def open_zip(data: bytes | memoryview) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise NotCleanedError("unreadable") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise NotCleanedError("bomb")
    if sum(i.file_size for i in infos) > MAX_INFLATED:
        raise NotCleanedError("bomb")
    for info in infos:
        if info.flag_bits & 0x1:
            raise NotCleanedError("encrypted")
        if info.file_size > MIB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise NotCleanedError("bomb")
    return archive


def members(
    archive: zipfile.ZipFile, inflation: Inflation
) -> Iterator[tuple[zipfile.ZipInfo, bytes]]:
    """Each member's bytes, never more than it declared (a lying header is a bomb)."""
    for info in archive.infolist():
        if info.is_dir():
            yield info, b""
            continue
        try:
            with archive.open(info) as handle:
                content = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise NotCleanedError("unreadable") from None
        except NotImplementedError:
            raise NotCleanedError("unsupported") from None
        if len(content) > info.file_size:
            raise NotCleanedError("bomb")
        inflation.take(len(content))
        yield info, content


def archive_findings(archive: zipfile.ZipFile) -> Findings:
    found = Findings()
    if archive.comment:
        found.removed.add("archive_info")
    for info in archive.infolist():
        if info.extra or info.comment or info.date_time != FIXED_TIME:
            found.removed.add("archive_info")
            break
    return found


class ZipOut:
    """A new archive: same member order and compression, no times, extras or comments."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.archive = zipfile.ZipFile(self.buffer, "w", allowZip64=True)

    def add(self, info: zipfile.ZipInfo, content: bytes | memoryview) -> None:
        clean = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
        clean.compress_type = (
            zipfile.ZIP_STORED if info.compress_type == zipfile.ZIP_STORED else zipfile.ZIP_DEFLATED
        )
        clean.external_attr = (0o40755 << 16 | 0x10) if info.is_dir() else (0o644 << 16)
        clean.create_system = 3
        self.archive.writestr(clean, bytes(content))

    def finish(self) -> memoryview:
        self.archive.close()
        return self.buffer.getbuffer()


def clean_zip(
    data: bytes | memoryview,
    *,
    depth: int,
    inflation: Inflation,
    clean_member: Callable[[bytes, int, Inflation], tuple[bytes | memoryview, Findings]],
) -> tuple[memoryview, Findings]:
    """A plain archive: every member through its own cleaner, kept as is when there is none."""
    archive = open_zip(data)
    found = archive_findings(archive)
    out = ZipOut()
    for info, content in members(archive, inflation):
        if content:
            cleaned, member_found = clean_member(content, depth + 1, inflation)
            found.merge(member_found)
            content = cleaned
        out.add(info, content)
    return out.finish(), found


def reopen_zip(data: bytes | memoryview) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as again:
            if again.testzip() is not None:
                raise NotCleanedError("invalid_output")
            return again.namelist()
    except zipfile.BadZipFile:
        raise NotCleanedError("invalid_output") from None
