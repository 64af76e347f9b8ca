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
    for line in (
        "Indberetninger modtaget 0 0 22 39",
        "heraf anonyme 0 0 19 33",
        "Forhold i indberetningerne 0 0 22 45",
        "Forhold inden for ordningen 0 0 12 20",
        "Forhold uden for ordningen 0 0 10 25",
        "heraf undersøgelser inden for ordningen 0 0 0 26",
        "Afsluttede forhold, bekræftet 0 0 0 9",
        "Afsluttede forhold med konsekvenser 0 0 0 12",
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
    # Render the pages where a person can look at them (build/summaries/).
    backend = request.node.callspec.params.get("loaded", "sqlite")
    BUILD.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, BUILD / f"committee-2016-17-{backend}.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(BUILD / f"committee-2016-17-{backend}")],
        check=True,
    )
    rendered = sorted(BUILD.glob(f"committee-2016-17-{backend}-*.png"))
    assert len(rendered) == pages and all(p.stat().st_size > 2000 for p in rendered)


def test_the_html_has_svg_charts_and_no_script(loaded, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "s.html"
    assert (
        run_wb(
            loaded.instance, "summary", "--period", "2016/17", "--format", "html", "--out", str(out)
        ).exit_code
        == 0
    )
    html = out.read_text()
    assert html.count("<svg") >= 6 and "<script" not in html.lower()
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
        "consequence",
    }
    ack = data["deadlines"]["acknowledgement"]
    assert ack["total"] == 105 and ack["kept"] > 0 and ack["late"] > 0
    assert data["median_days"]["acknowledgement"]["count"] == 105
    assert data["audit_head"]["seq"] >= 1
