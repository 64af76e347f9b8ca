"""Safe previews: the converter chain in the sandbox, its safe copies, and hostile files.

Renderings go through the real sandbox once per sample per test process
(tests.preview_samples caches them): LibreOffice alone takes seconds to start.
"""

from __future__ import annotations

import io
import socket
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests import preview_samples as samples
from wb_cases import sandbox
from wb_cases.services import preview

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="bubblewrap cannot run here")

render = samples.cached_render(preview.render)


def _render(data: bytes, extension: str) -> preview.Rendition:
    result = render(data, extension, len(data))
    assert isinstance(result, preview.Rendition)
    return result


def _images(rendition: preview.Rendition) -> list[bytes]:
    return [image for _, image in rendition.pages if image is not None]


@pytest.mark.parametrize(
    ("data", "extension", "pages", "words"),
    [
        (samples.docx(2), "docx", 2, "Indberetning om dobbeltfakturering side 2"),
        (samples.pdf(3, hostile=True), "pdf", 3, "Faktura side 3"),
        (samples.photo(), "jpg", 1, ""),
    ],
    ids=["docx", "pdf", "photo"],
)
def test_documents_become_page_images_with_their_text_and_a_clean_safe_copy(
    data: bytes, extension: str, pages: int, words: str
) -> None:
    rendition = _render(data, extension)
    assert rendition.problem is None
    images = _images(rendition)
    assert len(images) == pages
    for image in images:
        with Image.open(io.BytesIO(image)) as picture:
            assert picture.format == "PNG" and not picture.getexif()
    assert words in rendition.pages[-1][0]["text"]

    assert rendition.safe_copy is not None
    with pikepdf.open(io.BytesIO(rendition.safe_copy)) as pdf:
        assert len(pdf.pages) == pages
        assert "/Info" not in pdf.trailer
        for key in ("/Metadata", "/Names", "/OpenAction", "/AA", "/AcroForm"):
            assert key not in pdf.Root
        assert not pdf.attachments
        for page in pdf.pages:
            assert "/Annots" not in page.obj and "/AA" not in page.obj
    for secret in (b"JavaScript", b"payload.exe", b"Navn Navnesen", b"example.invalid", b"GPS"):
        assert secret not in rendition.safe_copy


def test_a_10000_page_document_shows_its_first_pages_and_says_how_many_there_are() -> None:
    rendition = _render(samples.many_pages_pdf(), "pdf")
    assert rendition.problem is None
    assert len(_images(rendition)) == preview.MAX_PAGES
    assert rendition.meta["total"] == 10_000
    assert rendition.seconds < preview.LIMITS.wall_seconds


@pytest.mark.parametrize(
    ("make", "extension", "problem"),
    [
        (samples.encrypted_pdf, "pdf", "encrypted"),
        (
            lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ntrailer garbage",
            "pdf",
            "unreadable",
        ),
        (samples.image_bomb, "png", "image_too_large"),
        (lambda: samples.zip_bomb(300), "zip", "archive_too_large"),
        (lambda: b"\x7fELF\x02\x01\x01\x00" + bytes(200), "exe", "unsupported"),
    ],
    ids=["encrypted-pdf", "malformed-pdf", "image-bomb", "zip-bomb", "program"],
)
def test_hostile_files_end_in_a_clear_problem_within_the_limits(
    make: Callable[[], bytes], extension: str, problem: str
) -> None:
    rendition = _render(make(), extension)
    assert rendition.problem == problem
    assert rendition.pages == [] and rendition.safe_copy is None
    assert rendition.seconds < 20
    assert rendition.peak_rss_kib < preview.LIMITS.memory_mib * 1024


def test_a_document_with_macros_is_shown_as_pages_and_the_macros_are_named_not_run() -> None:
    rendition = _render(samples.docx(1, macro=True), "docm")
    assert rendition.problem is None
    assert rendition.meta["notices"] == ["macros"]
    assert len(_images(rendition)) == 1


def test_a_file_larger_than_it_claims_is_refused() -> None:
    data = samples.pdf(1)
    rendition = preview.render(data, "pdf", len(data) - 10)
    assert rendition.problem == "too_large"


def test_an_email_shows_its_headers_body_and_lists_its_attachments() -> None:
    rendition = _render(samples.eml(), "eml")
    text = rendition.pages[0][0]["text"]
    assert "Subject: Fakturaer" in text and "Se de vedlagte bilag." in text
    assert "bilag.pdf" in text
    assert len(_images(rendition)) == 1


def test_the_documents_inside_a_zip_are_listed_and_shown() -> None:
    rendition = _render(samples.zip_of_documents(), "zip")
    texts = [info["text"] for info, _ in rendition.pages]
    assert "bilag/faktura.pdf" in texts[0] and "bilag/notat.txt" in texts[0]
    assert any("Bilag A side 1" in t for t in texts) and any("Notat om bilag B" in t for t in texts)
    assert len(_images(rendition)) == 2
    locked = [info for info, _ in rendition.pages if info["source"] == "bilag/laast.pdf"]
    assert locked == [
        {"source": "bilag/laast.pdf", "label": "", "text": "", "problem": "encrypted"}
    ]


def test_a_zip_entry_locked_with_a_password_is_named_as_such() -> None:
    rendition = _render(samples.zip_with_locked_entry(), "zip")
    assert rendition.problem is None
    assert rendition.pages[-1][0] == {
        "source": "hemmelig.txt",
        "label": "",
        "text": "",
        "problem": "encrypted",
    }


def test_a_video_shows_its_duration_and_a_few_frames() -> None:
    rendition = _render(samples.video(2), "mp4")
    assert rendition.problem is None
    assert rendition.meta["duration"] == pytest.approx(2.0, abs=0.2)
    assert len(_images(rendition)) == 3
    assert rendition.safe_copy is None


def _red_pixels(rendition: preview.Rendition) -> int:
    count = 0
    for image in _images(rendition):
        with Image.open(io.BytesIO(image)) as picture:
            small = picture.convert("RGB").resize((100, 140))
            colours = small.getcolors(100 * 140) or []
            count += sum(n for n, (r, g, b) in colours if r > 200 and g < 60 and b < 60)
    return count


def test_a_document_cannot_pull_in_a_file_from_the_data_directory(tmp_path: Path) -> None:
    # Unsandboxed, LibreOffice draws a linked file:// picture into the page.
    secret = tmp_path / "instance" / "secret.png"
    secret.parent.mkdir()
    Image.new("RGB", (200, 200), (255, 0, 0)).save(secret)
    rendition = preview.render(samples.linked_image_docx(secret.as_uri()), "docx", 10**6)
    assert rendition.problem is None and len(_images(rendition)) == 1
    assert _red_pixels(rendition) == 0


def test_a_document_cannot_open_a_network_connection() -> None:
    # Unsandboxed, LibreOffice sends a request for a linked http:// picture.
    connections: list[bytes] = []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        stop = threading.Event()

        def accept() -> None:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                connections.append(conn.recv(100))
                conn.close()

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{port}/logo.png"
        rendition = preview.render(samples.linked_image_docx(url), "docx", 10**6)
        stop.set()
        thread.join(timeout=5)
    assert rendition.problem is None and len(_images(rendition)) == 1
    assert connections == []


def test_frames_from_a_misbehaving_worker_are_not_trusted() -> None:
    assert preview.parse_frames(b"T\x00\x00\x10\x00{}").problem == "failed"  # cut short
    assert preview.parse_frames(b"Z\x00\x00\x00\x00").problem == "failed"  # unknown tag
    assert preview.parse_frames(b"E\x00\x00\x00\x05rm -rf").problem == "failed"  # unknown code
    not_png = b"T\x00\x00\x00\x02{}I\x00\x00\x00\x04GIF8"
    assert preview.parse_frames(not_png).problem == "failed"  # only PNG pixels pass


def test_with_ocr_the_safe_copy_carries_a_danish_text_layer_over_the_page_pictures() -> None:
    data = samples.pdf(1, "Kvittering for betaling")
    plain = _render(data, "pdf")
    assert plain.safe_copy is not None and b"/Font" not in plain.safe_copy  # pictures only
    with_ocr = preview.render(data, "pdf", len(data), ocr=True)
    assert with_ocr.problem is None and with_ocr.safe_copy is not None
    with pikepdf.open(io.BytesIO(with_ocr.safe_copy)) as pdf:
        assert len(pdf.pages) == 1 and "/Info" not in pdf.trailer
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=with_ocr.safe_copy, capture_output=True, check=True
    ).stdout.decode()
    assert "Kvittering" in text
