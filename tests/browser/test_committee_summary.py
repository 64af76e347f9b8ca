"""The committee's summary as a member opens it: 1280 and 375 px, JavaScript off, axe-core.

Screenshots go to build/screenshots/committee-html-*.png (the PDF's pages are
written there by tests/summaries/test_outputs.py). The standalone HTML loads
nothing from anywhere: every request the page makes is refused and counted.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_backoffice_pages import WIDER_THAN_SCREEN
from tests.conftest import make_instance
from tests.summaries.conftest import FIXTURE, run_wb
from wb_cases.backend import close_all

# Words broken in the middle would show as a line ending in a letter followed by a
# line starting with a lower-case letter inside one text node; the CSS forbids it, and
# the check below measures that no text node is wider than its box instead.
BROKEN_WORDS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('th, td, dt, dd, p, h1, h2, h3')) {
    const style = getComputedStyle(el);
    if (style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere'
        || style.hyphens === 'auto') bad.push(el.tagName + ' ' + el.textContent.slice(0, 30));
  }
  return bad.slice(0, 5);
}"""

SECTION_SIGN_SPLIT = """() => [...document.querySelectorAll('th, td, p, dd')]
  .map(e => e.textContent).filter(t => /§ /.test(t)).slice(0, 5)"""


def _summary_html(tmp_path: Path) -> str:
    instance = make_instance(tmp_path / "instance", f"sqlite:///{tmp_path / 'wb.sqlite3'}")
    try:
        assert run_wb(instance, "import", str(FIXTURE)).exit_code == 0
        out = tmp_path / "summary.html"
        result = run_wb(
            instance, "summary", "--period", "2016/17", "--format", "html", "--out", str(out)
        )
        assert result.exit_code == 0, result.output
        return out.read_text()
    finally:
        close_all()


def test_the_committee_summary_reads_well_at_1280_and_375_px_and_passes_axe(
    browser: Any, tmp_path: Path
) -> None:
    html = _summary_html(tmp_path)
    requests: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    context.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page = context.new_page()
    page.set_content(html)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"committee-html-{width}.png"), full_page=True)
    context.close()
    assert requests == []  # nothing loaded from anywhere

    axe = browser.new_context(viewport={"width": 375, "height": 900}, java_script_enabled=True)
    page = axe.new_page()
    page.set_content(html)
    try:
        assert page.evaluate(WIDER_THAN_SCREEN) == []
        assert page.evaluate(BROKEN_WORDS) == []
        assert page.evaluate(SECTION_SIGN_SPLIT) == []  # "§" is bound to its number
        fonts = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('body *')]"
            ".map(e => getComputedStyle(e).fontFamily))]"
        )
        assert len(fonts) == 1, fonts  # one font family throughout
        source = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text()
        page.add_script_tag(content=source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        axe.close()
