"""The inbox answers "what needs me?": new reports and unread reporter messages are marked,
with the owner of each case; opening the case clears the unread mark."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.helpers import file_report, intake_keys
from wb_cases.db import transaction
from wb_cases.models import Case, Staff
from wb_cases.services.reporter_access import add_reporter_message, open_case_with_receipt


def _row(page: str, number: str) -> str:
    return page.split(number, 1)[1].split("</tr>", 1)[0]


def test_a_new_report_is_marked_new_and_unowned(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, today=dt.date(2026, 3, 2))
    row = _row(head_client.get("/").get_data(as_text=True), filed.number)
    assert 'class="mark new"' in row
    assert "ingen" in row
    assert 'class="mark unread"' not in row


def test_a_reporter_message_marks_the_case_until_a_member_opens_it(
    instance, db, head_client
) -> None:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, today=dt.date(2026, 3, 2))
    leder = db.scalar(select(Staff).where(Staff.role == "head"))
    with transaction(db):
        db.get(Case, filed.case_id).assigned_staff_id = leder.id
    access = open_case_with_receipt(db, filed.receipt_code, intake_keys(instance))
    with transaction(db):
        add_reporter_message(
            db, access, "Mere om sagen", instance.backend.file_store, today=dt.date(2026, 3, 3)
        )
    row = _row(head_client.get("/").get_data(as_text=True), filed.number)
    assert 'class="mark unread"' in row
    assert leder.display_name in row

    assert head_client.get(f"/cases/{filed.case_id}").status_code == 200
    row = _row(head_client.get("/").get_data(as_text=True), filed.number)
    assert 'class="mark unread"' not in row


def test_subjects_show_and_words_number_and_owner_search(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    fakturaer = file_report(instance, db, answers={"what": "Fakturaer uden levering\nmere"})
    vikarer = file_report(instance, db, answers={"what": "Vikarer uden kontrakt"})
    page = head_client.get("/").get_data(as_text=True)
    assert "Fakturaer uden levering" in _row(page, fakturaer.number)
    assert "mere" not in _row(page, fakturaer.number)  # the first line only

    found = head_client.get("/?words=faktura+LEVERING").get_data(as_text=True)
    assert fakturaer.number in found and vikarer.number not in found
    by_number = head_client.get(f"/?number={vikarer.number}").get_data(as_text=True)
    assert vikarer.number in by_number and fakturaer.number not in by_number

    leder = db.scalar(select(Staff).where(Staff.role == "head"))
    with transaction(db):
        db.get(Case, vikarer.case_id).assigned_staff_id = leder.id
    mine = head_client.get(f"/?owner={leder.id}").get_data(as_text=True)
    assert vikarer.number in mine and fakturaer.number not in mine
    unowned = head_client.get("/?owner=none").get_data(as_text=True)
    assert fakturaer.number in unowned and vikarer.number not in unowned


def test_bulk_assignment_gives_every_ticked_case_to_one_member(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    from .conftest import post

    first = file_report(instance, db)
    second = file_report(instance, db)
    third = file_report(instance, db)
    leder = db.scalar(select(Staff).where(Staff.role == "head"))
    response = post(
        head_client,
        "/cases/assign",
        {"case_id": [first.case_id, second.case_id], "assignee": leder.id},
        token_from="/",
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Case, first.case_id).assigned_staff_id == leder.id
    assert db.get(Case, second.case_id).assigned_staff_id == leder.id
    assert db.get(Case, third.case_id).assigned_staff_id is None
