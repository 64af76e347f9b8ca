"""Following up with the receipt: one generic answer, status, messages both ways, logout."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.conftest import ADMIN
from tests.helpers import intake_keys
from tests.wb_portal.actors import csrf_token, text_of
from wb_cases.db import transaction
from wb_cases.models import LoginSession
from wb_cases.models.staff import Staff
from wb_cases.services.casefile import add_unit_message, read_case_as_staff
from wb_cases.services.keyring import unlock_with_recovery_key
from wb_cases.services.reporter_access import open_case_with_receipt


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
            today=__import__("datetime").date(2026, 3, 3),
        )


def normalised(html: str) -> str:
    return re.sub(r'value="[^"]*"', 'value=""', html)


def test_fifty_wrong_receipts_are_all_answered_the_same_way(reporter, client):  # type: ignore[no-untyped-def]
    reporter.file()
    page = client.get("/followup").get_data(as_text=True)
    token = csrf_token(page)
    wrong = ["0000-0000-0000-0000", "not a code", "K7QM2XHD9FRATW3", "K7QM-2XHD-9FRA-TW3CX"]
    wrong += [f"{i:04d}-ABCD-EFGH-JKMN" for i in range(46)]
    answers = set()
    for code in wrong:
        response = client.post("/followup", data={"csrf_token": token, "code": code})
        assert code not in response.get_data(as_text=True)
        answers.add((response.status_code, normalised(response.get_data(as_text=True))))
    assert len(wrong) == 50
    assert len(answers) == 1, "\n".join(
        __import__("difflib").unified_diff(*[a[1].splitlines() for a in list(answers)[:2]])
    )
    status, html = answers.pop()
    assert status == 400 and "Vi kunne ikke åbne en sag med den kode" in html
    assert "wb_reporter" not in str(client.get_cookie("wb_reporter"))


def test_the_reporter_sees_status_dates_and_the_units_message_and_can_answer(
    reporter, client, instance
):  # type: ignore[no-untyped-def]
    code = reporter.file()
    post_staff_message(instance, code, "Tak. Kan du sende bilagene?")
    response = reporter.login(code.lower())
    assert response.status_code == 303
    cookie = response.headers.getlist("Set-Cookie")
    assert any(
        "wb_reporter=" in c and "HttpOnly" in c and "Secure" in c and "SameSite=Strict" in c
        for c in cookie
    )
    page = text_of(reporter.case_page().get_data(as_text=True))
    assert "Modtaget. Vi bekræfter modtagelsen inden for 7 dage." in page
    assert "Tak. Kan du sende bilagene?" in page and "Whistleblowerenheden" in page
    review = reporter.send_message("Her er de.", files=[("bilag.txt", b"data")])
    assert review.status_code == 200  # files are reviewed before they are sent
    sent = reporter.review_message(review.get_data(as_text=True))
    assert sent.status_code == 303
    page = text_of(reporter.case_page().get_data(as_text=True))
    assert "Din besked er sendt." in page and "Her er de." in page and "bilag.txt" in page
    with instance.session() as session:
        keys = unlock_with_recovery_key(session, instance.recovery_key)
        access = open_case_with_receipt(session, code, intake_keys(instance))
        texts = [m.text for m in read_case_as_staff(session, keys, access.case_id).messages]
    assert texts == ["Tak. Kan du sende bilagene?", "Her er de."]


def test_an_empty_message_is_refused_with_a_precise_error(reporter):  # type: ignore[no-untyped-def]
    reporter.login(reporter.file())
    response = reporter.send_message("")
    assert response.status_code == 400
    assert "Skriv en besked, eller vedhæft en fil" in response.get_data(as_text=True)


def test_the_reporter_can_download_a_file_as_an_attachment_only(reporter):  # type: ignore[no-untyped-def]
    reporter.login(reporter.file(files=[("a.txt", b"hello")]))
    page = reporter.case_page().get_data(as_text=True)
    link = re.search(r'href="(/followup/files/[0-9a-f]+)"', page).group(1)
    response = reporter.client.get(link)
    assert response.data == b"hello"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Type"] == "application/octet-stream"


def test_logout_deletes_the_session_row(reporter, client, instance):  # type: ignore[no-untyped-def]
    reporter.login(reporter.file())
    with instance.session() as session:
        assert session.scalar(select(LoginSession)) is not None
    assert reporter.logout().status_code == 303
    with instance.session() as session:
        assert session.scalar(select(LoginSession)) is None
    assert client.get("/followup/case").status_code == 302


def test_the_case_page_needs_a_session(client):  # type: ignore[no-untyped-def]
    client.set_cookie("wb_reporter", "forged", path="/followup")
    response = client.get("/followup/case")
    assert response.status_code == 302 and response.headers["Location"].endswith("/followup")


def test_a_burst_of_receipt_logins_is_throttled_without_keying_on_anyone(instance):  # type: ignore[no-untyped-def]
    from wb_portal import create_app

    client = create_app(
        instance.portal, PORTAL_RECEIPT_BURST=2, PORTAL_RECEIPT_PER_SECOND=0.001
    ).test_client()
    token = csrf_token(client.get("/followup").get_data(as_text=True))
    statuses = [
        client.post(
            "/followup", data={"csrf_token": token, "code": "0000-0000-0000-0000"}
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [400, 400, 503]


def test_a_file_name_with_a_direction_override_is_shown_inert(reporter, instance, db):  # type: ignore[no-untyped-def]
    from tests.helpers import file_report

    filed = file_report(instance, db, files=[("kvittering\u202efdp.exe", b"MZ")])
    reporter.login(filed.receipt_code)
    html = reporter.case_page().get_data(as_text=True)
    assert "\u202e" not in html
    assert "kvittering\ufffdfdp.exe" in html
