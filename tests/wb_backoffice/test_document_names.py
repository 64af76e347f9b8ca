"""The case's documents are named in the interface language, also after deletion.

The journal stores each entry's Danish description (the ESDH system's language); the back
office names a document from its kind and number, so an English page says "Report" and
"Attachment 1", and a deleted case's kept journal entries read the same way.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.models import Case
from wb_cases.services import journal

from .flow import Flow

PANEL = re.compile(r'<section id="journal">.*?</section>', re.S)


@pytest.fixture
def journalised(instance, db):  # type: ignore[no-untyped-def]
    """A case with a report, a file and a message; the report and the file journalised."""
    flow = Flow(instance, db)
    filed = file_report(instance, db, files=[("bilag.txt", b"tal")], today=flow.day)
    flow.case_id = filed.case_id
    case = flow.case
    attachment = f"attachment-{case.attachments[0].id}"
    for document in ("report", attachment):
        flow.do(
            journal.record_journal_ref,
            flow.case_id,
            document,
            "2026-001",
            staff_id=flow.sid,
            today=flow.day,
        )
    return flow


def _panel(client, case_id: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    page = client.get(f"/cases/{case_id}", query_string={"lang": lang}).get_data(as_text=True)
    match = PANEL.search(page)
    assert match, "no journal panel"
    return match.group(0)


def test_an_english_case_page_names_the_documents_in_english(journalised, head_client):  # type: ignore[no-untyped-def]
    panel = _panel(head_client, journalised.case_id, "en")
    assert "Report" in panel and "Attachment 1" in panel
    assert "Indberetning" not in panel and "Bilag" not in panel


def test_a_danish_case_page_names_them_in_danish(journalised, head_client):  # type: ignore[no-untyped-def]
    panel = _panel(head_client, journalised.case_id, "da")
    assert "Indberetning" in panel and "Bilag 1" in panel


def test_the_kept_entries_of_a_deleted_case_keep_their_kind_and_number(journalised, db):  # type: ignore[no-untyped-def]
    with transaction(db):
        case = db.get(Case, journalised.case_id)
        case.purged = dt.date(2026, 3, 3)
    rows = journal.journal_status(db, db.get(Case, journalised.case_id))
    assert [(r.kind, r.number, r.description) for r in rows] == [
        ("report", None, "Indberetning"),
        ("attachment", 1, "Bilag 1"),
    ]


def test_a_stored_description_of_no_known_kind_is_kept_as_it_was() -> None:
    assert journal.parse_description("Gammel betegnelse") == (None, None)
    assert journal.parse_description("Afgørelse, forhold 12") == ("decision", 12)


def test_every_stored_description_has_its_name_on_the_pages_in_the_same_danish_words(app):  # type: ignore[no-untyped-def]
    """The journal's stored descriptions and the pages' names are two tables on purpose (the
    stored text never changes with the interface language); they must not drift apart."""
    from flask_babel import force_locale

    from wb_backoffice import labels

    with app.test_request_context(), force_locale("da"):
        shown = {kind: str(name) for kind, name in labels.DOCUMENTS.items()}
    assert shown == journal.DESCRIPTIONS
