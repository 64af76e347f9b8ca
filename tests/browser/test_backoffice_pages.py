"""Every back-office page in Danish and English, seen with JavaScript off: screenshots at
1280 and 375 px under build/screenshots/backoffice/, axe-core on each.

The flow runs in a JavaScript-free context, once per language (the switch is
`?lang=en` on the first page; a session cookie keeps it). Each page it reaches (GET
or the response to a POST) is replayed byte for byte into a second context with
JavaScript on and CSP bypassed, where axe-core runs (docs/architecture.md § 7): no
serious or critical violation, no repeated id, nothing wider than a 375 px screen
outside a `.scroll` box, and the page in the chosen language.

The GET routes of wb_backoffice (`grep -rn "route(\\|\\.get(" wb_backoffice`) and where
each is seen here:

| route | page(s) |
|---|---|
| /login, /setup | login, login with code, new password, authenticator, recovery codes |
| / | inbox, inbox with a word search and filters |
| /cases/<id> | case new, in progress, closed (retention run out), confidential |
| /matters/<id>/triage (+ POST …/preview) | triage form prefilled from the report, preview |
| /matters/<id>/close, /cases/<id>/close | the two confirmation pages |
| /matters/<id>/forward | forwarding package |
| /cases/<id>/files/<id>/preview, …/original | the file view, the warning before the original |
| /reports/new (+ POST) | register a report, its receipt |
| /retention | cases soon deleted (the purge page) |
| /admin/staff (+ POST …/onion-key) | staff admin, the member's Tor key shown once |
| /handover | hand over a member's cases |
| /committee/ | figures and notices for the committee (the summary), after marking sent |
| POST /cases/<id>/identity | the opened identity |
| errors | 404, 403 (a caseworker on the staff page), 409 (closing a case not yet split) |

Deliberately not visited: file downloads (/cases/<id>/files/<id>, …/safe-copy,
…/pages/<n>.png, /committee/summary.<fmt>, the journal export), /committee/style.css,
/saml/metadata (XML), and the single sign-on pages (/start, /oidc/callback,
/passphrase), which need an identity provider and are driven by test_sso_flow.py.
The back office has no separate audit, key-settings or account page: the audit trail
shows on the case page, key warnings in the banner, password and authenticator in
/setup. The pages look the same on PostgreSQL, so this test runs on SQLite only.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import policies
from tests.browser.conftest import SCREENSHOTS, staff_tab
from tests.browser.navigators.backoffice import FINANCE, OWN, log_in_first_time, triage
from tests.helpers import file_report
from tests.onion_helpers import make_onion_address
from tests.wb_backoffice.conftest import PASSWORD, add_member, enrol
from tests.wb_backoffice.flow import SETTINGS, Flow
from wb_cases import clock, onion
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import outcomes, staff_auth
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
            .slice(0, 5).map(e => e.tagName.toLowerCase()
                                  + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '')
                                  + ' ' + (e.textContent || '').trim().slice(0, 40));
}"""


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: the pages are the same on PostgreSQL, and each run costs a minute."""
    return f"sqlite:///{tmp_path / 'wb.sqlite3'}"


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

    def __init__(self, page: Any, axe_page: Any, lang: str = "da") -> None:
        self.page, self.axe_page, self.lang = page, axe_page, lang
        self.count = 0
        self.found: dict[str, list[str]] = {}
        SHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str, page: Any = None) -> None:
        page = page or self.page
        self.count += 1
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(
                path=str(SHOTS / f"{self.lang}-{self.count:02d}-{name}-{width}.png"),
                full_page=True,
            )
        page.set_viewport_size({"width": 1280, "height": 900})
        found = self._axe(page.url.split("#")[0], page.content())
        shown = page.locator("html").get_attribute("lang")
        if shown != self.lang:
            found.append(f"page in {shown!r}, not {self.lang!r}")
        self.found[name] = found

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


# What the flow checks in the page text, per language.
SAYS = {
    "da": {"sent": "markeret som sendt", "closed": "afsluttet", "refused": "kan ikke lade sig"},
    "en": {"sent": "marked as sent", "closed": "closed", "refused": "cannot be done"},
}


def _closed_long_ago(instance, db) -> str:  # type: ignore[no-untyped-def]
    """A case closed years ago through the services: its retention has run out."""
    flow = Flow(instance, db, day=dt.date(2019, 2, 4)).file(what="Et gammelt forhold")
    flow.acknowledge(employee=False).split("Gammelt forhold")
    flow.triage(policies.scenarios.SCENARIOS[2].facts)  # own investigation
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[policies.Outcome.SHELVED_WITH_FEEDBACK],
        confirmed=False,
        consequences=[],
        staff_id=flow.sid,
        today=flow.later(20),
        settings=SETTINGS,
    )
    flow.close_all()
    return flow.case_id


def _caseworker_tab(browser, base: str, db, secret: bytes, lang: str):  # type: ignore[no-untyped-def]
    tab = staff_tab(browser, base)
    tab.goto(f"{base}/login?lang={lang}")
    tab.fill("#username", "sofie")
    tab.fill("#password", PASSWORD)
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == "sofie")).totp_last_step = None
    tab.fill("#code", staff_auth.totp_code(secret))
    tab.click("button[type=submit]")
    assert tab.locator("table.inbox").count() == 1, tab.inner_text("main")
    return tab


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_back_office_page_is_accessible_and_photographed(  # type: ignore[no-untyped-def]
    instance, db, browser, live_backoffice, axe_page, tmp_path: Path, lang: str
):
    today = clock.today()
    says = SAYS[lang]
    late = file_report(
        instance,
        db,
        answers={"what": HOSTILE, "where": "Økonomi"},
        files=[("bilag <1>.pdf", b"%PDF-1.4 x")],
        today=today - dt.timedelta(days=10),
    )
    confidential = file_report(
        instance,
        db,
        anonymous=False,
        identity=Identity("Jens Hansen", "jens@example.org"),
        today=today - dt.timedelta(days=3),
    )
    new = file_report(instance, db, today=today)
    closed = _closed_long_ago(instance, db)
    # Set up before the head's first login changes the password these helpers use.
    add_member(instance, db, "sofie", Role.CASEWORKER)
    secret = enrol(instance, db, "sofie")
    paths = instance.common.onion_paths  # a staff onion service, so Tor keys can be given
    onion.write_config(paths, onion.OnionSettings(staff=True), network=False)
    (paths.staff / "hostname").write_text(make_onion_address() + "\n")

    page = staff_tab(browser, live_backoffice)
    base = page.base
    visit = Pages(page, axe_page, lang)
    page.goto(f"{base}/login?lang={lang}")
    log_in_first_time(page, db, visit)
    visit("inbox")
    page.goto(f"{base}/?status=all&words=bilag&sort=received_desc&overdue=&route=")
    assert page.locator("table.inbox tbody a").count() == 2  # the two with "bilag"
    visit("inbox-search")

    # A new case, then the same case in progress: acknowledged, split, triaged, a request.
    page.goto(f"{base}/cases/{late.case_id}")
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

    # The pages one step from the case: forwarding, a file, the two confirmations.
    forward = page.locator("a[href$='/forward']").first.get_attribute("href")
    page.goto(base + forward)
    visit("forward")
    page.goto(f"{base}/cases/{late.case_id}")
    page.locator("#report ul.files a[href$='/preview']").first.click()
    visit("file-preview")
    page.goto(f"{base}/cases/{late.case_id}")
    page.locator("#report ul.files a[href$='/original']").first.click()
    visit("file-original")
    page.goto(base + forward.replace("/forward", "/close"))
    visit("confirm-close-matter")
    page.goto(f"{base}/cases/{late.case_id}/close")
    visit("confirm-close-case")

    # The guard: a case not yet split cannot close (409).
    page.goto(f"{base}/cases/{new.case_id}/close")
    page.click("button[name=close-case]")
    assert says["refused"] in page.inner_text("main")
    visit("error-409")

    page.goto(f"{base}/cases/{closed}")
    assert says["closed"] in page.inner_text("h1")
    visit("case-closed")
    page.goto(f"{base}/retention")
    visit("retention")

    # § 24a, stk. 2: the head opens a confidential reporter's identity.
    page.goto(f"{base}/cases/{confidential.case_id}")
    visit("case-confidential")
    opening = page.locator("#identity details.id-open")
    opening.locator("summary").click()
    opening.locator("select[name=reason]").select_option(index=1)
    opening.locator("textarea[name=justification]").fill("Politiet skal afhøre indberetteren.")
    opening.locator("button[name=open-identity]").click()
    assert "Jens Hansen" in page.inner_text("main")
    visit("identity-opened")

    page.goto(f"{base}/reports/new")
    visit("report-new")
    page.fill("textarea[name=what]", "Oplyst på et møde: indkøb uden udbud.")
    page.fill("textarea[name=minutes]", "Referat af mødet.")
    page.click("form.narrow button[type=submit]")
    assert len(page.inner_text("#receipt-code").replace("-", "")) >= 16
    visit("report-receipt")

    page.goto(f"{base}/admin/staff")
    visit("staff-admin")
    page.click("button[name=onion-sofie]")
    visit("onion-key")
    page.goto(f"{base}/handover")
    visit("handover")
    with transaction(db):
        queue_notice(
            db,
            None,
            "identity_opened",
            "§ 24a, stk. 2",
            "identitet åbnet af hensyn til undersøgelsen",
            today,
        )
    page.goto(f"{base}/committee/")
    visit("committee")
    page.click("form.mark-sent button")
    assert says["sent"] in page.inner_text("main")
    visit("committee-sent")
    page.goto(f"{base}/nowhere")
    visit("not-found")

    # 403: a caseworker on the head's staff page.
    caseworker = _caseworker_tab(browser, base, db, secret, lang)
    caseworker.goto(f"{base}/admin/staff")
    visit("forbidden", caseworker)
    caseworker.context.close()
    page.context.close()

    problems = {name: v for name, v in visit.found.items() if v}
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
    assert len(list(SHOTS.glob(f"{lang}-*-375.png"))) >= visit.count
