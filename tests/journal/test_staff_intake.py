"""Reports taken by staff: the channel is recorded, the receipt opens the case on the
portal, where the reporter approves or corrects the minutes."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.wb_backoffice.conftest import post
from tests.wb_portal.actors import Reporter, text_of
from wb_cases.db import transaction
from wb_cases.models import AuditEntry, Case, Message

MINUTES = "Referat: Indberetteren ringede og fortalte om dobbeltbetalinger i Indkøb."


def _register(head_client, channel: str = "oral") -> tuple[str, str]:  # type: ignore[no-untyped-def]
    response = post(
        head_client,
        "/reports/new",
        {"channel": channel, "what": "Dobbeltbetalinger i Indkøb", "minutes": MINUTES},
        token_from="/reports/new",
    )
    assert response.status_code == 200, response.data[:500]
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    code = re.search(r'id="receipt-code">([^<]+)<', html).group(1)
    number = re.search(r"(WB-\d{4}-\d{4})", html).group(1)
    return code, number


def test_an_oral_report_gets_a_receipt_that_opens_it_and_the_reporter_approves_the_minutes(
    db, head_client, portal_client
):  # type: ignore[no-untyped-def]
    code, number = _register(head_client)
    case = db.scalar(select(Case).where(Case.number == number))
    assert case.channel == "oral" and case.anonymous
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "case.registered_by_staff"))
    staff_page = head_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "afventer indberetterens godkendelse" in staff_page

    reporter = Reporter(portal_client)
    assert reporter.login(code).status_code == 303
    page = reporter.case_page().get_data(as_text=True)
    assert MINUTES in text_of(page) and "Referatet er rigtigt" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    seq = re.search(r"/followup/minutes/(\d+)/approve", page).group(1)
    response = portal_client.post(f"/followup/minutes/{seq}/approve", data={"csrf_token": token})
    assert response.status_code == 303
    assert "Du har godkendt referatet." in reporter.case_page().get_data(as_text=True)
    db.expire_all()
    minutes = db.scalar(
        select(Message).where(Message.case_id == case.id, Message.kind == "minutes")
    )
    assert minutes.approval == "approved"
    assert "godkendt af indberetteren" in head_client.get(f"/cases/{case.id}").get_data(
        as_text=True
    )


def test_a_correction_becomes_a_message_and_postpones_deletion(
    db, head_client, portal_client, instance
):  # type: ignore[no-untyped-def]
    import datetime as dt

    code, number = _register(head_client, channel="meeting")
    case = db.scalar(select(Case).where(Case.number == number))
    with transaction(db):
        case.last_reporter_activity = dt.date(2020, 1, 1)
    reporter = Reporter(portal_client)
    reporter.login(code)
    page = reporter.case_page().get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    seq = re.search(r"/followup/minutes/(\d+)/correct", page).group(1)
    response = portal_client.post(
        f"/followup/minutes/{seq}/correct",
        data={"csrf_token": token, "text": "Det var i Økonomi, ikke Indkøb."},
    )
    assert response.status_code == 303
    db.expire_all()
    rows = {m.kind: m for m in db.scalars(select(Message).where(Message.case_id == case.id))}
    assert rows["minutes"].approval == "corrected" and rows["correction"].author == "reporter"
    assert db.get(Case, case.id).last_reporter_activity > dt.date(2020, 1, 1)
    page = reporter.case_page().get_data(as_text=True)
    assert "Det var i Økonomi" in page and "Du har sendt en rettelse" in page
    staff_page = head_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "rettet af indberetteren" in staff_page and "Det var i Økonomi" in staff_page
    # The minutes cannot be answered twice: a second answer (another tab) changes nothing
    # and brings the reporter back to the case page, which shows the answer given.
    again = portal_client.post(f"/followup/minutes/{seq}/approve", data={"csrf_token": token})
    assert again.status_code == 303 and again.headers["Location"].endswith("/followup/case#minutes")
    resent = portal_client.post(
        f"/followup/minutes/{seq}/correct", data={"csrf_token": token, "text": "Igen."}
    )
    assert resent.status_code == 303
    db.expire_all()
    after = list(db.scalars(select(Message).where(Message.case_id == case.id)))
    assert len(after) == len(rows) and rows["minutes"].approval == "corrected"
