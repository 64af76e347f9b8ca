"""The summary in English is English throughout; in Danish it is what it always was.

One catalog (wb_cases/summaries/translations/en): every text the code and the template
use is in it with its English, the compiled catalog matches, and an English document
(standalone, PDF, the back office's fragment) keeps no Danish word but the proper names.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import wb_cases.summaries
from tests.summaries.fixed import MAJOR_TEXT, fixed_summary
from wb_cases.summaries import labels
from wb_cases.summaries.render import to_html, to_pdf

ROOT = Path(wb_cases.summaries.__file__).parent
CATALOG = ROOT / "translations" / "en" / "LC_MESSAGES"
FIXTURES = Path(__file__).parent / "fixtures"
# Proper names an English document keeps: Copenhagen's administrations (as in the back
# office). "Borgerrådgiverudvalget" is translated ("the Citizen Advisor Committee").
PROPER_NAMES = sorted(
    {labels.CODES[code] for code in labels.ADMINISTRATIONS}, key=len, reverse=True
)
# Words of the Danish document that no English sentence has.
DANISH = {
    "henvendelse",
    "henvendelser",
    "forhold",
    "frist",
    "frister",
    "alt",
    "antal",
    "nøgletal",
    "sådan",
    "heraf",
    "ikke",
    "registreret",
    "opgørelse",
    "perioden",
    "ordningen",
    "udvalget",
    "dage",
    "sag",
    "sager",
    "og",
    "af",
    "til",
    "med",
    "efter",
    "pr",
    "side",
    "grundlag",
    "tal",
    "alder",
    "ingen",
    "andet",
    "fx",
    "eller",
    "beretningsåret",
    "kvartal",
    "foreløbig",
}
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
# What the unit wrote itself: an approved major-case text, marked as Danish.
OWN_WORDS = re.compile(r'<blockquote class="major-text" lang="da">.*?</blockquote>', re.S)


def _po():  # type: ignore[no-untyped-def]
    with open(CATALOG / "summaries.po", "rb") as handle:
        return read_po(handle)


def visible(page: str) -> str:
    """What a reader sees and hears: the text and the <title>s, without tags or styles."""
    return html.unescape(HIDDEN.sub(" ", OWN_WORDS.sub(" ", page)))


def danish_left(page: str) -> set[str]:
    """Danish words (or letters) left in an English page, proper names aside."""
    text = re.sub(r"\s+", " ", visible(page))  # a chart's label may wrap inside a name
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    return (words & DANISH) | set(re.findall(r"[^\s]*[æøå][^\s]*", text.lower()))


def test_every_msgid_has_its_english_and_the_compiled_catalog_matches() -> None:
    po = _po()
    missing = [
        m.id
        for m in po
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert missing == []
    with open(CATALOG / "summaries.mo", "rb") as handle:
        mo = read_mo(handle)

    def flat(catalog):  # type: ignore[no-untyped-def]
        return {
            (m.context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id): tuple(m.string)
            if isinstance(m.string, list | tuple)
            else m.string
            for m in catalog
            if m.id
        }

    assert flat(po) == flat(mo)


def test_every_text_of_the_code_and_template_is_in_the_catalog() -> None:
    """Marked texts (`_`, `N_`, `ngettext`, `pgettext`) and every label table's values,
    including the route labels labels.py takes from policies."""
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = {
        (context, msgid if isinstance(msgid, str) else msgid[0])
        for _name, _line, msgid, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map=options, keywords=keywords
        )
    }
    tables = [
        labels.CODES,
        labels.HEADLINE,
        labels.MEDIAN_LABELS,
        labels.AREA_LABELS,
        {k: text for k, pair in labels.BREAKDOWN_TEXTS.items() for text in pair},
    ]
    found |= {(None, text) for table in tables for text in table.values()}
    found |= {(None, labels.BACKLOG_TITLE), (None, labels.BACKLOG_POPULATION)}
    known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in _po() if m.id}
    assert found - known == set()
    assert len(found) > 150  # the extraction found the template's texts too


@pytest.mark.parametrize("internal", [False, True])
def test_the_danish_rendering_is_unchanged(internal: bool) -> None:
    if internal:
        page = to_html(
            fixed_summary(internal=True), standalone=False, css_href="/committee/style.css"
        )
        expected = FIXTURES / "summary-da-internal.html"
    else:
        page = to_html(fixed_summary(), css_href="summary.css")
        expected = FIXTURES / "summary-da.html"
    assert page == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("internal", [False, True])
def test_the_english_document_has_no_danish_left(internal: bool) -> None:
    page = to_html(fixed_summary(internal=internal), lang="en")
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert danish_left(page) == set()
    # No marks of English inside an English document; the unit's own text is Danish.
    assert ' lang="en"' not in page.split("<html", 1)[1].split(">", 1)[1]
    assert f'<blockquote class="major-text" lang="da">{MAJOR_TEXT}</blockquote>' in page
    text = re.sub(r"\s+", " ", visible(page))
    for words in (
        "Whistleblower scheme: summary",
        "Reporting year 2016/17 (1 April 2016 – 31 March 2017)",
        "Reports received",
        "of which anonymous",
        "Matters in the reports",
        "In brief",
        "How to read this summary",
        "Deadlines",
        "Total",
        "Number",
        "Matters declined under § 24d",
        "Open matters on 31 March 2017, by age in days",
        "Version for the Citizen Advisor Committee" if not internal else "(provisional)",
        "Økonomiforvaltningen",  # a proper name
        "In the reporting year 2016/17 the scheme received 39 reports.",
    ):
        assert words in text, words
    assert "2.5" in text and "2,5" not in text  # English decimals


def test_a_danish_word_in_an_english_page_is_found() -> None:
    assert danish_left("<p>Reports: I alt 3</p>") == {"alt"}
    assert danish_left("<p>Matters by administration: Frister</p>") == {"frister"}
    assert danish_left("<p>Socialforvaltningen, Total</p>") == set()
    assert danish_left("<p>Følg</p>") == {"følg"}


@pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("qpdf") is None,
    reason="poppler-utils or qpdf missing",
)
def test_the_english_pdf_is_tagged_english_with_english_page_numbers(tmp_path: Path) -> None:
    pdf = tmp_path / "en.pdf"
    pdf.write_bytes(to_pdf(fixed_summary(), "en"))
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert re.search(r"^Title:\s+Whistleblower scheme – Reporting year 2016/17", info.stdout, re.M)
    catalog = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"],
        check=True,
        capture_output=True,
    ).stdout
    assert b"/Lang (en)" in catalog
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.count("\f")
    assert f"Page 1 of {pages}" in text and "Side " not in text
