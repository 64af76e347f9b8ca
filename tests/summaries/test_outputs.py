"""The PDF (pdftotext finds the figures, pdftoppm renders A4 pages), HTML, CSV and JSON."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.summaries.conftest import run_wb
from wb_cases.services.audit import head

BUILD = Path(__file__).resolve().parents[2] / "build" / "summaries"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils missing"
)


@needs_poppler
def test_the_committee_pdf_shows_the_2016_figures_on_numbered_a4_pages(loaded, tmp_path, request):  # type: ignore[no-untyped-def]
    pdf = tmp_path / "2016-17.pdf"
    result = run_wb(
        loaded.instance, "summary", "--period", "2016/17", "--format", "pdf", "--out", str(pdf)
    )
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = {re.sub(r"\s+", " ", line.strip()) for line in text.splitlines()}
    # Years before the first recorded case show "–", not 0; the last column is the change
    # from the same period a year earlier.
    for line in (
        "Henvendelser modtaget – – 22 39 +17",
        "heraf anonyme – – 19 33 +14",
        "Forhold i henvendelserne – – 22 45 +23",
        "Forhold inden for ordningen – – 12 20 +8",
        "Forhold uden for ordningen – – 10 25 +15",
        "heraf undersøgelser afsluttet – – 0 26 +26",
        "Afsluttede forhold, bekræftet – – 0 9 +9",
        "Afsluttede forhold med konsekvenser – – 0 12 +12",
    ):
        assert line in lines, line
    assert "Beretningsåret 2016 (1. april 2016 – 31. marts 2017)" in text
    with loaded.instance.session() as session:
        seq, digest = head(session)
    pages = text.count("\f")
    assert f"Side 1 af {pages}" in text and f"Side {pages} af {pages}" in text
    assert text.count(digest) >= pages  # the audit-chain head on every page
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    # Tagged (PDF/UA) for screen readers, with a title and the document's language.
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Whistleblowerordningen – Beretningsåret 2016", info, re.M), info
    catalog = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"],
        check=True,
        capture_output=True,
    ).stdout
    assert b"/Lang (da)" in catalog
    # Page 1 reads the annual report's figures in a Danish paragraph, then the reading guide.
    first = page_text(pdf, 1)
    assert "I beretningsåret 2016/17 modtog ordningen 39 henvendelser. Heraf var 33 anonyme." in (
        re.sub(r"\s+", " ", first)
    )
    assert first.index("Kort fortalt") < first.index("Sådan læses opgørelsen")
    for number in range(1, pages + 1):
        assert page_text(pdf, number).strip(), f"page {number} has no extractable text"
    # Render the pages where a person can look at them (build/summaries/).
    backend = request.node.callspec.params.get("loaded", "sqlite")
    BUILD.mkdir(parents=True, exist_ok=True)
    for old in BUILD.glob(f"committee-2016-17-{backend}-*.png"):
        old.unlink()
    shutil.copy(pdf, BUILD / f"committee-2016-17-{backend}.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(BUILD / f"committee-2016-17-{backend}")],
        check=True,
    )
    rendered = sorted(BUILD.glob(f"committee-2016-17-{backend}-*.png"))
    assert len(rendered) == pages and all(p.stat().st_size > 2000 for p in rendered)
    if backend == "sqlite":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("committee-pdf-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", str(pdf), str(SCREENSHOTS / "committee-pdf")],
            check=True,
        )


def page_text(pdf: Path, number: int) -> str:
    """One page's text in reading order (no -layout: the order of the tagged content)."""
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_the_html_has_svg_charts_and_no_script(loaded, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "s.html"
    assert (
        run_wb(
            loaded.instance, "summary", "--period", "2016/17", "--format", "html", "--out", str(out)
        ).exit_code
        == 0
    )
    html = out.read_text()
    assert "<script" not in html.lower()
    # A chart draws no bar for a hidden cell, and a breakdown with nothing shown gets none.
    assert html.count("<svg") >= 2
    internal = tmp_path / "internal.html"
    run_wb(
        loaded.instance,
        "summary",
        "--period",
        "2016/17",
        "--internal",
        "--format",
        "html",
        "--out",
        str(internal),
    )
    assert internal.read_text().count("<svg") >= 7
    assert ' style="' not in html  # SVG colours are presentation attributes
    assert '<td class="num" data-key="reports_received">39</td>' in html
    assert "Udgave til Borgerrådgiverudvalget" in html


def test_the_csv_lists_every_figure(loaded, tmp_path):  # type: ignore[no-untyped-def]
    result = run_wb(
        loaded.instance, "summary", "--period", "2016/17", "--format", "csv", "--out", "-"
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    figures = {r["key"]: r["value"] for r in rows if r["section"] == "figures"}
    assert figures["reports_received"] == "39" and figures["investigations_closed"] == "26"
    shown = [r["value"] for r in rows if r["section"] in ("category", "consequence")]
    assert any(v in ("<3", "·") for v in shown)


def test_the_json_has_integer_keys_breakdowns_deadlines_and_audit_head(loaded, tmp_path):  # type: ignore[no-untyped-def]
    from tests.summaries.conftest import summary_json

    data = summary_json(loaded.instance, tmp_path, "--period", "2023")
    assert set(data["breakdowns"]) == {
        "administration",
        "category",
        "route",
        "outside_reason",
        "area",
        "consequence",
    }
    ack = data["deadlines"]["acknowledgement"]
    assert ack["total"] == 105 and ack["kept"] > 0 and ack["late"] > 0
    assert data["median_days"]["acknowledgement"]["count"] == 105
    assert data["audit_head"]["seq"] >= 1
