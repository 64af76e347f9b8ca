"""A caseworker's day, end to end in two real browsers with JavaScript off.

A reporter files a report on the portal and keeps the receipt code; the
caseworker finds it in the inbox marked new, acknowledges it (§ 24b, stk. 1),
triages it from a form prefilled with what the reporter answered, and writes to
the reporter; the reporter reads the message with the code and answers; the
inbox marks the case unread until the caseworker opens it; the caseworker records
the outcome (§ 24f), closes the matter and the case, each behind a confirmation
page. Everything is asserted on the Danish text the two people see.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import staff_tab
from tests.browser.navigators.portal import PortalNavigator
from tests.wb_backoffice.conftest import PASSWORD, add_member, enrol
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import staff_auth

WHAT = "Indkøb gives til direktørens svoger uden udbud."
QUESTION = "Tak for din indberetning. Hvem godkendte indkøbene?"
ANSWER = "Det gjorde indkøbschefen, i marts."
#: The facts the reporter could not answer; relation and anonymity come from the report.
FACTS = {
    "category": "legal_obligation_breach",
    "threshold": "significant_and_repeated",
    "gravity": "significant_and_repeated",
    "documentable": "true",
    "predominant_area": "other",
    "administration": "sof",
}


def _inbox_row(page):  # type: ignore[no-untyped-def]
    page.goto(page.base + "/")
    rows = page.locator("table.inbox tbody tr")
    assert rows.count() == 1, page.inner_text("main")
    return rows.first


def _reporter_tab(browser, live_portal):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    return PortalNavigator(context.new_page(), live_portal.url, "da", shots=False)


def test_a_caseworkers_day_from_report_to_closed_case(  # type: ignore[no-untyped-def]
    instance, db, browser, live_portal, live_backoffice
):
    # The reporter files a report on the portal and keeps the receipt code.
    reporter = _reporter_tab(browser, live_portal)
    reporter.read_start_page()
    reporter.open_report_form()
    reporter.fill_report(WHAT, [])  # "Jeg arbejder for kommunen", anonymous, no consequences
    code = reporter.send_report()
    reporter.page.context.close()

    # The caseworker logs in with password and a code from the authenticator.
    add_member(instance, db, "sofie", Role.CASEWORKER)
    secret = enrol(instance, db, "sofie")
    page = staff_tab(browser, live_backoffice)
    page.goto(page.base + "/login")
    page.fill("#username", "sofie")
    page.fill("#password", PASSWORD)
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == "sofie")).totp_last_step = None
    page.fill("#code", staff_auth.totp_code(secret))
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Indbakke"

    # The inbox marks the report new; opening it alone does not clear that: a receipt does.
    row = _inbox_row(page)
    assert "ny" in row.locator(".mark").all_inner_texts()
    assert "modtaget" in row.inner_text()
    row.locator("a").first.click()
    assert WHAT in page.inner_text("#report")
    assert "ansat i kommunen" in page.inner_text("#report")
    # § 24b, stk. 2: an employee's receipt names the union representative, ticked already.
    assert page.locator("#acknowledge input[type=checkbox]").first.is_checked()
    page.click("#acknowledge button[type=submit]")
    assert "kvitteret" in page.inner_text("h1")
    assert "ny" not in _inbox_row(page).locator(".mark").all_inner_texts()
    _inbox_row(page).locator("a").first.click()

    # One matter; the triage form arrives with what the reporter answered, marked so.
    page.fill("form.split textarea", "Indkøb uden udbud")
    page.click("form.split button[type=submit]")
    page.locator("a", has_text="Vurder forholdet").first.click()
    assert page.locator("h1").inner_text().startswith("Vurder forhold 1")
    relation = page.locator("select[name=reporter_relation]")
    assert relation.locator("option:checked").inner_text() == "ansat i kommunen"
    # The mark shows by the field and is read with it (its accessible description).
    assert page.locator(".field", has=relation).locator(".from-report").inner_text() == (
        "fra indberetningen"
    )
    expect(page.get_by_label("Indberetterens tilknytning")).to_have_accessible_description(
        re.compile("fra indberetningen$")
    )
    anonymous = page.get_by_label("Anonym indberetter")
    assert anonymous.locator("option:checked").inner_text() == "Ja"
    expect(anonymous).to_have_accessible_description(re.compile("fra indberetningen$"))
    expect(page.get_by_label("Hvad forholdet angår")).not_to_have_accessible_description(
        re.compile("fra indberetningen")
    )
    assert "udfyldt med det, indberetteren selv har svaret" in page.inner_text("main")
    for name, value in FACTS.items():
        page.select_option(f"select[name={name}]", value)
    page.click("button[name=preview]")
    assert "§ 24c, stk. 5" in page.inner_text("#decision-bases")
    page.click("button[name=confirm]")
    assert "Forholdet er vurderet." in page.inner_text("main")
    assert "under undersøgelse" in page.inner_text("#matter-1")

    # A message to the reporter.
    page.fill("form.message textarea", QUESTION)
    page.click("form.message button[type=submit]")
    assert "Beskeden er sendt." in page.inner_text("main")
    assert QUESTION in page.inner_text("#messages")

    # The reporter opens the case with the code, reads the message and answers.
    reporter = _reporter_tab(browser, live_portal)
    reporter.page.goto(live_portal.url + "/followup")
    reporter.page.fill("#code", code)
    reporter.page.get_by_role("button", name=reporter.label["open"]).click()
    assert QUESTION in reporter.text() and reporter.label["unit"] in reporter.text()
    reporter.answer(ANSWER)
    reporter.log_out()
    reporter.page.context.close()

    # The inbox marks the reporter's answer unread until the case is opened.
    row = _inbox_row(page)
    assert "ulæst besked" in row.locator(".mark").all_inner_texts()
    row.locator("a").first.click()
    assert ANSWER in page.inner_text("#messages")
    row = _inbox_row(page)
    assert row.locator(".mark").count() == 0, row.inner_text()
    row.locator("a").first.click()

    # § 24f: the outcome, then the matter closes behind a confirmation page.
    matter = page.locator("#matter-1")
    matter.locator("summary", has_text="Registrer udfald").click()
    matter.locator("input[value=shelved_with_feedback]").check()
    matter.locator("select[name=confirmed]").select_option("false")
    matter.locator("form.outcome button[type=submit]").click()
    assert "udfald registreret" in page.inner_text("#matter-1")
    page.click("a#close-matter-1")
    assert page.locator("h1").inner_text() == "Luk forhold 1?"
    page.click("button[name=close-matter-1]")
    assert "Forhold 1 er lukket." in page.inner_text("main")

    # § 24b, stk. 1: feedback to the reporter, then the case closes behind its own page.
    feedback = page.locator("#messages details", has_text="Send tilbagemelding")
    feedback.locator("summary").click()
    feedback.locator("textarea").fill("Vi har undersøgt forholdet og afslutter sagen nu.")
    feedback.locator("button[type=submit]").click()
    page.click("a#close-case")
    assert page.locator("h1").inner_text() == "Afslut sagen?"
    assert "opbevaringsperioden begynder" in page.inner_text("main")
    page.click("button[name=close-case]")
    assert "Sagen er afsluttet." in page.inner_text("main")
    assert "afsluttet" in page.inner_text("h1")
    assert "Afsluttet" in page.inner_text("dl.facts")
    page.goto(page.base + "/")  # the default inbox lists open cases only
    assert "Ingen sager." in page.inner_text("table.inbox tbody")
    page.goto(page.base + "/?status=closed")
    assert "afsluttet" in page.inner_text("table.inbox tbody")
    page.context.close()
