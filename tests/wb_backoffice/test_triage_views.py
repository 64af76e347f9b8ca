"""Triage in the browser's shape: split in one act, facts → decision shown → confirm."""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from typing import Any

from sqlalchemy import select

import policies
from tests.helpers import file_report
from wb_cases.models import Matter, Note

from .conftest import post

FINANCE = {
    "reporter_relation": "partner_supplier",
    "anonymous": "true",
    "category": "law_violation",
    "threshold": "gross",
    "material_to_tasks": "y",
    "subject": "administration",
    "top_official": "none",
    "exclusion": "none",
    "gravity": "gross",
    "documentable": "true",
    "predominant_area": "finance",
    "administration": "okf",
}
FLASH_ERROR = re.compile(r'<p class="flash error"[^>]*>(.*?)</p>', re.S)


def flash_errors(response: Any) -> list[str]:
    """The error messages flashed on a page (not the field help, which cites paragraphs too)."""
    return [html_lib.unescape(m) for m in FLASH_ERROR.findall(response.get_data(as_text=True))]


def triage_form_shown_again(response: Any) -> bool:
    """The refused facts come back on the triage form (a CSRF refusal shows an error page)."""
    page = response.get_data(as_text=True)
    return 'class="facts-form"' in page and 'name="predominant_area"' in page


def test_a_report_splits_into_matters_in_one_act(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    response = post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Fakturaer\n\nArbejdstid\n"},
        token_from=f"/cases/{filed.case_id}",
    )
    assert response.status_code == 302 and not flash_errors(response)
    matters = list(db.scalars(select(Matter).where(Matter.case_id == filed.case_id)))
    assert [m.seq for m in matters] == [1, 2] and all(m.status == "untriaged" for m in matters)
    assert all(b"Fakturaer" not in (m.title or b"") for m in matters)


def test_the_decision_and_its_legal_basis_are_shown_before_confirming(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Fakturaer"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    form_page = head_client.get(f"/matters/{matter.id}/triage").get_data(as_text=True)
    assert 'name="reporter_relation"' in form_page and 'name="gravity"' in form_page
    preview = post(
        head_client,
        f"/matters/{matter.id}/triage/preview",
        FINANCE,
        token_from=f"/matters/{matter.id}/triage",
    )
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Intern Revision" in html and "§ 24c, stk. 3, nr. 1" in html
    db.expire_all()
    assert db.get(Matter, matter.id).status == "untriaged"  # nothing recorded yet
    confirm = post(
        head_client,
        f"/matters/{matter.id}/triage",
        FINANCE,
        token_from=f"/matters/{matter.id}/triage",
    )
    assert confirm.status_code == 302
    db.expire_all()
    recorded = db.get(Matter, matter.id)
    assert recorded.route == "internal_audit" and recorded.status == "awaiting_instance"
    assert recorded.administration == "okf" and recorded.facts["predominant_area"] == "finance"


def test_missing_or_contradictory_facts_are_shown_as_form_errors(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "x"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    facts = dict(FINANCE, gravity="", documentable="")
    response = post(
        head_client,
        f"/matters/{matter.id}/triage/preview",
        facts,
        token_from=f"/matters/{matter.id}/triage",
    )
    assert response.status_code == 400 and triage_form_shown_again(response)
    [error] = flash_errors(response)
    assert "§ 24c, stk. 2" in error  # the rule that needs gravity and documentability
    db.expire_all()
    assert db.get(Matter, matter.id).status == "untriaged"


def test_an_override_without_reason_is_refused(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "x"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    response = post(
        head_client,
        f"/matters/{matter.id}/triage",
        dict(FINANCE, override_route="own_investigation"),
        token_from=f"/matters/{matter.id}/triage",
    )
    assert response.status_code == 400 and triage_form_shown_again(response)
    assert len(flash_errors(response)) == 1
    db.expire_all()
    recorded = db.get(Matter, matter.id)
    assert recorded.status == "untriaged" and recorded.route is None


def test_a_confirmation_without_the_form_token_records_nothing(instance, db, head_client):  # type: ignore[no-untyped-def]
    """A forged cross-site post is refused before any fact is read."""
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "x"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    response = head_client.post(f"/matters/{matter.id}/triage", data=dict(FINANCE, csrf_token="x"))
    assert response.status_code == 400 and not triage_form_shown_again(response)
    db.expire_all()
    assert db.get(Matter, matter.id).status == "untriaged"


def _one_matter(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Arbejdstid"},
        token_from=f"/cases/{filed.case_id}",
    )
    return filed, db.scalar(select(Matter).where(Matter.case_id == filed.case_id))


def test_par_24c_stk_3_nr_2_the_mayor_route_is_recorded_only_with_a_written_reason(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    filed, matter = _one_matter(instance, db, head_client)
    to_mayor = {**FINANCE, "predominant_area": "employment", "employment_to_mayor": "y"}
    preview = post(
        head_client,
        f"/matters/{matter.id}/triage/preview",
        to_mayor,
        token_from=f"/matters/{matter.id}/triage",
    ).get_data(as_text=True)
    assert 'name="reason_employment_to_mayor"' in preview and "§ 24c, stk. 3, nr. 2" in preview
    refused = post(
        head_client,
        f"/matters/{matter.id}/triage",
        to_mayor,
        token_from=f"/matters/{matter.id}/triage",
    )
    assert refused.status_code == 400
    db.expire_all()
    assert db.get(Matter, matter.id).status == "untriaged"
    reason = "Direktionen er selv part i sagen."
    confirm = post(
        head_client,
        f"/matters/{matter.id}/triage",
        {**to_mayor, "reason_employment_to_mayor": reason},
        token_from=f"/matters/{matter.id}/triage",
    )
    assert confirm.status_code == 302
    db.expire_all()
    assert db.get(Matter, matter.id).route == "mayor"
    note = db.scalar(select(Note).where(Note.case_id == filed.case_id, Note.kind == "reason"))
    assert note is not None and reason.encode() not in note.body  # encrypted
    page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert reason in page and "§ 24c, stk. 3, nr. 2" in page


def test_par_24c_stk_2_without_the_external_option_staff_choose_a_top_officials_route(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    filed, matter = _one_matter(instance, db, head_client)
    head_client.application.extensions["wb_config"] = dataclasses.replace(
        head_client.application.extensions["wb_config"],
        common=dataclasses.replace(
            head_client.application.extensions["wb_config"].common,
            unit_options=policies.UnitOptions(external_investigation_top_officials=False),
        ),
    )
    about_audit = {**FINANCE, "top_official": "head_of_audit", "top_official_is_subject": "y"}
    silent = post(
        head_client,
        f"/matters/{matter.id}/triage/preview",
        about_audit,
        token_from=f"/matters/{matter.id}/triage",
    )
    # Never routed silently to the official's own audit unit: the route must be chosen.
    assert silent.status_code == 400 and "top_official_route" in silent.get_data(as_text=True)
    chosen = {**about_audit, "top_official_route": "own_investigation"}
    confirm = post(
        head_client,
        f"/matters/{matter.id}/triage",
        {**chosen, "reason_top_official_route": "Intern Revision kan ikke undersøge sin chef."},
        token_from=f"/matters/{matter.id}/triage",
    )
    assert confirm.status_code == 302
    db.expire_all()
    assert db.get(Matter, matter.id).route == "own_investigation"


def test_every_help_text_on_the_danish_triage_form_is_danish(instance, db, head_client):  # type: ignore[no-untyped-def]
    """The engine documents each fact in English; a Danish form shows the unit's words."""
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Fakturaer"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    page = html_lib.unescape(head_client.get(f"/matters/{matter.id}/triage").get_data(as_text=True))
    english = [
        str(spec.metadata["doc"])
        for spec in dataclasses.fields(policies.MatterFacts)
        if str(spec.metadata.get("doc", "")) in page
    ]
    assert english == []
