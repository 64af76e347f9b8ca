"""One entry point: clean bytes of a known kind, archives and office files recursively."""

from __future__ import annotations

import itertools
from pathlib import Path

from .archive import Inflation, clean_zip, open_zip, reopen_zip
from .core import MAX_DEPTH, Findings, NotCleanedError
from .detect import detect_kind
from .exif_tool import clean_with_exiftool
from .images import clean_gif, clean_jpeg, clean_png, clean_webp, reopen_picture
from .media import clean_iso_media, clean_mp3
from .office import clean_office, office_kind
from .pdf import clean_pdf
from .text import check_text, clean_svg

Cleaned = tuple[bytes | memoryview, Findings]

IN_MEMORY = {
    "jpeg": clean_jpeg,
    "png": clean_png,
    "webp": clean_webp,
    "gif": clean_gif,
    "pdf": clean_pdf,
    "mp3": clean_mp3,
    "svg": clean_svg,
    "text": check_text,
}
PICTURES = frozenset({"jpeg", "png", "webp", "gif"})
ON_TMPFS = frozenset({"tiff", "heic", "mp4"})  # need a seekable file: the sandbox's tmpfs
TMPFS = Path("/tmp")  # noqa: S108 - the sandbox's own tmpfs, empty, private, in memory
_SERIAL = itertools.count()


def clean_bytes(
    data: bytes | memoryview, kind: str, depth: int, inflation: Inflation
) -> tuple[bytes | memoryview, Findings, str]:
    """Clean `data` of `kind`; return the result, the findings and the exact kind."""
    if kind == "zip":
        archive = open_zip(data)
        exact = office_kind(archive) or "zip"
        archive.close()
        if exact == "zip":
            if depth >= MAX_DEPTH:
                raise NotCleanedError("bomb")
            cleaned, found = clean_zip(
                data, depth=depth, inflation=inflation, clean_member=clean_member
            )
        else:
            cleaned, found = clean_office(
                data, exact, depth=depth, inflation=inflation, clean_member=clean_member
            )
        reopen_zip(cleaned)
        return cleaned, found, exact
    cleaner = IN_MEMORY.get(kind)
    if cleaner is None:
        raise NotCleanedError("unsupported")
    cleaned, found = cleaner(bytes(data))
    if kind in PICTURES:
        reopen_picture(cleaned, kind)
    return cleaned, found, kind


def clean_on_tmpfs(source: Path, kind: str) -> tuple[Path, Findings, str]:
    """TIFF, HEIC and MP4-family files: cleaned by exiftool or ffmpeg on a tmpfs copy."""
    if kind == "mp4":
        target, found = clean_iso_media(source)
        return target, found, target.suffix[1:]
    target, found = clean_with_exiftool(source, kind)
    return target, found, kind


def _member_on_tmpfs(data: bytes, kind: str) -> Cleaned:
    source = TMPFS / f"member-{next(_SERIAL)}.{kind}"
    target = None
    try:
        source.write_bytes(data)
        target, found, _exact = clean_on_tmpfs(source, kind)
        return target.read_bytes(), found
    except (OSError, NotCleanedError):  # too large for the tmpfs limit, or unreadable
        return data, Findings(remains={"uncleaned_parts"})
    finally:
        source.unlink(missing_ok=True)
        if target is not None:
            target.unlink(missing_ok=True)


def clean_member(data: bytes, depth: int, inflation: Inflation) -> Cleaned:
    """A member of an archive or a part of an office file: cleaned when we can, else said."""
    kind = detect_kind(bytes(data[:4096]))
    if kind is None:
        return data, Findings(remains={"uncleaned_parts"})
    if kind in ON_TMPFS:
        return _member_on_tmpfs(bytes(data), kind)
    if kind == "text":
        return data, Findings()
    try:
        cleaned, found, _exact = clean_bytes(data, kind, depth, inflation)
    except NotCleanedError as error:
        if error.reason == "bomb":
            raise
        return data, Findings(remains={"uncleaned_parts"})
    found.notes.discard("plain_text")
    return cleaned, found
