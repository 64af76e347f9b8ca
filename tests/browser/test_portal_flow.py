"""The full flow with JavaScript disabled, in Danish and English; axe-core."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.browser.navigators.portal import PortalNavigator
from tests.conftest import ADMIN
from tests.helpers import intake_keys
from tests.wb_portal.samples import authored_pdf, gps_jpeg, has_gps, pdf_metadata
from tests.wb_portal.test_report import stored_plaintext
from wb_cases import clock
from wb_cases.db import transaction
from wb_cases.models.staff import Staff
from wb_cases.services.casefile import add_unit_message
from wb_cases.services.keyring import unlock_with_recovery_key
from wb_cases.services.reporter_access import open_case_with_receipt

LANGS = ["da", "en"]


def sample_files(tmp_path: Path) -> list[Path]:
    photo, note = tmp_path / "foto.jpg", tmp_path / "notat.pdf"
    photo.write_bytes(gps_jpeg())
    note.write_bytes(authored_pdf("Jens Hansen"))
    return [photo, note]


def post_staff_message(instance, code: str, text: str) -> None:  # type: ignore[no-untyped-def]
    with instance.session() as session, transaction(session):
        access = open_case_with_receipt(session, code, intake_keys(instance))
        keys = unlock_with_recovery_key(session, instance.recovery_key)
        staff = session.scalar(select(Staff).where(Staff.username == ADMIN))
        add_unit_message(
            session,
            instance.backend.file_store,
            keys,
            access.case_id,
            text,
            staff_id=staff.id,
            today=clock.today(),
        )


@pytest.mark.parametrize("lang", LANGS)
def test_a_reporter_reports_and_follows_up_without_javascript(
    no_js_page, live_portal, tmp_path, lang
):  # type: ignore[no-untyped-def]
    instance = live_portal.instance
    nav = PortalNavigator(no_js_page, live_portal.url, lang)
    nav.read_start_page()
    nav.open_report_form()
    nav.send_empty_form()
    nav.fill_report("Udbetalinger uden bilag, igen og igen.", sample_files(tmp_path))
    code = nav.send_report()
    text = nav.text()
    assert nav.label["gps"] in text and nav.label["author"] in text

    post_staff_message(instance, code, "Tak for din indberetning. Hvem godkendte udbetalingerne?")
    nav.log_in(code)
    assert "Hvem godkendte udbetalingerne?" in nav.text() and nav.label["unit"] in nav.text()
    nav.answer("Det gjorde afdelingslederen.")
    assert "Det gjorde afdelingslederen." in nav.text()
    nav.log_out()

    stored = stored_plaintext(instance, code)
    assert not has_gps(stored["foto.jpg"])
    assert "Jens Hansen" not in pdf_metadata(stored["notat.pdf"])
    assert live_portal.requests and all(
        u.startswith(live_portal.url + "/") for u in live_portal.requests
    )


def _axe_source() -> str:
    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text()


def _serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.add_script_tag(content=_axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violation_on_any_portal_page(axe_page, live_portal, tmp_path, lang):  # type: ignore[no-untyped-def]
    nav = PortalNavigator(axe_page, live_portal.url, lang, shots=False)
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        found[name] = _serious(axe_page)

    nav.read_start_page()
    check("start")
    nav.open_report_form()
    check("report")
    nav.send_empty_form()
    check("report-errors")
    nav.fill_report("Noget alvorligt.", sample_files(tmp_path))
    code = nav.send_report(on_review=lambda: check("review"))
    check("receipt")
    post_staff_message(live_portal.instance, code, "Tak.")
    axe_page.goto(f"{live_portal.url}/followup")
    check("followup-login")
    axe_page.fill("#code", "0000-0000-0000-0000")
    axe_page.get_by_role("button", name=nav.label["open"]).click()
    check("followup-wrong")
    axe_page.fill("#code", code)
    axe_page.get_by_role("button", name=nav.label["open"]).click()
    check("case")
    nav.answer("Svar.")
    check("case-answered")
    axe_page.fill("#text", "Med bilag.")
    axe_page.set_input_files("#attachments", [str(f) for f in sample_files(tmp_path)])
    axe_page.get_by_role("button", name=nav.label["send_message"]).click()
    check("message-review")
    for choice in axe_page.locator("input[value='send']").all():
        choice.check()
    axe_page.get_by_role("button", name=nav.label["send_message"]).click()
    assert nav.label["sent"] in nav.text()
    nav.log_out()
    check("logged-out")
    axe_page.goto(f"{live_portal.url}/nowhere")
    check("not-found")
    assert {name: v for name, v in found.items() if v} == {}
