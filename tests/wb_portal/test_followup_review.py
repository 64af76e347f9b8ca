"""Files added after the report go through the same review as the report's own: the
reporter sees what cleaning found in each file and decides before anything reaches the case.
"""

from __future__ import annotations

import pytest

from tests.helpers import intake_keys
from tests.wb_portal.actors import Reporter, csrf_token, hidden_fields, is_message_review, text_of
from tests.wb_portal.samples import authored_pdf, pdf_metadata
from tests.wb_portal.test_report import stored_plaintext
from tests.wb_portal.test_review import DOCX, draft_rows, later, staged
from wb_cases.errors import ServerBusyError, StorageError
from wb_cases.services import reporter_access
from wb_cases.services.casefile import read_case_as_staff
from wb_cases.services.keyring import unlock_with_recovery_key
from wb_cases.services.reporter_access import open_case_with_receipt


def messages(instance, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The reporter's messages as the unit reads them."""
    with instance.session() as session:
        keys = unlock_with_recovery_key(session, instance.recovery_key)
        access = open_case_with_receipt(session, code, intake_keys(instance))
        return [m.text for m in read_case_as_staff(session, keys, access.case_id).messages]


@pytest.fixture
def code(reporter: Reporter) -> str:
    code = reporter.file()
    reporter.login(code)
    return code


# --- attacks first ---------------------------------------------------------------------


def test_a_file_cleaning_could_not_check_is_not_added_before_the_reporter_decides(
    reporter, instance, code
):  # type: ignore[no-untyped-def]
    response = reporter.send_message("Her er notatet.", files=[("note.docx", DOCX)])
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and is_message_review(html)
    assert "Vi kunne ikke tjekke denne fil. Den kan afsløre, hvem du er." in text_of(html)
    assert messages(instance, code) == [] and "note.docx" not in stored_plaintext(instance, code)
    undecided = reporter.review_message(html, choices={0: ""})
    assert undecided.status_code == 400
    assert "Vælg, om note.docx skal sendes" in undecided.get_data(as_text=True)
    assert messages(instance, code) == []


def test_a_draft_cannot_be_sent_into_another_case(reporter, client, instance, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Til min sag.", files=[("note.docx", DOCX)]).get_data(as_text=True)
    other = reporter.file()  # the same browser, logged in to a second case
    reporter.login(other)
    sent = reporter.review_message(html)
    assert sent.status_code == 400 and not is_message_review(sent.get_data(as_text=True))
    assert messages(instance, code) == [] and messages(instance, other) == []
    assert "Til min sag." in sent.get_data(as_text=True)  # the text is kept to send again


# --- the review ------------------------------------------------------------------------


def test_the_review_shows_what_was_removed_and_send_adds_the_cleaned_file(reporter, instance, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message(
        "Se bilaget.", files=[("notat.pdf", authored_pdf("Jens Hansen"))]
    ).get_data(as_text=True)
    assert is_message_review(html) and "Fjernet: forfatterens navn." in html
    assert "Se bilaget." in html  # the text rides along
    assert len(draft_rows(instance)) == 1
    sent = reporter.review_message(html)
    assert sent.status_code == 303
    assert "Din besked er sendt." in text_of(reporter.case_page().get_data(as_text=True))
    assert messages(instance, code) == ["Se bilaget."]
    stored = stored_plaintext(instance, code)
    assert "Jens Hansen" not in pdf_metadata(stored["notat.pdf"])
    assert draft_rows(instance) == [] and staged(instance) == []


def test_a_file_left_out_is_not_added(reporter, instance, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message(
        "To filer.", files=[("note.docx", DOCX), ("notat.pdf", authored_pdf("A B"))]
    ).get_data(as_text=True)
    assert reporter.review_message(html, choices={0: "leave"}).status_code == 303
    assert messages(instance, code) == ["To filer."]
    assert "note.docx" not in stored_plaintext(instance, code)
    assert "notat.pdf" in stored_plaintext(instance, code)


def test_an_unchecked_file_can_be_replaced_by_one_cleaning_can_check(reporter, instance, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Notat.", files=[("note.docx", DOCX)]).get_data(as_text=True)
    checked = reporter.review_message(
        html, action="check", replacements={0: ("note.pdf", authored_pdf("Jens Hansen"))}
    )
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200 and is_message_review(page)
    assert "Vi har tjekket den nye fil" in page and "note.docx" not in page
    assert reporter.review_message(page).status_code == 303
    assert set(stored_plaintext(instance, code)) == {"note.pdf"}


def test_change_brings_the_text_back_and_drops_the_files(reporter, instance, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Udkast.", files=[("note.docx", DOCX)]).get_data(as_text=True)
    back = reporter.review_message(html, action="edit")
    page = back.get_data(as_text=True)
    assert back.status_code == 200 and "Udkast." in page and not is_message_review(page)
    assert "vælg dine filer igen" in text_of(page).lower()
    assert draft_rows(instance) == [] and messages(instance, code) == []


def test_leaving_out_every_file_of_an_empty_message_sends_nothing(reporter, instance, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message("", files=[("note.docx", DOCX)]).get_data(as_text=True)
    response = reporter.review_message(html, choices={0: "leave"})
    assert response.status_code == 400
    assert "Skriv en besked, eller vedhæft en fil" in response.get_data(as_text=True)
    assert messages(instance, code) == []


def test_an_expired_draft_keeps_the_text_and_says_to_choose_the_files_again(
    reporter, instance, code, monkeypatch
):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Sent svar.", files=[("note.docx", DOCX)]).get_data(as_text=True)
    later(monkeypatch, 61)
    response = reporter.review_message(html)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Sent svar." in page
    assert "vælg dine filer igen" in text_of(page).lower()
    assert messages(instance, code) == []


def test_the_review_form_carries_no_receipt_code_or_case_id(reporter, code):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Tekst.", files=[("note.docx", DOCX)]).get_data(as_text=True)
    carried = hidden_fields(html)
    assert set(carried) == {"csrf_token", "text", "draft"}  # "draft": a digest of random ids
    assert csrf_token(html) and code not in html and code.lower() not in html


def test_an_older_review_page_cannot_send_files_its_reader_never_saw(reporter, instance, code):  # type: ignore[no-untyped-def]
    seen = reporter.send_message("Første.", files=[("notat.pdf", authored_pdf("A B"))])
    reporter.send_message("Anden.", files=[("note.docx", DOCX)])  # a second tab's draft
    response = reporter.review_message(seen.get_data(as_text=True))
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and is_message_review(page)
    assert "note.docx" in page  # the files the draft holds now, to decide on afresh
    assert messages(instance, code) == []


def _failing(monkeypatch, error: Exception) -> None:  # type: ignore[no-untyped-def]
    def add(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(reporter_access, "add_reporter_message", add)


def test_a_busy_server_keeps_the_review_and_a_second_try_sends(
    reporter, instance, code, monkeypatch
):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Travlt.", files=[("notat.pdf", authored_pdf("A B"))])
    with monkeypatch.context() as patch:
        _failing(patch, ServerBusyError())
        busy = reporter.review_message(html.get_data(as_text=True))
    page = busy.get_data(as_text=True)
    assert busy.status_code == 503 and is_message_review(page) and "Der er travlt" in page
    assert reporter.review_message(page).status_code == 303
    assert messages(instance, code) == ["Travlt."]


def test_a_storage_error_keeps_the_text_and_leaves_no_draft_behind(
    reporter, instance, code, monkeypatch
):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Fejl.", files=[("notat.pdf", authored_pdf("A B"))])
    with monkeypatch.context() as patch:
        _failing(patch, StorageError("disk full"))
        failed = reporter.review_message(html.get_data(as_text=True))
    page = failed.get_data(as_text=True)
    assert failed.status_code == 503 and "Fejl." in page and not is_message_review(page)
    assert draft_rows(instance) == [] and staged(instance) == []
    again = reporter.send_message("Fejl.", files=[("notat.pdf", authored_pdf("A B"))])
    assert reporter.review_message(again.get_data(as_text=True)).status_code == 303


def test_a_busy_server_keeps_a_text_only_message_in_the_box(reporter, instance, code, monkeypatch):  # type: ignore[no-untyped-def]
    _failing(monkeypatch, ServerBusyError())
    response = reporter.send_message("Kun tekst.")
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "Kun tekst." in page and "Der er travlt" in page


def test_sending_the_same_review_twice_adds_one_message_and_says_it_was_sent(
    reporter, instance, code
):  # type: ignore[no-untyped-def]
    html = reporter.send_message("Én gang.", files=[("notat.pdf", authored_pdf("A B"))])
    first = reporter.review_message(html.get_data(as_text=True))
    second = reporter.review_message(html.get_data(as_text=True))  # a double click
    assert first.status_code == 303 and second.status_code == 303
    page = reporter.client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Din besked er sendt." in page
    assert messages(instance, code) == ["Én gang."]


def test_logging_out_deletes_a_waiting_draft_and_its_files(reporter, instance, code):  # type: ignore[no-untyped-def]
    reporter.send_message("Glemt.", files=[("notat.pdf", authored_pdf("A B"))])
    assert len(draft_rows(instance)) == 1
    response = reporter.logout()
    assert draft_rows(instance) == [] and staged(instance) == []
    assert any("wb_draft=;" in c for c in response.headers.getlist("Set-Cookie"))
