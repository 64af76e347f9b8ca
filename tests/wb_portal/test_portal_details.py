"""Portal details: labels say "optional" once, day-month dates in English, one start-page render."""

from __future__ import annotations

import datetime as dt
import re

from tests.wb_portal.actors import text_of


def _label(html: str, field: str) -> str:
    match = re.search(rf'<label for="{field}">(.*?)</label>', html, re.S)
    assert match, f"no label for {field}"
    return text_of(match.group(1)).strip()


def test_the_contact_label_says_optional_once_and_the_name_is_only_for_confidential_reports(
    client,
):  # type: ignore[no-untyped-def]
    html = client.get("/report").get_data(as_text=True)
    assert _label(html, "contact") == "Hvordan kan vi kontakte dig? (valgfrit)"
    assert "fortrolig" in _label(html, "name")
    english = client.get("/report?lang=en").get_data(as_text=True)
    assert _label(english, "contact") == "How can we reach you? (optional)"
    assert "confidential" in _label(english, "name")


def test_english_pages_write_the_day_before_the_month(app):  # type: ignore[no-untyped-def]
    from wb_portal.texts import long_date

    day = dt.date(2026, 3, 9)
    with app.test_request_context("/?lang=en"):
        assert long_date(day) == "9 March 2026"
    with app.test_request_context("/"):
        assert long_date(day) == "9. marts 2026"


def test_the_receipt_page_in_english_has_day_month_dates(reporter, client):  # type: ignore[no-untyped-def]
    from tests.wb_portal.actors import VALID, csrf_token, hidden

    page = client.get("/report?lang=en").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "nonce": hidden(page, "nonce"), "lang": "en", **VALID}
    html = text_of(client.post("/report?lang=en", data=data).get_data(as_text=True))
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert re.search(rf"By \d{{1,2}} ({months}) \d{{4}} we confirm", html), html[:800]
    assert not re.search(rf"({months}) \d{{1,2}}, \d{{4}}", html)


def test_the_start_page_is_rendered_once_per_language(client, monkeypatch):  # type: ignore[no-untyped-def]
    import wb_portal.pages as pages

    calls: list[str] = []
    real = pages.render_template

    def counting(name: str, **context: object) -> str:
        calls.append(name)
        return real(name, **context)

    monkeypatch.setattr(pages, "render_template", counting)
    danish = [client.get("/").get_data(as_text=True) for _ in range(3)]
    english = [client.get("/?lang=en").get_data(as_text=True) for _ in range(3)]
    assert len(calls) == 2
    assert len(set(danish)) == 1 and '<html lang="da">' in danish[0]
    assert len(set(english)) == 1 and '<html lang="en">' in english[0]
