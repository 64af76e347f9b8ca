"""Hostile and awkward files: bombs, broken and encrypted PDFs, an archive that starts with a
PDF, lying names, a 200-megapixel photo, a spent time budget. Limits hold, nothing is lost,
and the reporter is told the truth."""

from __future__ import annotations

import io
import os
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from tests.helpers import stage
from wb_cases.services.sanitize import (
    CleaningBudget,
    SanitizeLimits,
    clean_data,
    clean_staged,
)
from wb_cases.services.sanitize_labels import label_texts
from wb_cases.storage import FileStore

from . import corpus
from .conftest import needs_sandbox
from .inspect import photos_with_gps, planted

pytestmark = needs_sandbox

MIB = 1024 * 1024


def _with_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The same JPEG with its frame header claiming another size (never decoded here)."""
    sof = jpeg.index(b"\xff\xc0")
    return jpeg[: sof + 5] + struct.pack(">HH", height, width) + jpeg[sof + 9 :]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb() -> bytes:
    """50,000 × 50,000 pixels of black in a few kilobytes."""
    rows = zlib.compress(b"\x00" * (50_001 * 200), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0))
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


@pytest.fixture(scope="session")
def docx_bomb(tmp_path_factory: Any) -> bytes:
    """A DOCX whose one picture inflates to 1 GiB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    zero = bytes(MIB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(zero)
    return path.read_bytes()


def _kept(name: str, data: bytes, reason: str) -> None:
    result = clean_data(data, name=name)
    assert result.codes == (f"kept:{reason}",) and result.data is None
    assert result.seconds < 20
    assert label_texts(result.codes, "da")[0].startswith("Gemt som sendt:")


def test_an_image_claiming_billions_of_pixels_is_not_opened() -> None:
    _kept("stor.jpg", _with_size(corpus.jpeg(1), 65_000, 65_000), "bomb")


def test_a_png_decompression_bomb_is_not_inflated() -> None:
    _kept("sort.png", png_bomb(), "bomb")


def test_a_docx_inflating_to_a_gibibyte_is_not_inflated(docx_bomb: bytes) -> None:
    assert len(docx_bomb) < 8 * MIB
    _kept("rapport.docx", docx_bomb, "bomb")


def test_a_broken_pdf_is_kept_as_sent() -> None:
    _kept("brudt.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "unreadable")
    whole = corpus.pdf()
    _kept("afbrudt.pdf", whole[: len(whole) // 2], "unreadable")  # repairable, but not whole


def test_an_encrypted_pdf_is_kept_and_the_reporter_told_why() -> None:
    out = io.BytesIO()
    pdf = pikepdf.open(io.BytesIO(corpus.pdf()))
    pdf.save(out, encryption=pikepdf.Encryption(user="hemmelig", owner="ejer"))
    _kept("laast.pdf", out.getvalue(), "encrypted")
    assert "adgangskode" in label_texts(("kept:encrypted",), "da")[0]


def test_a_200_megapixel_photo_is_cleaned_without_decoding_it() -> None:
    photo = _with_size(corpus.jpeg(6), 20_000, 10_000)
    result = clean_data(photo, name="IMG_0001.jpg")
    assert result.data is not None and result.codes[0] == "cleaned"
    assert planted(result.data) == set() and photos_with_gps(result.data) == 0
    assert result.peak_rss_kib < 200 * 1024  # never decoded: 200 Mpx would take 600 MiB


def test_a_file_larger_than_the_old_cleaning_budget_is_cleaned(tmp_path: Path) -> None:
    # Files between 64 MiB and the upload limit used to be kept uncleaned.
    photo = corpus.jpeg(6) + os.urandom(70 * MIB)  # a phone's trailer of extra data
    file_store = FileStore(tmp_path / "files")
    staged = clean_staged(file_store, stage(file_store, "IMG_0002.jpg", photo), limit=100 * MIB)
    assert staged.sanitation[0] == "cleaned" and "removed:trailer" in staged.sanitation
    cleaned = b"".join(store_plaintext(file_store, staged))
    assert len(cleaned) < 10_000 and planted(cleaned) == set()


def test_a_zip_whose_first_member_is_a_stored_pdf_stays_a_whole_zip() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("notat.pdf", corpus.pdf())
        archive.writestr("liste.csv", "navn;beløb\n")
    data = out.getvalue()
    assert b"%PDF-" in data[:1024]
    result = clean_data(data, name="bilag.zip")
    assert result.kind == "zip" and result.data is not None
    cleaned = zipfile.ZipFile(io.BytesIO(result.data))
    assert cleaned.namelist() == ["notat.pdf", "liste.csv"]
    assert planted(result.data) == set()


def test_a_tar_whose_first_member_is_a_pdf_reaches_staff_whole(tmp_path: Path) -> None:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, content in (("notat.pdf", corpus.pdf()), ("liste.txt", b"to filer")):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    data = out.getvalue()
    file_store = FileStore(tmp_path / "files")
    staged = clean_staged(file_store, stage(file_store, "bilag.tar", data), limit=1 << 30)
    assert staged.sanitation == ("kept:unsupported",)
    assert b"".join(store_plaintext(file_store, staged)) == data


def store_plaintext(file_store: FileStore, staged: Any) -> Any:
    import crypto
    from wb_cases.storage import stream_context

    with open(file_store.staging_path(staged.blob_id), "rb") as handle:
        yield from crypto.iter_decrypt(staged.file_key, handle, stream_context(staged.blob_id))


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [("foto.jpg", corpus.pdf, "pdf"), ("rapport.pdf", lambda: corpus.jpeg(1), "jpeg")],
)
def test_a_lying_name_does_not_decide_how_a_file_is_cleaned(
    name: str, make: Any, kind: str
) -> None:
    result = clean_data(make(), name=name)
    assert result.kind == kind and result.data is not None
    assert "note:renamed_type" in result.codes
    assert planted(result.data) == set()


def test_a_program_named_as_text_is_not_cleaned_and_says_so() -> None:
    _kept("noter.txt", b"\x7fELF\x02\x01\x01" + bytes(200), "unsupported")


def test_rtf_and_html_are_not_called_plain_text() -> None:
    # Both read as text, but a word processor hides their author fields from the reader.
    _kept("brev.txt", b"{\\rtf1\\ansi{\\info{\\author PLANT-author}}Hej}", "unsupported")
    _kept("side.txt", b'<html><meta name="author" content="PLANT-author">Hej</html>', "unsupported")


def test_a_spent_submission_budget_keeps_the_rest_as_sent_at_once() -> None:
    budget = CleaningBudget(seconds=0.5)
    result = clean_data(corpus.jpeg(1), name="foto.jpg", budget=budget)
    assert result.codes == ("kept:budget",) and result.seconds == 0


def test_a_file_over_its_time_limit_is_stopped_and_kept() -> None:
    result = clean_data(corpus.pdf(), name="notat.pdf", limits=SanitizeLimits(wall_seconds=0.05))
    assert result.codes == ("kept:limit",) and result.data is None
