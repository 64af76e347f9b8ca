"""Every format a reporter sends, each carrying planted identifying data: nothing planted
survives cleaning, pictures keep their pixels, sound and video their streams, office files
still open, and the reporter is told what was removed and what remains."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from wb_cases.services.sanitize import Cleaning

from .conftest import needs_sandbox
from .inspect import photos_with_gps, planted

pytestmark = needs_sandbox

FORMATS = [
    "foto.jpg",
    "skaermbillede.png",
    "billede.webp",
    "animation.gif",
    "scan.tif",
    "iphone.heic",
    "notat.pdf",
    "dokument.odt",
    "dokument.ods",
    "dokument.odp",
    "dokument.docx",
    "dokument.xlsx",
    "dokument.pptx",
    "bilag.zip",
    "optagelse.mp3",
    "video.mp4",
    "video.mov",
    "lyd.m4a",
    "kort.svg",
]
OFFICE = [n for n in FORMATS if n.startswith("dokument.")]


@pytest.mark.parametrize("name", FORMATS)
def test_no_planted_value_survives_cleaning(
    name: str, planted_files: dict[str, bytes], cleaned_files: dict[str, Cleaning]
) -> None:
    before, after = planted_files[name], cleaned_files[name]
    assert planted(before), "the corpus file must carry planted data"
    assert after.data is not None, after.codes
    assert planted(after.data) == set()
    assert photos_with_gps(after.data) == 0
    assert after.codes[0] in {"cleaned", "partly_cleaned"}
    assert any(code.startswith("removed:") for code in after.codes)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("foto.jpg", {"cleaned", "removed:gps", "removed:exif", "removed:comment", "removed:xmp"}),
        (
            "dokument.docx",
            {
                "partly_cleaned",
                "removed:author",
                "removed:people",
                "removed:revisions",
                "removed:gps",
                "remains:comments",
                "remains:tracked_changes",
            },
        ),
        (
            "dokument.odt",
            {"partly_cleaned", "removed:author", "removed:printer", "remains:tracked_changes"},
        ),
        (
            "notat.pdf",
            {
                "partly_cleaned",
                "removed:author",
                "removed:xmp",
                "removed:people",
                "removed:embedded_files",
                "removed:scripts",
                "removed:gps",
                "remains:comments",
            },
        ),
        ("bilag.zip", {"removed:archive_info", "removed:gps", "removed:embedded_files"}),
        ("optagelse.mp3", {"cleaned", "removed:cover", "removed:tags", "removed:comment"}),
        ("video.mp4", {"cleaned", "removed:gps", "removed:chapters", "removed:title"}),
        ("kort.svg", {"cleaned", "removed:editor", "removed:paths", "removed:comment"}),
        ("noter.txt", {"none_found", "note:plain_text"}),
        ("tal.csv", {"none_found", "note:plain_text"}),
    ],
)
def test_the_reporter_is_told_what_was_removed_and_what_remains(
    name: str, expected: set[str], cleaned_files: dict[str, Cleaning]
) -> None:
    assert expected <= set(cleaned_files[name].codes)


def test_plain_text_and_csv_come_back_byte_for_byte(
    planted_files: dict[str, bytes], cleaned_files: dict[str, Cleaning]
) -> None:
    for name in ("noter.txt", "tal.csv"):
        assert cleaned_files[name].data == planted_files[name]


def _pixels(data: bytes) -> bytes:
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGBA").tobytes()


@pytest.mark.parametrize(
    "name",
    ["foto.jpg", "skaermbillede.png", "billede.webp", "animation.gif", "scan.tif", "iphone.heic"],
)
def test_pictures_keep_every_pixel(
    name: str, planted_files: dict[str, bytes], cleaned_files: dict[str, Cleaning]
) -> None:
    after = cleaned_files[name].data
    assert after is not None
    assert _pixels(after) == _pixels(planted_files[name])


def test_a_portrait_photo_keeps_only_its_orientation_and_is_never_re_encoded(
    planted_files: dict[str, bytes], cleaned_files: dict[str, Cleaning]
) -> None:
    before, after = planted_files["foto.jpg"], cleaned_files["foto.jpg"].data
    assert after is not None
    scan = before[before.index(b"\xff\xda") :]
    assert after.endswith(scan)  # the compressed picture itself, bit for bit
    tags = subprocess.run(
        ["exiftool", "-j", "-G1", "-a", "-"], input=after, capture_output=True, check=True
    ).stdout.decode()
    assert '"IFD0:Orientation": "Rotate 90 CW"' in tags
    for group in ("ExifIFD", "GPS", "XMP", "Comment", "IFD1", "MakerNotes"):
        assert f'"{group}' not in tags


def _stream_hashes(data: bytes, suffix: str, tmp_path: Path) -> str:
    path = tmp_path / f"media{suffix}"
    path.write_bytes(data)
    return subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(path),
            "-map",
            "0:a?",
            "-map",
            "0:V?",
            "-c",
            "copy",
            "-f",
            "streamhash",
            "-hash",
            "sha256",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout.decode()


@pytest.mark.parametrize("name", ["optagelse.mp3", "video.mp4", "video.mov", "lyd.m4a"])
def test_sound_and_video_streams_are_copied_bit_for_bit(
    name: str,
    planted_files: dict[str, bytes],
    cleaned_files: dict[str, Cleaning],
    tmp_path: Path,
) -> None:
    after = cleaned_files[name].data
    assert after is not None
    suffix = Path(name).suffix
    before_hashes = _stream_hashes(planted_files[name], suffix, tmp_path)
    assert before_hashes and _stream_hashes(after, suffix, tmp_path) == before_hashes


def test_every_cleaned_office_file_opens_in_libreoffice(
    cleaned_files: dict[str, Cleaning], tmp_path: Path
) -> None:
    sources = []
    for name in OFFICE:
        data = cleaned_files[name].data
        assert data is not None
        path = tmp_path / name.replace("dokument", f"renset-{name.rsplit('.', 1)[1]}")
        path.write_bytes(data)
        sources.append(str(path))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *sources,
        ],
        capture_output=True,
        check=True,
        timeout=240,
    )
    made = sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf") if p.stat().st_size > 500)
    assert made == sorted(Path(s).with_suffix(".pdf").name for s in sources)
