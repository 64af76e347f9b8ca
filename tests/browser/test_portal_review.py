"""The reporter decides before sending, in Chromium with JavaScript off; nothing typed is lost.

A DOCX and a portrait photo go through the review page; the reporter leaves the
DOCX out and sends; staff, logged in to the back office, see one clean file.
A 101 MiB file brings the form back with everything typed still in it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sqlalchemy import select

from tests.browser.navigators.backoffice import log_in_first_time
from tests.browser.navigators.portal import PortalNavigator
from tests.wb_portal.samples import gps_jpeg
from wb_cases.models import Case, Draft

CORE = (
    '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jens Hansen</dc:creator>'
    "<cp:lastModifiedBy>jh4711</cp:lastModifiedBy></cp:coreProperties>"
)


def authored_docx() -> bytes:
    """A small Word file whose properties name its author and the last one to save it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        docx.writestr("docProps/core.xml", CORE)
        docx.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(0x8825))


def test_the_reporter_reviews_leaves_the_docx_out_and_staff_see_one_clean_photo(  # type: ignore[no-untyped-def]
    no_js_page, live_portal, staff_page, db, tmp_path
):
    photo, note = tmp_path / "foto.jpg", tmp_path / "notat.docx"
    photo.write_bytes(gps_jpeg(orientation=6))  # a phone photo held upright
    note.write_bytes(authored_docx())
    page = no_js_page
    nav = PortalNavigator(page, live_portal.url, "da")
    nav.read_start_page()
    nav.open_report_form()
    nav.fill_report("Udbetalinger uden bilag.", [photo, note])
    page.get_by_role("button", name="Send indberetning").click()

    assert nav.on_review_page()
    nav.screenshot("review-docx-photo")
    assert db.scalar(select(Case)) is None  # nothing is a case before "Send"
    photo_box = page.locator("fieldset", has_text="foto.jpg")
    assert "Vi har renset denne fil." in photo_box.inner_text()
    note_box = page.locator("fieldset", has_text="notat.docx")
    note_box.get_by_label("Send den ikke med").check()
    page.get_by_role("button", name="Send indberetning").click()

    assert len("".join(page.locator(".receipt-group").all_inner_texts())) == 16
    assert "notat.docx" not in nav.text() and "foto.jpg" in nav.text()
    _receipt_fits_a_phone_and_prints_without_chrome(page)
    assert db.scalar(select(Draft)) is None

    number = db.scalar(select(Case)).number
    log_in_first_time(staff_page, db)
    staff_page.click(f"text={number}")
    # Each file links to its safe preview; the original waits behind a warning page.
    files = staff_page.locator("#report ul.files a[href$='/preview']")
    assert files.all_inner_texts() == ["foto.jpg"]
    staff_page.click("#report ul.files a:text-is('original')")
    with staff_page.expect_download() as download:
        staff_page.click("a:text('Jeg forstår risikoen')")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xff\xd8") and not has_gps(data) and b"Spycam" not in data


def _receipt_fits_a_phone_and_prints_without_chrome(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    boxes = [g.bounding_box() for g in page.locator(".receipt-group").all()]
    rows = sorted({round(b["y"]) for b in boxes})
    assert len(rows) == 2 and all(b["x"] + b["width"] <= 375 for b in boxes)  # 2 + 2, not 3 + 1
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and not page.locator(".ways").is_visible()
    assert page.locator(".receipt").is_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_101_mib_file_comes_back_to_a_filled_form(no_js_page, live_portal, tmp_path):  # type: ignore[no-untyped-def]
    big = tmp_path / "optagelse.bin"
    with open(big, "wb") as handle:
        handle.truncate(101 * 1024 * 1024)
    page = no_js_page
    nav = PortalNavigator(page, live_portal.url, "da")
    nav.read_start_page()
    nav.open_report_form()
    nav.fill_report("Det her må ikke forsvinde.", [big])
    page.check("#anonymity-1")
    page.fill("#name", "Jens Hansen")
    page.fill("#contact", "privat@example.org")
    page.get_by_role("button", name="Send indberetning").click()

    assert "En fil er for stor" in nav.text()
    nav.screenshot("file-too-large")
    assert page.input_value("#what") == "Det her må ikke forsvinde."
    assert page.input_value("#name") == "Jens Hansen"
    assert page.input_value("#contact") == "privat@example.org"
    assert page.is_checked("#anonymity-1") and page.is_checked("#relation-0")
    assert list(live_portal.instance.backend.file_store.staging.iterdir()) == []


def test_a_later_message_with_a_file_is_reviewed_before_it_reaches_the_case(  # type: ignore[no-untyped-def]
    no_js_page, live_portal, db, tmp_path
):
    note = tmp_path / "notat.docx"
    note.write_bytes(authored_docx())
    page = no_js_page
    nav = PortalNavigator(page, live_portal.url, "da")
    nav.read_start_page()
    nav.open_report_form()
    nav.fill_report("Udbetalinger uden bilag.", [])
    nav.log_in(nav.send_report())
    page.fill("#text", "Her er notatet.")
    page.set_input_files("#attachments", [str(note)])
    page.get_by_role("button", name="Send besked").click()

    assert page.locator("form[action='/followup/review']").count() == 1
    nav.screenshot("message-review")
    assert "Din besked er ikke sendt endnu." in nav.text()
    note_box = page.locator("fieldset", has_text="notat.docx")
    assert "forfatter" in note_box.inner_text()
    assert db.scalar(select(Draft)) is not None
    page.get_by_role("button", name="Send besked").click()  # not yet decided: asked again
    assert "Vælg, om notat.docx skal sendes" in nav.text()
    page.locator("fieldset", has_text="notat.docx").locator("input[value='send']").check()
    page.get_by_role("button", name="Send besked").click()

    assert "Din besked er sendt." in nav.text() and "Her er notatet." in nav.text()
    assert "notat.docx" in page.locator("#latest").inner_text()
    assert db.scalar(select(Draft)) is None
