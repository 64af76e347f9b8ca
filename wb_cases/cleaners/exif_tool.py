"""TIFF and HEIC/HEIF pictures cleaned by Debian's exiftool, which rewrites them losslessly.

The file lives in the sandbox's private tmpfs (memory) while exiftool works on it.
What exiftool still finds afterwards is reported as remaining.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .core import Findings, NotCleanedError, guard_pixels

# Tags in a TIFF's first directory that describe people, devices or times, not pixels.
IFD0_CODES = {
    "Make": "exif",
    "Model": "exif",
    "Software": "producer",
    "Artist": "author",
    "Copyright": "author",
    "ModifyDate": "dates",
    "HostComputer": "exif",
    "ImageDescription": "title",
    "DocumentName": "paths",
    "XPAuthor": "author",
    "XPComment": "comment",
    "XPTitle": "title",
    "XPSubject": "title",
    "XPKeywords": "title",
}
GROUP_CODES = {"GPS": "gps", "IPTC": "iptc", "Photoshop": "other", "IFD1": "thumbnail"}


def read_tags(path: Path) -> dict[str, object]:
    result = subprocess.run(  # noqa: S603 - fixed argv, inside the sandbox
        ["/usr/bin/exiftool", "-j", "-G1", "-a", "-n", "-q", str(path)],
        capture_output=True,
        check=False,
    )
    try:
        return dict(json.loads(result.stdout)[0])
    except (ValueError, IndexError):
        raise NotCleanedError("unreadable") from None


def tag_codes(tags: dict[str, object]) -> set[str]:
    codes = set()
    for key in tags:
        group, _, name = key.partition(":")
        if group == "IFD0" and name in IFD0_CODES:
            codes.add(IFD0_CODES[name])
        elif group in GROUP_CODES:
            codes.add(GROUP_CODES[group])
        elif group.startswith("XMP"):
            codes.add("xmp")
        elif group in ("ExifIFD", "InteropIFD", "SubIFD") or group.startswith("MakerNotes"):
            codes.add("exif")
    return codes


def clean_with_exiftool(source: Path, kind: str) -> tuple[Path, Findings]:
    tags = read_tags(source)
    width, height = tags.get("File:ImageWidth") or 0, tags.get("File:ImageHeight") or 0
    if not width:
        width, height = tags.get("IFD0:ImageWidth") or 0, tags.get("IFD0:ImageHeight") or 0
    guard_pixels(int(width), int(height))  # type: ignore[call-overload]
    found = Findings(removed=tag_codes(tags))
    target = source.with_name("out." + kind)
    result = subprocess.run(  # noqa: S603 - fixed argv, inside the sandbox
        [
            "/usr/bin/exiftool",
            "-q",
            "-q",
            "-all=",
            *(f"-IFD0:{name}=" for name in IFD0_CODES),  # -all= leaves a TIFF's first directory
            "-tagsfromfile",
            "@",
            "-Orientation",
            "-o",
            str(target),
            str(source),
        ],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0 or not target.exists():
        raise NotCleanedError("unreadable")
    after = read_tags(target)
    if str(after.get("File:FileType", "")).lower() not in {kind, "heif"}:
        raise NotCleanedError("invalid_output")
    left = tag_codes(after)
    found.remains |= {"metadata"} if left - {"exif"} or _more_than_orientation(after) else set()
    return target, found


def _more_than_orientation(tags: dict[str, object]) -> bool:
    return any(
        k.partition(":")[0] in ("ExifIFD", "GPS") or k.startswith("MakerNotes") for k in tags
    )
