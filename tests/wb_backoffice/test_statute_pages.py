"""The statute read again, on the case page (Danish first): each test names its paragraph."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

import policies
from tests.conftest import TODAY
from wb_cases.models import CommitteeNotice
from wb_cases.services import acknowledgement, requests

from .conftest import post
from .flow import SETTINGS, Flow

OWN = policies.MatterFacts(
    reporter_relation=policies.ReporterRelation.EMPLOYEE,
    anonymous=True,
    category=policies.Category.LAW_VIOLATION,
    threshold=policies.Threshold.GROSS,
    gravity=policies.Gravity.GROSS,
    documentable=True,
)
FINANCE = dataclasses.replace(OWN, predominant_area=policies.Area.FINANCE)


def test_par_15_stk_2_the_page_shows_the_expected_date_and_the_request_still_falls_due(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
    flow.triage(OWN)
    request = flow.do(
        requests.send_request, flow.matters[0], staff_id=flow.sid, today=TODAY, settings=SETTINGS
    )
    due, expected = request.due, request.due + dt.timedelta(days=30)
    page = f"/cases/{flow.case_id}"
    response = post(
        head_client,
        f"{page}/deadlines/{request.id}/extend",
        {"kind": "delay_notice", "new_due": expected.isoformat(), "reason_given": "y"},
        token_from=page,
    )
    assert response.status_code == 302
    head_client.application.config["WB_TODAY"] = due + dt.timedelta(days=3)
    html = head_client.get(page).get_data(as_text=True)
    assert f"forvaltningen forventer at svare {expected}" in html
    assert f'<span class="due past">{due}</span>' in html  # overdue all the same


def test_par_24g_stk_2_the_instance_outcome_form_offers_the_committee_notice(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    for inform in ({}, {"inform_committee": "y"}):
        flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
        flow.triage(FINANCE)
        page = f"/cases/{flow.case_id}"
        assert "Orienter Borgerrådgiverudvalget om udfaldet (valgfrit, § 24g, stk. 2)" in (
            head_client.get(page).get_data(as_text=True)
        )
        response = post(
            head_client,
            f"/matters/{flow.matters[0]}/instance-outcome",
            {"confirmed": "true", "major_significance": "y", **inform},
            token_from=page,
        )
        assert response.status_code == 302
        html = head_client.get(page).get_data(as_text=True)
        assert "Hjemmel for udfaldet: § 24g, stk. 1; § 24g, stk. 2" in html
    kinds = [n.kind for n in db.scalars(select(CommitteeNotice))]
    assert kinds == ["committee_notice_instance_outcome"]  # only the one staff chose


def test_whistleblower_act_par_12_a_late_acknowledgement_shows_on_the_case_page(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    flow.do(
        acknowledgement.acknowledge_case,
        instance.backend.file_store,
        flow.keys,
        flow.case_id,
        staff_id=flow.sid,
        employee=False,
        today=TODAY + dt.timedelta(days=10),
        settings=SETTINGS,
    )
    html = head_client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert "efter 7-dagesfristen" in html
    on_time = Flow(instance, db).file().acknowledge(employee=False)
    assert "efter 7-dagesfristen" not in head_client.get(f"/cases/{on_time.case_id}").get_data(
        as_text=True
    )
