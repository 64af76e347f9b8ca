"""Nothing typed is lost: a refused file, too many files, an expired form or an ended session
bring the page back with the text filled in and a plain explanation, and store nothing."""

from __future__ import annotations

import dataclasses
import io

from sqlalchemy import delete

from tests.wb_portal.actors import VALID, csrf_token, hidden, hidden_fields, text_of
from tests.wb_portal.samples import gps_jpeg
from tests.wb_portal.test_report import case_count, stored_files
from wb_cases.db import transaction
from wb_cases.models import LoginSession

MIB = 1024 * 1024


class BrowserOrderBody(io.RawIOBase):
    """A multipart body as a browser sends the report form: text, then a file, then the
    fields below the file input (anonymity, name, contact). The file is made as it is read."""

    def __init__(self, before: dict[str, str], file_size: int, after: dict[str, str]) -> None:
        self.boundary = "wbboundary"
        head = "".join(self._field(k, v) for k, v in before.items())
        head += (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="stor.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        tail = "\r\n" + "".join(self._field(k, v) for k, v in after.items())
        tail += f"--{self.boundary}--\r\n"
        self.head, self.tail, self.file_size = head.encode(), tail.encode(), file_size
        self.length = len(self.head) + file_size + len(self.tail)
        self.pos = 0

    def _field(self, name: str, value: str) -> str:
        return (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )

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
            body_end = len(self.head) + self.file_size
            if self.pos < len(self.head):
                chunk = self.head[self.pos : self.pos + len(buffer) - n]
            elif self.pos < body_end:
                chunk = b"\0" * min(body_end - self.pos, len(buffer) - n)
            else:
                start = self.pos - body_end
                chunk = self.tail[start : start + len(buffer) - n]
            buffer[n : n + len(chunk)] = chunk
            n += len(chunk)
            self.pos += len(chunk)
        return n


def test_a_101_mib_file_brings_the_form_back_filled_in(client, instance):  # type: ignore[no-untyped-def]
    page = client.get("/report").get_data(as_text=True)
    before = {"csrf_token": csrf_token(page), "nonce": hidden(page, "nonce"), **VALID}
    before.pop("anonymity")
    after = {"anonymity": "confidential", "name": "Jens Hansen", "contact": "+45 12345678"}
    body = BrowserOrderBody(before, 101 * MIB, after)
    response = client.post(
        "/report",
        input_stream=body,
        content_length=body.length,
        content_type=f"multipart/form-data; boundary={body.boundary}",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 413 and 'action="/report"' in html
    assert "En fil er for stor" in html and "100 MB" in html
    assert "Din tekst står stadig nedenfor" in html
    assert VALID["what"] in html and VALID["how_known"] in html
    assert 'value="Jens Hansen"' in html and 'value="+45 12345678"' in html  # after the file
    assert case_count(instance) == 0 and stored_files(instance) == []


def test_too_many_files_bring_the_form_back_filled_in(reporter, instance):  # type: ignore[no-untyped-def]
    answers = {**VALID, "what": "Elleve bilag var for mange"}
    response = reporter.submit(answers, files=[(f"f{i}.txt", b"x") for i in range(11)])
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "For mange filer" in html and "Du kan højst sende 10 filer ad gangen" in html
    assert "Elleve bilag var for mange" in html and "Vælg dine filer igen" in html
    assert case_count(instance) == 0 and stored_files(instance) == []


def test_an_expired_report_form_comes_back_filled_in(client, instance):  # type: ignore[no-untyped-def]
    client.get("/report")
    answers = {**VALID, "what": "Skrevet mens siden udløb"}
    response = client.post(
        "/report",
        data={**answers, "csrf_token": "udløbet", "attachments": (io.BytesIO(b"x"), "a.txt")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Siden er udløbet" in html and "Skrevet mens siden udløb" in html
    assert "Vælg dine filer igen" in html
    fresh = csrf_token(html)  # the page carries a working token: sending again files the case
    retry = client.post("/report", data={**answers, "csrf_token": fresh, "nonce": "n1"})
    assert retry.status_code == 200 and case_count(instance) == 1


def test_an_expired_review_form_comes_back_as_the_filled_in_form(reporter, instance):  # type: ignore[no-untyped-def]
    html = reporter.submit(
        {**VALID, "what": "Gennemset, men udløbet"}, files=[("foto.jpg", gps_jpeg())]
    ).get_data(as_text=True)
    data = {**hidden_fields(html), "csrf_token": "udløbet", "file-0": "send", "action": "send"}
    response = reporter.client.post("/report/review", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Siden er udløbet" in page
    assert "Gennemset, men udløbet" in page and case_count(instance) == 0


def _end_reporter_sessions(instance) -> None:  # type: ignore[no-untyped-def]
    with instance.session() as session, transaction(session):
        session.execute(delete(LoginSession))


def test_a_follow_up_typed_after_the_session_ended_is_kept_through_the_login(
    reporter, client, instance
):  # type: ignore[no-untyped-def]
    code = reporter.file()
    reporter.login(code)
    page = reporter.case_page().get_data(as_text=True)
    _end_reporter_sessions(instance)
    response = client.post(
        "/followup/case", data={"csrf_token": csrf_token(page), "text": "Mit lange svar"}
    )
    html = response.get_data(as_text=True)
    assert "Din besked blev ikke sendt" in html and 'value="Mit lange svar"' in html
    login = client.post(
        "/followup",
        data={"csrf_token": csrf_token(html), "code": code, "carried": "Mit lange svar"},
    )
    case = login.get_data(as_text=True)
    assert login.status_code == 200 and "Din besked er ikke sendt endnu" in case
    assert "Mit lange svar</textarea>" in case
    assert "Mit lange svar" not in text_of(case.split('id="answer"')[0])  # not in the thread
    sent = reporter.send_message("Mit lange svar")
    assert sent.status_code == 303


def test_an_expired_follow_up_form_keeps_the_text_while_the_session_lives(reporter, client):  # type: ignore[no-untyped-def]
    reporter.login(reporter.file())
    response = client.post("/followup/case", data={"csrf_token": "udløbet", "text": "Vigtigt svar"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Siden var udløbet" in html
    assert "Vigtigt svar</textarea>" in html


def test_a_follow_up_file_too_large_keeps_the_text(reporter, app):  # type: ignore[no-untyped-def]
    app.extensions["wb_uploads"] = dataclasses.replace(app.extensions["wb_uploads"], max_bytes=1024)
    reporter.login(reporter.file())
    response = reporter.send_message("Svar med for stor fil", files=[("stor.bin", b"x" * 4096)])
    html = response.get_data(as_text=True)
    assert response.status_code == 413 and "En fil er for stor." in html
    assert "Svar med for stor fil</textarea>" in html
