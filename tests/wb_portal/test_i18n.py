"""Danish first, English by a visible switch; never by Accept-Language; catalogs complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import wb_portal

TRANSLATIONS = Path(wb_portal.__file__).parent / "translations"


def test_danish_is_the_default_whatever_the_browser_says(client):  # type: ignore[no-untyped-def]
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="da">' in html and "Indberet et forhold" in html
    assert 'href="/?lang=en"' in html


def test_the_switch_chooses_english_and_the_choice_is_remembered(client):  # type: ignore[no-untyped-def]
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Make a report" in html
    form = client.get("/report").get_data(as_text=True)
    assert "What happened?" in form and "Send report" in form
    back = client.get("/report?lang=da").get_data(as_text=True)
    assert "Hvad er der sket?" in back


def test_every_message_has_a_danish_translation_and_the_compiled_catalog_matches():  # type: ignore[no-untyped-def]
    with open(TRANSLATIONS / "da/LC_MESSAGES/messages.po", "rb") as handle:
        po = read_po(handle)
    with open(TRANSLATIONS / "da/LC_MESSAGES/messages.mo", "rb") as handle:
        mo = read_mo(handle)
    missing = [m.id for m in po if m.id and not m.string]
    assert missing == []
    assert {m.id: m.string for m in po if m.id} == {m.id: m.string for m in mo if m.id}


def test_every_string_in_the_templates_is_in_the_catalog(tmp_path):  # type: ignore[no-untyped-def]
    from babel.messages.extract import extract_from_dir

    root = Path(wb_portal.__file__).parent
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    found = {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(
            str(root),
            method_map,
            keywords={"_": None, "gettext": None, "_l": None, "lazy_gettext": None},
        )
    }
    with open(TRANSLATIONS / "da/LC_MESSAGES/messages.po", "rb") as handle:
        known = {m.id for m in read_po(handle) if m.id}
    assert found - known == set()
