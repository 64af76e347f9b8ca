"""Every back-office page, seen with JavaScript off: screenshots at 1280 and 375 px, axe-core.

The flow runs in a JavaScript-free context. Each page it reaches (GET or the
response to a POST) is replayed byte for byte into a second context with
JavaScript on and CSP bypassed, where axe-core runs (conventions.md § 4): no
serious or critical violation is allowed.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.navigators.backoffice import FINANCE, OWN, log_in_first_time, triage
from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.services.intake import Identity
from wb_cases.services.notices import queue_notice

SHOTS = SCREENSHOTS / "backoffice"
HOSTILE = "<script>alert(1)</script> \u202e<b>fed</b> \x07" + "langt ord " * 30


# The innermost elements that stick out past the right edge of a phone screen (a
# wide table scrolls inside its own .scroll box instead).
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.body.querySelectorAll('*')].filter(e => {
    if (e.closest('.scroll')) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1;
  });
  return out.filter(e => !out.some(o => o !== e && e.contains(o)))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '')
                                  + ' ' + (e.textContent || '').trim().slice(0, 40));
}"""


@pytest.fixture
def axe_page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=True, bypass_csp=True
    )
    yield context.new_page()
    context.close()


def _axe_source() -> str:
    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text()


class Pages:
    """Screenshot each page the JS-free tab shows and run axe on the same HTML."""

    def __init__(self, page: Any, axe_page: Any) -> None:
        self.page, self.axe_page = page, axe_page
        self.count = 0
        self.found: dict[str, list[str]] = {}
        SHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> None:
        self.count += 1
        for width in (1280, 375):
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.screenshot(
                path=str(SHOTS / f"{self.count:02d}-{name}-{width}.png"), full_page=True
            )
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.found[name] = self._axe(self.page.url.split("#")[0], self.page.content())

    def _axe(self, url: str, html: str) -> list[str]:
        # The same bytes the staff member saw, including a POST's response; the
        # stylesheets load from the live server.
        def serve(route: Any) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        self.axe_page.route(url, serve)
        try:
            self.axe_page.goto(url)
        finally:
            self.axe_page.unroute(url, serve)
        self.axe_page.add_script_tag(content=_axe_source())
        result = self.axe_page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        # axe 4.12 no longer reports repeated ids; a label would point at the wrong field.
        repeated = self.axe_page.evaluate(
            "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
            " return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))]; }"
        )
        self.axe_page.set_viewport_size({"width": 375, "height": 900})
        too_wide = self.axe_page.evaluate(WIDER_THAN_SCREEN)
        self.axe_page.set_viewport_size({"width": 1280, "height": 900})
        return (
            found
            + [f"repeated id: {i}" for i in repeated]
            + [f"wider than 375 px: {e}" for e in too_wide]
        )


def test_every_back_office_page_is_accessible_and_photographed(  # type: ignore[no-untyped-def]
    instance, db, staff_page, axe_page, tmp_path: Path
):
    today = dt.date.today()
    late = file_report(
        instance,
        db,
        answers={"what": HOSTILE, "where": "Økonomi"},
        files=[("bilag <1>.pdf", b"%PDF-1.4 x")],
        today=today - dt.timedelta(days=10),
    )
    file_report(
        instance,
        db,
        anonymous=False,
        identity=Identity("Jens Hansen", "jens@example.org"),
        today=today - dt.timedelta(days=3),
    )
    file_report(instance, db, today=today)
    page = staff_page
    visit = Pages(page, axe_page)

    log_in_first_time(page, db, visit)
    visit("inbox")
    page.click(f"text={late.number}")
    visit("case-new")
    page.click("#acknowledge button[type=submit]")
    page.fill("form.split textarea", "Fakturaer\nTilbageholdte afgørelser\nArbejdstid")
    page.click("form.split button[type=submit]")
    triage(page, 0, FINANCE, "§ 24c, stk. 3, nr. 1", visit)
    triage(page, 0, OWN, "§ 24c, stk. 5")
    triage(page, 0, OWN, "§ 24c, stk. 5")
    page.locator("#matter-2 form[action$='/request'] button").click()
    page.fill("form.message textarea", "Tak. Her er vores brev; har du bilag til fakturaerne?")
    letter = tmp_path / "brev.pdf"
    letter.write_bytes(b"%PDF-1.4 brev")
    page.set_input_files("form.message input[type=file]", str(letter))
    page.click("form.message button[type=submit]")
    assert "brev.pdf" in page.inner_text("#messages")
    visit("case-in-progress")
    page.goto(page.base + "/admin/staff")
    visit("staff-admin")
    with transaction(db):
        queue_notice(
            db,
            None,
            "identity_opened",
            "§ 24a, stk. 2",
            "identitet åbnet af hensyn til undersøgelsen",
            today,
        )
    page.goto(page.base + "/committee/")
    visit("committee")
    page.click("form.mark-sent button")
    assert "markeret som sendt" in page.inner_text("main")
    page.goto(page.base + "/?status=all&sort=received_desc&lang=en")
    visit("inbox-en")
    page.goto(page.base + "/nowhere")
    visit("not-found")

    problems = {name: v for name, v in visit.found.items() if v}
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
    assert len(list(SHOTS.glob("*-375.png"))) >= visit.count
