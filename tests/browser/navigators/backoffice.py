"""A staff member's steps through the back office in a real browser (JavaScript off)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from tests.conftest import ADMIN, ADMIN_PASSWORD
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.services import staff_auth

NEW_PASSWORD = "a new and long password"  # noqa: S105 (a test account)
FINANCE = {
    "reporter_relation": "partner_supplier",
    "anonymous": "true",
    "category": "law_violation",
    "threshold": "gross",
    "gravity": "gross",
    "documentable": "true",
    "predominant_area": "finance",
    "administration": "okf",
}
OWN = {
    "reporter_relation": "partner_supplier",
    "anonymous": "true",
    "category": "legal_obligation_breach",
    "threshold": "significant_and_repeated",
    "gravity": "significant_and_repeated",
    "documentable": "true",
    "predominant_area": "other",
    "administration": "sof",
}

Visit = Callable[[str], None]


def _nothing(name: str) -> None:
    return None


def log_in_first_time(page, db, visit: Visit = _nothing) -> None:  # type: ignore[no-untyped-def]
    """New password, TOTP enrolment, recovery codes; then log out and in with a code."""
    if "/login" not in page.url:  # a caller may have chosen the language on /login?lang=…
        page.goto(page.base + "/login")
    visit("login")
    page.fill("#username", ADMIN)
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    assert page.url.endswith("/setup")
    visit("setup-password")
    page.fill("#password", NEW_PASSWORD)
    page.fill("#repeat", NEW_PASSWORD)
    page.click("form.narrow button[type=submit]")
    # The password change takes an Argon2 run: on a loaded machine the TOTP page comes
    # after the click returns, so wait for it (count() alone does not wait).
    page.locator(".qr svg").first.wait_for(timeout=30_000)
    assert page.locator(".qr svg").count() == 1
    visit("setup-totp")
    secret = staff_auth.secret_from_text(page.inner_text("#totp-secret"))
    page.fill("#code", staff_auth.totp_code(secret))
    page.click("form.narrow button[type=submit]")
    assert page.locator("ul.codes li").count() == 10
    visit("recovery-codes")
    page.click("main a.button")  # on to the inbox
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
    visit("login-with-code")
    page.click("button[type=submit]")
    assert page.locator("table.inbox").count() == 1, page.inner_text("main")


def triage(
    page,
    link_index: int,
    facts: dict[str, str],
    expect: str,  # type: ignore[no-untyped-def]
    visit: Visit = _nothing,
) -> None:
    """Open a matter's facts form, preview the decision, check its basis, confirm."""
    page.locator("#matters a[href$='/triage']").nth(link_index).click()
    visit("triage-form")
    for name, value in facts.items():
        page.select_option(f"select[name={name}]", value)
    page.click("button[name=preview]")
    assert expect in page.inner_text("#decision-bases")
    assert page.inner_text("#decision-explanation")  # shown before anything is recorded
    visit("triage-preview")
    page.click("button[name=confirm]")
