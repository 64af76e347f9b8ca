"""The statute read again, in Chromium with JavaScript off.

§ 24b, stk. 1: a case with feedback owed cannot be closed until the feedback is sent or
its impossibility recorded; a reporter's message on a closed case shows in the inbox and
reopens it. § 24a, stk. 2: opening an identity asks for a written justification and, with
the four-eyes option, waits for a second head; the register and the committee notice say
what the statute requires and nothing more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from sqlalchemy import select

import policies
from tests.browser.conftest import serving, staff_tab
from tests.browser.navigators.backoffice import OWN, log_in_first_time, triage
from tests.helpers import file_report
from tests.wb_backoffice.conftest import PASSWORD, add_member, enrol
from wb_cases import clock
from wb_cases.db import transaction
from wb_cases.models import Case, CommitteeNotice, IdentityRequest, Staff
from wb_cases.models.staff import Role
from wb_cases.services import staff_auth
from wb_cases.services.intake import Identity


def _closed_matter(page, filed) -> None:  # type: ignore[no-untyped-def]
    page.click(f"text={filed.number}")
    page.click("#acknowledge button[type=submit]")
    page.fill("form.split textarea", "Fakturaer")
    page.click("form.split button[type=submit]")
    triage(page, 0, OWN, "§ 24c, stk. 5")
    matter = page.locator("#matter-1")
    matter.locator("summary").click()
    matter.locator("input[value=shelved_with_feedback]").check()
    matter.locator("select[name=confirmed]").select_option("false")
    matter.locator("form.outcome button[type=submit]").click()
    assert "§ 24f, stk. 1, nr. 4" in page.inner_text("#matter-1 .outcome-bases")
    page.click("a#close-matter-1")  # then the confirmation page
    page.click("button[name=close-matter-1]")


def test_par_24b_stk_1_owed_feedback_blocks_closing_and_reporter_input_reopens_the_case(  # type: ignore[no-untyped-def]
    instance, db, staff_page, browser, live_portal
):
    filed = file_report(
        instance, db, answers={"what": "Fakturaer uden levering"}, today=clock.today()
    )
    page = staff_page
    log_in_first_time(page, db)
    _closed_matter(page, filed)

    # Feedback is owed: the case stays open and staff are told why, in Danish.
    page.click("a#close-case")  # then the confirmation page
    page.click("button[name=close-case]")
    told = page.inner_text("main")
    assert "kan ikke afsluttes endnu" in told and "Send den" in told and "(§ 24b, stk. 1)" in told
    db.expire_all()
    assert db.get(Case, filed.case_id).closed is None

    # The anonymous reporter never came back: record that feedback is impossible, and why.
    row = page.locator("#deadlines tr", has=page.locator("button[name=impossible-feedback]"))
    row.locator("summary").click()
    row.locator("select[name=reason]").select_option("anonymous_not_returned")
    row.locator("textarea[name=text]").fill("Indberetteren har ikke brugt sin kode siden.")
    row.locator("button[name=impossible-feedback]").click()
    assert "anonym indberetter, der ikke er vendt tilbage" in page.inner_text("#deadlines")
    page.click("a#close-case")  # then the confirmation page
    page.click("button[name=close-case]")
    assert "Sagen er afsluttet." in page.inner_text("main")
    db.expire_all()
    case = db.get(Case, filed.case_id)
    assert case.closed == clock.today()
    feedback = next(d for d in case.deadlines if d.kind == "feedback")
    assert feedback.done is None and feedback.impossible == "anonymous_not_returned"

    # The reporter writes after all; the closed case shows in the inbox and is reopened.
    reporter = browser.new_context(java_script_enabled=False).new_page()
    reporter.goto(live_portal.url + "/followup")
    reporter.fill("#code", filed.receipt_code)
    reporter.click("form button[type=submit]")
    reporter.fill("#text", "Det sker stadig hver måned.")
    reporter.click("#answer ~ form button[type=submit]")
    reporter.context.close()

    page.goto(page.base + "/")
    inbox_row = page.locator("table.inbox tr", has_text=filed.number)
    assert "ny besked efter afslutning" in inbox_row.inner_text()
    inbox_row.locator("a").first.click()
    assert "Indberetteren har skrevet efter afslutningen" in page.inner_text("main")
    assert "Det sker stadig hver måned." in page.inner_text("#messages")
    page.click("button[name=reopen]")
    assert "Sagen er genåbnet" in page.inner_text("main")
    db.expire_all()
    case = db.get(Case, filed.case_id)
    assert case.closed is None and case.input_after_closing is None
    assert any(
        d.kind == "feedback" and d.done is None and d.impossible is None for d in case.deadlines
    )


@pytest.fixture
def four_eyes_backoffice(instance) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The back office with the unit's four-eyes option on (WB_OPTION_IDENTITY_FOUR_EYES)."""
    from wb_backoffice import create_app

    config = instance.backoffice
    common = dataclasses.replace(
        config.common, unit_options=policies.UnitOptions(identity_four_eyes=True)
    )
    app = create_app(dataclasses.replace(config, common=common))
    app.config.update(WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False)
    with serving(app) as url:
        yield url


def test_par_24a_stk_2_opening_an_identity_needs_a_justification_and_a_second_head(  # type: ignore[no-untyped-def]
    instance, db, browser, four_eyes_backoffice
):
    filed = file_report(
        instance,
        db,
        anonymous=False,
        identity=Identity("Jens Hansen", "jens@example.org"),
        answers={"what": "Sagsbehandlingen omgås"},
        today=clock.today(),
    )
    add_member(instance, db, "hanne", Role.HEAD)  # the second head of unit
    secret = enrol(instance, db, "hanne")
    first = staff_tab(browser, four_eyes_backoffice)
    log_in_first_time(first, db)
    first.click(f"text={filed.number}")

    # The register: a police request about the reporter's identity.
    register = first.locator("#identity details", has_text="Registrer anmodning")
    register.locator("summary").click()
    register.locator("select[name=subject]").select_option("reporter")
    register.locator("select[name=requester]").select_option("police")
    register.locator("select[name=basis]").select_option("police_or_court")
    register.locator("select[name=decision]").select_option("pending")
    register.locator("button[type=submit]").click()
    table = first.inner_text("#identity table.id-register")
    assert "indberetterens identitet" in table and "politiet" in table and "Jens" not in table

    # Opening asks for a written justification: the browser will not send the form without it.
    opening = first.locator("#identity details.id-open")
    opening.locator("summary").click()
    opening.locator("select[name=reason]").select_option("police_or_court")
    assert opening.locator("textarea[name=justification]").get_attribute("required") is not None
    opening.locator("button[name=open-identity]").click()
    assert "Jens Hansen" not in first.content()
    db.expire_all()
    assert (
        db.scalar(select(IdentityRequest).where(IdentityRequest.requester_kind == "unit")) is None
    )

    justification = "Anklagemyndigheden skal afhøre indberetteren som vidne."
    opening.locator("textarea[name=justification]").fill(justification)
    opening.locator("button[name=open-identity]").click()
    assert "venter på godkendelse fra en anden enhedsleder" in first.inner_text("main")
    assert "Jens Hansen" not in first.content()
    assert first.locator("#identity button[name^=approve-]").count() == 0  # not one's own

    # A second head of unit approves.
    second = staff_tab(browser, four_eyes_backoffice)
    second.goto(four_eyes_backoffice + "/login")
    second.fill("#username", "hanne")
    second.fill("#password", PASSWORD)
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == "hanne")).totp_last_step = None
    second.fill("#code", staff_auth.totp_code(secret))
    second.click("button[type=submit]")
    second.click(f"text={filed.number}")
    second.click("#identity button[name^=approve-]")
    assert "Åbningen er godkendt." in second.inner_text("main")
    second.context.close()

    first.reload()
    first.click("#identity button[name^=open-]")
    assert "Jens Hansen" in first.inner_text("main")

    # The committee hears that a request came and that an identity was opened: nothing more.
    db.expire_all()
    notices = list(db.scalars(select(CommitteeNotice).order_by(CommitteeNotice.id)))
    assert [(n.kind, n.paragraph, n.general_reason) for n in notices] == [
        ("committee_notice_identity_request", "§ 24a, stk. 2", ""),
        ("identity_opened", "§ 24a, stk. 2", ""),
    ]
    first.goto(f"{four_eyes_backoffice}/committee/?year={clock.today().year}")
    shown = first.inner_text("#notices")
    assert "anmodning om indberetterens identitet" in shown.lower()
    for secret_text in ("Jens", "jens@example.org", justification, "politi", "police"):
        assert secret_text not in shown
    first.context.close()
