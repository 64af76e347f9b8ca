"""Filing a report through the portal: receipt after commit, errors keep the text, limits hold."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tests.helpers import intake_keys
from tests.wb_portal.actors import VALID, csrf_token, hidden, text_of
from tests.wb_portal.samples import authored_pdf, gps_jpeg, has_gps, pdf_metadata
from wb_cases.models import Attachment, Case
from wb_cases.services.casefile import read_case_as_staff
from wb_cases.services.keyring import unlock_with_recovery_key
from wb_cases.services.reporter_access import open_case_with_receipt

MIB = 1024 * 1024


def stored_files(instance) -> list[Path]:  # type: ignore[no-untyped-def]
    return [p for p in Path(instance.common.paths.files_dir).rglob("*") if p.is_file()]


def case_count(instance) -> int:  # type: ignore[no-untyped-def]
    with instance.session() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def stored_plaintext(instance, code: str) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """What the unit will see: every attachment of the case, decrypted with the unit key."""
    from wb_cases.services.attachments import stream_attachment
    from wb_cases.services.casefile import case_key_for_staff, load_case

    with instance.session() as session:
        access = open_case_with_receipt(session, code, intake_keys(instance))
        keys = unlock_with_recovery_key(session, instance.recovery_key)
        view = read_case_as_staff(session, keys, access.case_id)
        case = load_case(session, access.case_id)
        case_key = case_key_for_staff(case, keys)
        rows = {row.id: row for row in case.attachments}
        return {
            a.name: b"".join(stream_attachment(instance.backend.file_store, rows[a.id], case_key))
            for a in view.attachments
        }


def test_report_is_committed_and_the_receipt_is_shown_once_without_caching(reporter, instance):  # type: ignore[no-untyped-def]
    response = reporter.submit()
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert case_count(instance) == 1
    code = "".join(__import__("re").findall(r'class="receipt-group">(\w+)<', html))
    assert code not in response.headers.get("Location", "")
    with instance.session() as session:
        assert open_case_with_receipt(session, code, intake_keys(instance))
    assert "7" in text_of(html) or "december" in text_of(html).lower()


def test_resending_the_same_form_files_nothing_twice(reporter, client, instance):  # type: ignore[no-untyped-def]
    page = client.get("/report").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "nonce": hidden(page, "nonce"), **VALID}
    assert client.post("/report", data=data).status_code == 200
    again = client.post("/report", data=data)
    assert again.status_code == 409
    assert "receipt-group" not in again.get_data(as_text=True)
    assert case_count(instance) == 1


def test_errors_keep_the_text_and_say_what_to_fix(reporter, instance):  # type: ignore[no-untyped-def]
    answers = {
        **VALID,
        "relation": "",
        "what": "",
        "who": "Kontorchefen <b>X</b>",
        "anonymity": "confidential",
        "name": "",
    }
    response = reporter.submit(answers, files=[("bilag.txt", b"x")])
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Kontorchefen &lt;b&gt;X&lt;/b&gt;" in html  # kept, and escaped
    assert 'href="#relation-0"' in html and 'href="#what"' in html and 'href="#name"' in html
    assert (
        "Beskriv, hvad der er sket" in html and "Skriv dit navn, eller vælg at være anonym" in html
    )
    assert 'aria-describedby="what-hint what-error"' in html
    assert "Vælg dine filer igen" in html
    assert case_count(instance) == 0
    assert stored_files(instance) == []


def test_an_anonymous_report_may_not_carry_a_name(reporter):  # type: ignore[no-untyped-def]
    response = reporter.submit({**VALID, "name": "Jens Hansen"})
    assert response.status_code == 400
    assert "Slet dit navn" in response.get_data(as_text=True)


def test_a_confidential_reporters_identity_is_sealed_for_the_custodian(reporter, instance):  # type: ignore[no-untyped-def]
    code = reporter.file(
        answers={
            **VALID,
            "anonymity": "confidential",
            "name": "Jens Hansen",
            "contact": "jens@example.org",
        }
    )
    with instance.session() as session:
        case = session.scalar(select(Case))
        assert case.anonymous is False and case.identity_sealed is not None
        assert b"Jens" not in case.identity_sealed
        assert open_case_with_receipt(session, code, intake_keys(instance))


def test_metadata_is_stripped_from_a_gps_jpeg_and_an_authored_pdf(reporter, instance):  # type: ignore[no-untyped-def]
    jpeg, pdf = gps_jpeg(), authored_pdf("Jens Hansen")
    assert has_gps(jpeg) and "Jens Hansen" in pdf_metadata(pdf)
    response = reporter.submit_and_send(files=[("foto.jpg", jpeg), ("notat.pdf", pdf)])
    html = response.get_data(as_text=True)
    assert "Fjernet: hvor billedet er taget (GPS-position)." in html
    assert "Fjernet: forfatterens navn." in html
    code = "".join(__import__("re").findall(r'class="receipt-group">(\w+)<', html))
    stored = stored_plaintext(instance, code)
    assert not has_gps(stored["foto.jpg"])
    assert "Jens Hansen" not in pdf_metadata(stored["notat.pdf"])
    assert b"Jens Hansen" not in stored["notat.pdf"]
    assert list(instance.backend.file_store.staging.iterdir()) == []


def test_a_file_kept_as_sent_is_stored_unchanged_and_the_reporter_is_told(reporter, instance):  # type: ignore[no-untyped-def]
    jpeg = gps_jpeg()
    response = reporter.submit_and_send(
        originals=[("bevis.jpg", jpeg)],
        files=[("note.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word")],
    )
    html = response.get_data(as_text=True)
    assert "Gemt præcis som sendt, som du valgte." in html
    assert "Gemt som sendt: vi kan ikke rense denne filtype." in html
    code = "".join(__import__("re").findall(r'class="receipt-group">(\w+)<', html))
    assert stored_plaintext(instance, code)["bevis.jpg"] == jpeg


class MultipartBody(io.RawIOBase):
    """A multipart body with one huge file part, produced as it is read (never held in memory)."""

    def __init__(
        self, fields: dict[str, str], file_size: int, boundary: str = "wbboundary"
    ) -> None:
        self.boundary = boundary
        head = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in fields.items()
        )
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        self.head, self.tail = head.encode(), f"\r\n--{boundary}--\r\n".encode()
        self.file_size = file_size
        self.length = len(self.head) + file_size + len(self.tail)
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        self.pos = self.length + offset if whence == 2 else offset
        return self.pos

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = 0
        while n < len(buffer) and self.pos < self.length:
            if self.pos < len(self.head):
                chunk = self.head[self.pos : self.pos + len(buffer) - n]
            elif self.pos < len(self.head) + self.file_size:
                left = len(self.head) + self.file_size - self.pos
                chunk = b"\0" * min(left, len(buffer) - n)
            else:
                start = self.pos - len(self.head) - self.file_size
                chunk = self.tail[start : start + len(buffer) - n]
            buffer[n : n + len(chunk)] = chunk
            n += len(chunk)
            self.pos += len(chunk)
        return n


def test_a_150_mib_upload_gets_413_and_leaves_no_row_and_no_file(client, instance):  # type: ignore[no-untyped-def]
    page = client.get("/report").get_data(as_text=True)
    body = MultipartBody(
        {"csrf_token": csrf_token(page), "nonce": hidden(page, "nonce"), **VALID}, 150 * MIB
    )
    response = client.post(
        "/report",
        input_stream=body,
        content_length=body.length,
        content_type=f"multipart/form-data; boundary={body.boundary}",
    )
    assert response.status_code == 413
    assert "En fil er for stor" in response.get_data(as_text=True)
    assert "100 MB" in response.get_data(as_text=True)
    assert case_count(instance) == 0
    assert stored_files(instance) == []


def test_too_many_files_get_413_and_nothing_is_stored(reporter, instance):  # type: ignore[no-untyped-def]
    response = reporter.submit(files=[(f"f{i}.txt", b"x") for i in range(11)])
    assert response.status_code == 413
    assert "For mange filer" in response.get_data(as_text=True)
    assert case_count(instance) == 0
    assert stored_files(instance) == []


def test_a_database_failure_shows_an_error_keeps_the_text_and_leaves_nothing(
    reporter, instance, monkeypatch
):  # type: ignore[no-untyped-def]
    def broken_commit(self: Session) -> None:
        raise OperationalError("COMMIT", {}, Exception("the database went away"))

    monkeypatch.setattr(Session, "commit", broken_commit)
    answers = {**VALID, "what": "Særlig tekst der skal bevares"}
    response = reporter.submit(answers, files=[("foto.jpg", gps_jpeg()), ("a.txt", b"y" * 300_000)])
    monkeypatch.undo()
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Din indberetning blev ikke sendt" in html
    assert "Særlig tekst der skal bevares" in html
    assert "receipt-group" not in html
    assert case_count(instance) == 0
    assert stored_files(instance) == []
    with instance.session() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_csrf_is_enforced_on_the_report_form(client, instance):  # type: ignore[no-untyped-def]
    client.get("/report")
    response = client.post("/report", data={**VALID, "csrf_token": "forged"})
    assert response.status_code == 400
    assert "Siden er udløbet" in response.get_data(as_text=True)
    assert case_count(instance) == 0


@pytest.mark.parametrize("path", ["/followup", "/followup/case", "/followup/logout"])
def test_csrf_is_enforced_on_every_other_form(client, path):  # type: ignore[no-untyped-def]
    assert client.post(path, data={"code": "x", "text": "y"}).status_code == 400


def test_a_pinned_today_dates_the_case_and_the_receipt_page_alike(app, reporter, instance):  # type: ignore[no-untyped-def]
    import datetime as dt

    from wb_cases.services.casefile import load_case
    from wb_portal.texts import long_date

    pinned = dt.date(2026, 3, 2)
    app.config["WB_TODAY"] = pinned
    html = reporter.submit().get_data(as_text=True)
    code = "".join(__import__("re").findall(r'class="receipt-group">(\w+)<', html))
    with instance.session() as session:
        case = load_case(
            session, open_case_with_receipt(session, code, intake_keys(instance)).case_id
        )
        assert case.received == pinned
        ack_due, feedback_due = case.ack_due, case.feedback_due
    assert ack_due == dt.date(2026, 3, 9)  # seven days later, a Monday
    with app.test_request_context():
        shown = [long_date(ack_due), long_date(feedback_due)]
    for date_text in shown:
        assert date_text in html
