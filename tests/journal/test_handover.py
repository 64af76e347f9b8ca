"""Hand-over when staff leave: all of a member's cases move in one audited act."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import TODAY
from tests.helpers import file_report
from tests.wb_backoffice.conftest import add_member, post
from wb_cases.db import transaction
from wb_cases.models import AuditEntry, Case, Staff
from wb_cases.models.staff import Role
from wb_cases.services import handover


def _member(db, username: str) -> Staff:  # type: ignore[no-untyped-def]
    return db.scalar(select(Staff).where(Staff.username == username))


def test_hand_over_reassigns_every_case_of_a_member_and_is_audited(instance, db):  # type: ignore[no-untyped-def]
    add_member(instance, db, "anna", Role.CASEWORKER)
    add_member(instance, db, "bo", Role.CASEWORKER)
    anna, bo = _member(db, "anna"), _member(db, "bo")
    cases = [file_report(instance, db).case_id for _ in range(3)]
    other = file_report(instance, db).case_id
    with transaction(db):
        for case_id in cases:
            handover.assign_case(db, case_id, anna.id, staff_id="test", today=TODAY)
    with transaction(db):
        moved = handover.hand_over_cases(db, anna.id, bo.id, staff_id="test", today=TODAY)
    assert len(moved) == 3
    db.expire_all()
    assert {db.get(Case, c).assigned_staff_id for c in cases} == {bo.id}
    assert db.get(Case, other).assigned_staff_id is None
    entries = list(
        db.scalars(
            select(AuditEntry).where(
                AuditEntry.action.in_(["case.reassigned", "staff.cases_handed_over"])
            )
        )
    )
    assert sum(e.action == "case.reassigned" for e in entries) == 3
    summary = [e for e in entries if e.action == "staff.cases_handed_over"][0]
    assert summary.detail == {"from": anna.id, "to": bo.id, "cases": 3}
    with pytest.raises(handover.HandOverError), transaction(db):
        handover.hand_over_cases(db, bo.id, bo.id, staff_id="test", today=TODAY)


def test_the_hand_over_page_moves_the_cases_and_removes_the_member(instance, db, head_client):  # type: ignore[no-untyped-def]
    add_member(instance, db, "anna", Role.CASEWORKER)
    add_member(instance, db, "bo", Role.CASEWORKER)
    anna, bo = _member(db, "anna"), _member(db, "bo")
    case_id = file_report(instance, db).case_id
    post(
        head_client,
        f"/cases/{case_id}/assign",
        {"staff_id": anna.id},
        token_from=f"/cases/{case_id}",
    )
    db.expire_all()
    assert db.get(Case, case_id).assigned_staff_id == anna.id
    assert "Anna" in head_client.get("/admin/handover").get_data(as_text=True)
    response = post(
        head_client,
        "/admin/handover",
        {"from_staff": anna.id, "to_staff": bo.id, "remove": "y"},
        token_from="/admin/handover",
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Case, case_id).assigned_staff_id == bo.id
    assert _member(db, "anna").active is False
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "staff.cases_handed_over"))
    assert "Overdrag en medarbejders sager" in head_client.get("/admin/staff").get_data(
        as_text=True
    )
