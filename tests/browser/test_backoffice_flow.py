"""Issue 6 "Done when": Chromium (JavaScript off) drives the back office end to end.

Log in with password + TOTP (first login: new password and enrolment), triage a
report into two matters (one to Internal Audit, one own investigation), send a
message the reporter reads on the portal, record outcomes, close the case.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.browser.conftest import QuietHandler
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.models import Case, Matter, Staff
from wb_cases.services import staff_auth

NEW_PASSWORD = "a new and long password"
FINANCE = {"reporter_relation": "partner_supplier", "anonymous": "true",
           "category": "law_violation", "threshold": "gross", "gravity": "gross",
           "documentable": "true", "predominant_area": "finance", "administration": "okf"}
OWN = {"reporter_relation": "partner_supplier", "anonymous": "true",
       "category": "legal_obligation_breach", "threshold": "significant_and_repeated",
       "gravity": "significant_and_repeated", "documentable": "true",
       "predominant_area": "other", "administration": "sof"}


@pytest.fixture
def live_backoffice(instance) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from wb_backoffice import create_app

    app = create_app(instance.backoffice)
    app.config.update(WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def staff_page(browser, live_backoffice) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)

    def only_ours(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(live_backoffice + "/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_ours)
    page = context.new_page()
    page.base = live_backoffice
    yield page
    context.close()


def _log_in_first_time(page, db) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/login")
    page.fill("#username", ADMIN)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    assert page.url.endswith("/setup")
    page.fill("#password", NEW_PASSWORD)
    page.fill("#repeat", NEW_PASSWORD)
    page.click("form.narrow button[type=submit]")
    assert page.locator(".qr svg").count() == 1
    secret = staff_auth.secret_from_text(page.inner_text("#totp-secret"))
    page.fill("#code", staff_auth.totp_code(secret))
    page.click("form.narrow button[type=submit]")
    assert page.locator("ul.codes li").count() == 10
    page.click("text=Fortsæt til indbakken")
    # Log out and in again: now the password and a TOTP code are both needed.
    page.click("header form button[type=submit]")
    assert page.url.endswith("/login")
    page.fill("#username", ADMIN)
    page.fill("#password", NEW_PASSWORD)
    # The enrolment code's time step is spent (no replay); forget it so this test need
    # not wait for the next 30-second step.
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).totp_last_step = None
    page.fill("#code", staff_auth.totp_code(secret))
    page.click("button[type=submit]")
    assert page.locator("table.inbox").count() == 1, page.inner_text("main")


def _triage(page, link_index: int, facts: dict[str, str], expect: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("a", has_text="Vurder forholdet").nth(link_index).click()
    for name, value in facts.items():
        page.select_option(f"select[name={name}]", value)
    page.click("button[name=preview]")
    assert expect in page.inner_text("#decision-bases")
    assert page.inner_text("#decision-explanation")  # shown before anything is recorded
    page.click("button[name=confirm]")


def test_staff_triage_message_outcome_and_close_in_the_browser(  # type: ignore[no-untyped-def]
        instance, db, staff_page, browser, live_portal):
    filed = file_report(instance, db, answers={"what": "Betalinger uden levering <b>x</b>"},
                        today=dt.date.today())
    page = staff_page
    _log_in_first_time(page, db)

    page.click(f"text={filed.number}")
    assert "Betalinger uden levering <b>x</b>" in page.inner_text("#report")
    page.click("#acknowledge button[type=submit]")
    page.fill("form.split textarea", "Fakturaer\nTilbageholdte afgørelser")
    page.click("form.split button[type=submit]")
    _triage(page, 0, FINANCE, "§ 24c, stk. 3, nr. 1")
    _triage(page, 0, OWN, "§ 24c, stk. 5")
    routes = [m.route for m in db.scalars(select(Matter).where(Matter.case_id == filed.case_id)
                                          .order_by(Matter.seq))]
    assert routes == ["internal_audit", "own_investigation"]

    page.fill("form.message textarea", "Tak. Har du bilag til fakturaerne?")
    page.click("form.message button[type=submit]")

    # The reporter reads the message on the portal.
    reporter = browser.new_context(java_script_enabled=False).new_page()
    reporter.goto(live_portal.url + "/followup")
    reporter.fill("#code", filed.receipt_code)
    reporter.click("form button[type=submit]")
    assert "Har du bilag til fakturaerne?" in reporter.inner_text("body")
    reporter.context.close()

    # Own investigation: closed with feedback; forwarded matter: Internal Audit's outcome.
    matter2 = page.locator("#matter-2")
    matter2.locator("summary").click()
    matter2.locator("input[value=shelved_with_feedback]").check()
    matter2.locator("select[name=confirmed]").select_option("false")
    matter2.locator("form.outcome button[type=submit]").click()
    page.click("button[name=close-matter-2]")
    matter1 = page.locator("#matter-1")
    matter1.locator("select[name=confirmed]").select_option("true")
    matter1.locator("input[value=guidelines]").check()
    matter1.locator("form.instance-outcome button[type=submit]").click()
    page.click("button[name=close-matter-1]")
    page.click("button[name=close-case]")
    assert "Sagen er afsluttet." in page.inner_text("main")

    db.expire_all()
    case = db.get(Case, filed.case_id)
    assert case.status == "closed" and case.closed == dt.date.today()
    assert all(m.closed for m in case.matters)
