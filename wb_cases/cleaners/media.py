"""Sound and video: MP3 tags with mutagen; MP4, M4A and MOV by ffmpeg stream copy.

ffmpeg copies every audio and video stream bit for bit into a new container
without the file's or the streams' metadata and chapters. MP4 needs to seek, so
input and output live in the sandbox's private tmpfs (memory, never a disk).
"""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from .core import Findings, NotCleanedError

ID3_CODES = {
    "APIC": "cover",
    "PIC": "cover",
    "COMM": "comment",
    "USLT": "text",
    "GEOB": "embedded_files",
}
FFMPEG_TAGS = {
    "location": "gps",
    "location-eng": "gps",
    "com.apple.quicktime.location.iso6709": "gps",
    "make": "exif",
    "model": "exif",
    "com.apple.quicktime.make": "exif",
    "com.apple.quicktime.model": "exif",
    "com.apple.quicktime.software": "producer",
    "encoder": "producer",
    "creation_time": "dates",
    "date": "dates",
    "artist": "tags",
    "album": "tags",
    "title": "title",
    "comment": "comment",
    "author": "author",
    "copyright": "tags",
}
# What a bare remux leaves and says nothing about anyone.
NEUTRAL_TAGS = frozenset(
    {"major_brand", "minor_version", "compatible_brands", "handler_name", "vendor_id", "language"}
)
ISO_FORMATS = {"mov": "mov", "m4a": "ipod", "mp4": "mp4"}


def clean_mp3(data: bytes) -> tuple[bytes, Findings]:
    from mutagen import MutagenError
    from mutagen.apev2 import APENoHeaderError, APEv2
    from mutagen.id3 import ID3, ID3NoHeaderError
    from mutagen.id3 import delete as delete_id3
    from mutagen.mp3 import MP3

    found = Findings()
    handle = io.BytesIO(data)
    try:
        for frame in ID3(handle).keys():
            found.removed.add(ID3_CODES.get(frame.split(":")[0], "tags"))
    except ID3NoHeaderError:
        pass
    except MutagenError:
        raise NotCleanedError("unreadable") from None
    handle.seek(0)
    delete_id3(handle)
    handle.seek(0)
    try:
        APEv2(handle).delete(handle)
        found.removed.add("tags")
    except (APENoHeaderError, MutagenError):
        pass
    cleaned = handle.getvalue()
    try:
        MP3(io.BytesIO(cleaned))
    except MutagenError:
        raise NotCleanedError("invalid_output") from None
    return cleaned, found


def _probe(path: Path) -> dict[str, object]:
    result = subprocess.run(  # noqa: S603 - fixed argv, inside the sandbox
        [
            "/usr/bin/ffprobe",
            "-v",
            "error",
            "-show_format",
            "-show_streams",
            "-show_chapters",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise NotCleanedError("unreadable")
    return dict(json.loads(result.stdout))


def _tag_codes(probe: dict[str, object]) -> set[str]:
    tags: dict[str, str] = {}
    fmt = probe.get("format")
    if isinstance(fmt, dict):
        tags.update(fmt.get("tags") or {})
    for stream in probe.get("streams") or []:  # type: ignore[attr-defined]
        tags.update(stream.get("tags") or {})
    codes = set()
    for key in tags:
        lowered = key.lower()
        if lowered in NEUTRAL_TAGS:
            continue
        codes.add(FFMPEG_TAGS.get(lowered, "other"))
    if probe.get("chapters"):
        codes.add("chapters")
    return codes


def iso_format(probe: dict[str, object]) -> str:
    fmt = probe.get("format") or {}
    brand = str((fmt.get("tags") or {}).get("major_brand", "")).strip()  # type: ignore[union-attr]
    if brand == "qt":
        return "mov"
    if brand in ("M4A", "M4B"):
        return "m4a"
    return "mp4"


def clean_iso_media(source: Path) -> tuple[Path, Findings]:
    """Copy an MP4, M4A or MOV's streams into a new container without metadata."""
    probe = _probe(source)
    found = Findings()
    found.removed |= _tag_codes(probe)
    target = source.with_name("out." + iso_format(probe))
    result = subprocess.run(  # noqa: S603 - fixed argv, inside the sandbox
        [
            "/usr/bin/ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(source),
            "-map",
            "0:v?",
            "-map",
            "0:a?",
            "-map",
            "0:s?",
            "-map_metadata",
            "-1",
            "-map_metadata:s",
            "-1",
            "-map_chapters",
            "-1",
            "-c",
            "copy",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            "-f",
            ISO_FORMATS[iso_format(probe)],
            str(target),
        ],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise NotCleanedError("unreadable")
    left = _tag_codes(_probe(target))
    if left:
        found.remains.add("metadata")
    return target, found
