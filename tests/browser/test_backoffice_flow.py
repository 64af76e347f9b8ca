"""Chromium (JavaScript off) drives the back office end to end.

Log in with password + TOTP (first login: new password and enrolment), triage a
report into two matters (one to Internal Audit, one own investigation), send a
message the reporter reads on the portal, record outcomes, close the case.
"""

from __future__ import annotations

from sqlalchemy import select

from tests.browser.navigators.backoffice import FINANCE, OWN, log_in_first_time, triage
from tests.helpers import file_report
from wb_cases import clock
from wb_cases.models import Case, Matter


def test_staff_triage_message_outcome_and_close_in_the_browser(  # type: ignore[no-untyped-def]
    instance, db, staff_page, browser, live_portal
):
    filed = file_report(
        instance, db, answers={"what": "Betalinger uden levering <b>x</b>"}, today=clock.today()
    )
    page = staff_page
    log_in_first_time(page, db)

    page.click(f"text={filed.number}")
    assert "Betalinger uden levering <b>x</b>" in page.inner_text("#report")
    page.click("#acknowledge button[type=submit]")
    page.fill("form.split textarea", "Fakturaer\nTilbageholdte afgørelser")
    page.click("form.split button[type=submit]")
    triage(page, 0, FINANCE, "§ 24c, stk. 3, nr. 1")
    triage(page, 0, OWN, "§ 24c, stk. 5")
    routes = [
        m.route
        for m in db.scalars(
            select(Matter).where(Matter.case_id == filed.case_id).order_by(Matter.seq)
        )
    ]
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
    page.click("a#close-matter-2")  # then the confirmation page
    page.click("button[name=close-matter-2]")
    matter1 = page.locator("#matter-1")
    matter1.locator("select[name=confirmed]").select_option("true")
    matter1.locator("input[value=guidelines]").check()
    matter1.locator("form.instance-outcome button[type=submit]").click()
    page.click("a#close-matter-1")  # then the confirmation page
    page.click("button[name=close-matter-1]")
    # § 24b, stk. 1: the reporter gets feedback before the case can close.
    page.click("a#close-case")  # then the confirmation page
    page.click("button[name=close-case]")
    assert "kan ikke afsluttes endnu" in page.inner_text("main")
    feedback = page.locator("#messages details", has_text="Send tilbagemelding")
    feedback.locator("summary").click()
    feedback.locator("textarea").fill("Vi har undersøgt sagen og afslutter den nu.")
    feedback.locator("button[type=submit]").click()
    page.click("a#close-case")  # then the confirmation page
    page.click("button[name=close-case]")
    assert "Sagen er afsluttet." in page.inner_text("main")

    db.expire_all()
    case = db.get(Case, filed.case_id)
    assert case.status == "closed" and case.closed == clock.today()
    assert all(m.closed for m in case.matters)
