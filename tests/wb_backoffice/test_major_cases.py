"""The case page's major-case section (§ 24h, stk. 2): the flag, the draft, the approval."""

from __future__ import annotations

from tests.wb_backoffice.conftest import PASSWORD, add_member, enrol, login, post
from wb_cases.models import MajorSummary
from wb_cases.models.staff import Role

from .flow import Flow

TEXT = (
    "En større sag om indkøb i en forvaltning viste gentagne brud på udbudsreglerne "
    "over flere år. Forvaltningen har strammet sine retningslinjer."
)


def _flag(client, case_id: str, major: str = "1"):  # type: ignore[no-untyped-def]
    return post(client, f"/cases/{case_id}/major", {"major": major}, token_from=f"/cases/{case_id}")


def test_a_head_marks_a_case_as_major_and_the_form_appears(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    html = head_client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert "Markér som større sag" in html and 'class="major-summary"' not in html
    response = _flag(head_client, flow.case_id)
    assert response.status_code == 302 and response.headers["Location"].endswith("#major")
    assert flow.case.major is True
    html = head_client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert 'class="major-summary"' in html and "Godkend teksten til beretningen" in html
    assert "Fjern markeringen som større sag" in html
    _flag(head_client, flow.case_id, "0")
    assert flow.case.major is False


def test_a_refused_text_comes_back_as_typed_with_the_reasons_in_words(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    _flag(head_client, flow.case_id)
    typed = TEXT + " Derefter skrev Jens Hansen til jens@example.dk den 3. marts."
    response = post(
        head_client,
        f"/cases/{flow.case_id}/major-summary",
        {"text": typed, "action": "approve"},
        token_from=f"/cases/{flow.case_id}",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Jens Hansen til jens@example.dk den 3. marts." in html  # what was typed
    assert "Teksten indeholder en e-mailadresse." in html
    assert "Teksten ser ud til at indeholde et navn på en person." in html
    assert "Teksten indeholder en præcis dato" in html
    assert "exact_date" not in html and "email</" not in html
    db.expire_all()
    assert db.get(MajorSummary, flow.case_id) is None  # nothing stored on a refusal


def test_the_reasons_are_in_english_on_the_english_page(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    _flag(head_client, flow.case_id)
    head_client.get(f"/cases/{flow.case_id}?lang=en")
    response = post(
        head_client,
        f"/cases/{flow.case_id}/major-summary",
        {"text": "Kort.", "action": "approve"},
        token_from=f"/cases/{flow.case_id}",
    )
    assert "The text is too short" in response.get_data(as_text=True)


def test_an_empty_text_keeps_the_page_and_says_what_is_missing(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    _flag(head_client, flow.case_id)
    response = post(
        head_client,
        f"/cases/{flow.case_id}/major-summary",
        {"text": "", "action": "save"},
        token_from=f"/cases/{flow.case_id}",
    )
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)


def test_a_head_approves_and_the_case_page_says_so(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    _flag(head_client, flow.case_id)
    response = post(
        head_client,
        f"/cases/{flow.case_id}/major-summary",
        {"text": TEXT, "action": "approve"},
        token_from=f"/cases/{flow.case_id}",
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(MajorSummary, flow.case_id).published == TEXT
    html = head_client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert "Godkendt til beretningen" in html and TEXT in html


def test_a_head_withdraws_an_approved_text(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    _flag(head_client, flow.case_id)
    page = f"/cases/{flow.case_id}"
    post(head_client, f"{page}/major-summary", {"text": TEXT, "action": "approve"}, token_from=page)
    assert "Træk godkendelsen tilbage" in head_client.get(page).get_data(as_text=True)
    response = post(head_client, f"{page}/major-summary/withdraw", {}, token_from=page)
    assert response.status_code == 302
    html = head_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Godkendelsen er trukket tilbage" in html and "Ingen tekst er godkendt endnu." in html
    assert "Træk godkendelsen tilbage" not in html
    db.expire_all()
    assert db.get(MajorSummary, flow.case_id).published is None


def test_a_caseworker_saves_a_draft_but_cannot_approve_or_flag(instance, db, head_client, app):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    _flag(head_client, flow.case_id)
    add_member(instance, db, "kaj", Role.CASEWORKER)
    worker = app.test_client()
    assert login(worker, db, "kaj", PASSWORD, enrol(instance, db, "kaj")).status_code == 302
    html = worker.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert "Kun enhedslederen kan godkende teksten." in html
    assert "Godkend teksten til beretningen" not in html and "set-major" not in html
    saved = post(
        worker,
        f"/cases/{flow.case_id}/major-summary",
        {"text": TEXT, "action": "save"},
        token_from=f"/cases/{flow.case_id}",
    )
    assert saved.status_code == 302
    refused = post(
        worker,
        f"/cases/{flow.case_id}/major-summary",
        {"text": TEXT, "action": "approve"},
        token_from=f"/cases/{flow.case_id}",
    )
    assert refused.status_code == 403
    assert _flag(worker, flow.case_id, "0").status_code == 403
    withdraw = f"/cases/{flow.case_id}/major-summary/withdraw"
    assert post(worker, withdraw, {}, token_from=f"/cases/{flow.case_id}").status_code == 403
    db.expire_all()
    row = db.get(MajorSummary, flow.case_id)
    assert row.draft is not None and row.published is None
    assert flow.case.major is True
    assert TEXT in worker.get(f"/cases/{flow.case_id}").get_data(as_text=True)  # the draft
