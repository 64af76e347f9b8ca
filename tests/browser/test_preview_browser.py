"""A caseworker with JavaScript off reads a DOCX, a PDF and a photo as pages beside their text."""

from __future__ import annotations

from typing import Any

import pytest

from tests import preview_samples as samples
from tests.browser.conftest import SCREENSHOTS
from tests.browser.navigators.backoffice import log_in_first_time
from tests.helpers import file_report
from wb_cases import sandbox
from wb_cases.services import preview

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="bubblewrap cannot run here")


@pytest.fixture(autouse=True)
def _cached_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "render", samples.cached_render(preview.render))


FILES = {
    "klage.docx": (samples.docx(2), 2, "Indberetning om dobbeltfakturering side 2"),
    "faktura.pdf": (samples.pdf(3), 3, "Faktura side 3"),
    "foto.jpg": (samples.photo(), 1, None),
}


def test_each_page_of_a_docx_a_pdf_and_a_photo_is_shown_inline_with_its_text(  # type: ignore[no-untyped-def]
    instance, db, staff_page
) -> None:
    page: Any = staff_page
    filed = file_report(instance, db, files=[(name, data) for name, (data, _, _) in FILES.items()])
    pictures: list[tuple[str, int, str]] = []
    page.on(
        "response",
        lambda r: (
            pictures.append((r.url, r.status, r.headers.get("content-type", "")))
            if r.url.endswith(".png")
            else None
        ),
    )
    log_in_first_time(page, db)
    case_url = f"{page.base}/cases/{filed.case_id}"
    for name, (_, pages, last_words) in FILES.items():
        page.goto(case_url)
        pictures.clear()
        page.click(f"#report ul.files a:text-is('{name}')")
        assert page.locator("h1").inner_text() == name
        figures = page.locator("figure.preview-page")
        assert figures.count() == pages
        page.wait_for_load_state("load")
        assert len(pictures) == pages
        assert all(status == 200 and kind == "image/png" for _, status, kind in pictures)
        if last_words:
            assert last_words in figures.nth(pages - 1).locator("pre").inner_text()
        assert page.locator("a:text('Hent sikker kopi (PDF)')").count() == 1
        page.screenshot(
            path=str(SCREENSHOTS / "backoffice" / f"preview-{name}.png"), full_page=True
        )

    # Back on the case page, every rendered file shows its pages inline.
    page.goto(case_url)
    assert page.locator("details.preview-inline").count() == len(FILES)
    page.locator("details.preview-inline summary").first.click()
    assert page.locator("details.preview-inline[open] img").count() >= 1
