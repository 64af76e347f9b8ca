"""The reporter decides before sending: a review page per file, a sealed draft, nothing filed early.

Until "Send" the files wait encrypted in staging and their keys in a draft row
that only the reporter's cookie opens; the draft expires within the hour and
is swept with its files.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from tests.wb_portal.actors import VALID, is_review, text_of
from tests.wb_portal.samples import authored_pdf, gps_jpeg, pdf_metadata
from tests.wb_portal.test_report import case_count, stored_plaintext
from wb_cases.maintenance.fsck import check_store
from wb_cases.models import Draft
from wb_cases.services import drafts
from wb_portal.report import DRAFT_COOKIE

DOCX = b"PK\x03\x04 a word file we cannot clean"


def staged(instance) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.name for p in instance.backend.file_store.staging.iterdir())


def draft_rows(instance) -> list[Draft]:  # type: ignore[no-untyped-def]
    with instance.session() as session:
        return list(session.scalars(select(Draft)))


def code_of(html: str) -> str:
    return "".join(re.findall(r'class="receipt-group">(\w+)<', html))


def gps_or_camera(data: bytes) -> bool:
    """A portrait photo keeps its orientation tag; its position and camera must go."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(0x8825)) or 0x010F in exif or b"Spycam" in data


def later(monkeypatch: pytest.MonkeyPatch, minutes: int) -> None:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)
    monkeypatch.setattr(drafts, "now", lambda: moment)


def test_nothing_is_a_case_before_send_and_the_review_lists_what_cleaning_did(reporter, instance):  # type: ignore[no-untyped-def]
    page = reporter.submit(files=[("foto.jpg", gps_jpeg(6)), ("note.docx", DOCX)])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and is_review(html)
    text = text_of(html)
    assert "Vi har renset denne fil." in text and "Fjernet: hvor billedet er taget" in text
    assert "Vi kunne ikke tjekke denne fil. Den kan afsløre, hvem du er." in text
    assert "receipt-group" not in html
    assert case_count(instance) == 0
    assert len(draft_rows(instance)) == 1 and len(staged(instance)) == 2
    assert "Udbetalinger uden bilag" in html  # the text rides along in hidden fields

    sent = reporter.review(html, choices={1: "leave"})
    assert sent.status_code == 200 and len(code_of(sent.get_data(as_text=True))) == 16
    stored = stored_plaintext(instance, code_of(sent.get_data(as_text=True)))
    assert list(stored) == ["foto.jpg"] and not gps_or_camera(stored["foto.jpg"])
    assert case_count(instance) == 1
    assert draft_rows(instance) == [] and staged(instance) == []


def test_a_file_cleaning_could_not_check_needs_a_decision(reporter, instance):  # type: ignore[no-untyped-def]
    html = reporter.submit(files=[("note.docx", DOCX)]).get_data(as_text=True)
    assert 'name="replace-0"' in html and "Gem fx dokumentet som PDF" in html
    undecided = reporter.review(html, choices={0: ""})
    assert undecided.status_code == 400
    assert "Vælg, om note.docx skal sendes" in undecided.get_data(as_text=True)
    assert case_count(instance) == 0 and len(staged(instance)) == 1

    sent = reporter.review(undecided.get_data(as_text=True), choices={0: "send"})
    stored = stored_plaintext(instance, code_of(sent.get_data(as_text=True)))
    assert stored == {"note.docx": DOCX}


def test_a_file_cleaning_could_not_check_can_be_replaced_by_one_it_can(reporter, instance):  # type: ignore[no-untyped-def]
    html = reporter.submit(files=[("note.docx", DOCX)]).get_data(as_text=True)
    (old_blob,) = staged(instance)
    checked = reporter.review(
        html, action="check", replacements={0: ("note.pdf", authored_pdf("Jens Hansen"))}
    )
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200 and is_review(page)
    assert "Vi har tjekket den nye fil" in page and "Fjernet: forfatterens navn." in page
    assert "note.docx" not in page and old_blob not in staged(instance)
    assert case_count(instance) == 0

    sent = reporter.review(page)
    stored = stored_plaintext(instance, code_of(sent.get_data(as_text=True)))
    assert list(stored) == ["note.pdf"]
    assert "Jens Hansen" not in pdf_metadata(stored["note.pdf"])


def test_a_file_chosen_on_the_review_page_is_checked_before_anything_is_sent(reporter, instance):  # type: ignore[no-untyped-def]
    html = reporter.submit(files=[("note.docx", DOCX)]).get_data(as_text=True)
    # "Send" pressed with a replacement chosen: the new file is shown first, never sent unseen.
    response = reporter.review(html, replacements={0: ("foto.jpg", gps_jpeg())})
    assert is_review(response.get_data(as_text=True)) and case_count(instance) == 0


def test_a_draft_row_holds_nothing_readable_without_the_cookie(reporter, client, instance):  # type: ignore[no-untyped-def]
    before = dt.datetime.now(dt.UTC)
    reporter.submit(files=[("hemmelig-rapport.pdf", authored_pdf("Jens Hansen"))])
    after = dt.datetime.now(dt.UTC)
    (row,) = draft_rows(instance)
    assert b"hemmelig" not in row.payload and b"removed" not in row.payload
    assert b"Jens" not in row.payload
    secret = client.get_cookie(DRAFT_COOKIE, path="/report").value
    with instance.session() as session:
        other = ("y" if secret[0] == "x" else "x") + secret[1:]  # a guess one letter off
        assert drafts.open_draft(session, other) is None
        assert drafts.open_draft(session, "") is None
        opened = drafts.open_draft(session, secret)
    assert opened is not None and opened.files[0].name == "hemmelig-rapport.pdf"
    # No exact time: the expiry is a quarter-hour mark within the hour; the file has the fixed time.
    expires = row.expires if row.expires.tzinfo else row.expires.replace(tzinfo=dt.UTC)
    assert expires.minute % 15 == 0 and expires.second == 0 and expires.microsecond == 0
    assert expires - before >= dt.timedelta(minutes=45) and expires - after <= dt.timedelta(hours=1)
    assert [p.stat().st_mtime for p in instance.backend.file_store.staging.iterdir()] == [0]
    with instance.session() as session:  # a live draft's files are not leftovers to repair away
        assert check_store(session, instance.backend.file_store).stale_staging == []


def test_an_expired_draft_brings_the_text_back_and_is_swept_with_its_files(
    reporter, instance, monkeypatch
):  # type: ignore[no-untyped-def]
    html = reporter.submit(
        {**VALID, "what": "Teksten må ikke gå tabt"}, files=[("foto.jpg", gps_jpeg())]
    ).get_data(as_text=True)
    later(monkeypatch, 61)
    response = reporter.review(html)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and not is_review(page)
    assert "Dine filer blev slettet, før du sendte" in page and "Teksten må ikke gå tabt" in page
    assert case_count(instance) == 0

    with instance.session() as session, session.begin():
        assert drafts.sweep_expired(session, instance.backend.file_store)[1] == 1
    assert draft_rows(instance) == [] and staged(instance) == []


def test_wb_sweep_deletes_expired_drafts_and_their_files(reporter, instance, monkeypatch):  # type: ignore[no-untyped-def]
    from wb_cases.cli import main

    reporter.submit(files=[("foto.jpg", gps_jpeg())])
    reporter.client.delete_cookie(DRAFT_COOKIE, path="/report")
    reporter.submit(files=[("foto.jpg", gps_jpeg())])
    env = {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
    }
    runner = CliRunner()
    fresh = runner.invoke(main, ["sweep"], env=env)
    assert fresh.exit_code == 0 and "deleted 0 draft(s)" in fresh.output
    assert len(draft_rows(instance)) == 2
    later(monkeypatch, 61)
    swept = runner.invoke(main, ["sweep"], env=env)
    assert swept.exit_code == 0, swept.output
    assert "deleted 2 draft(s)" in swept.output
    assert draft_rows(instance) == [] and staged(instance) == []


def test_a_new_draft_sweeps_the_expired_ones(reporter, instance, monkeypatch):  # type: ignore[no-untyped-def]
    reporter.submit(files=[("foto.jpg", gps_jpeg())])
    later(monkeypatch, 61)
    reporter.submit(files=[("notat.pdf", authored_pdf())])
    (row,) = draft_rows(instance)
    assert len(staged(instance)) == 1 and staged(instance) == row.blobs.split()


def test_sending_twice_files_one_case(reporter, instance):  # type: ignore[no-untyped-def]
    html = reporter.submit(files=[("foto.jpg", gps_jpeg())]).get_data(as_text=True)
    assert reporter.review(html).status_code == 200
    again = reporter.review(html)
    assert again.status_code == 409 and "receipt-group" not in again.get_data(as_text=True)
    assert case_count(instance) == 1


def test_changing_the_text_drops_the_draft_and_keeps_the_text(reporter, instance):  # type: ignore[no-untyped-def]
    html = reporter.submit(
        {**VALID, "who": "Kontorchefen"}, files=[("foto.jpg", gps_jpeg())]
    ).get_data(as_text=True)
    response = reporter.review(html, action="edit")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'action="/report"' in page
    assert "Kontorchefen" in page and "Vælg dine filer igen" in page
    assert draft_rows(instance) == [] and staged(instance) == [] and case_count(instance) == 0


def test_a_report_without_files_needs_no_review(reporter, instance):  # type: ignore[no-untyped-def]
    response = reporter.submit()
    assert len(code_of(response.get_data(as_text=True))) == 16
    with instance.session() as session:
        assert session.scalar(select(func.count()).select_from(Draft)) == 0


def test_a_receipt_login_sweeps_expired_drafts_and_sessions(reporter, instance, monkeypatch):  # type: ignore[no-untyped-def]
    code = reporter.file()
    reporter.client.delete_cookie(DRAFT_COOKIE, path="/report")
    reporter.submit(files=[("foto.jpg", gps_jpeg())])
    later(monkeypatch, 61)
    assert reporter.login(code).status_code == 303
    assert draft_rows(instance) == [] and staged(instance) == []


def test_an_older_review_page_cannot_send_files_its_reader_never_saw(reporter, instance):  # type: ignore[no-untyped-def]
    seen = reporter.submit(files=[("note.pdf", authored_pdf("A B"))]).get_data(as_text=True)
    reporter.submit(files=[("note.docx", DOCX)])  # a second tab's draft takes the cookie
    response = reporter.review(seen)
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and is_review(page) and "note.docx" in page
    assert case_count(instance) == 0
