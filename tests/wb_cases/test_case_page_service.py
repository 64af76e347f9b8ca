"""The case page and downloads as services: one read, decrypted, audited; nothing crosses cases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.errors import NotFoundError
from wb_cases.models import Attachment, AuditEntry, Deadline
from wb_cases.services import case_page, keyring

TODAY = dt.date(2026, 3, 2)


def _actions(db, case_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    rows = db.scalars(select(AuditEntry.action).where(AuditEntry.case_id == case_id))
    return list(rows)


def test_reading_the_case_page_decrypts_it_and_leaves_one_audit_entry(instance, db):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, answers={"what": "Fakturaer"})
    keys = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    before = _actions(db, filed.case_id).count("case.viewed")
    with transaction(db):
        page = case_page.read_case_page(db, keys, filed.case_id, staff_id="leder", today=TODAY)
    assert page.file.report["what"] == "Fakturaer" and page.row.id == filed.case_id
    assert [d.kind for d in page.deadlines] == [d.kind for d in page.row.deadlines]
    assert _actions(db, filed.case_id).count("case.viewed") == before + 1


def test_a_download_is_audited_and_a_file_of_another_case_is_refused(instance, db):  # type: ignore[no-untyped-def]
    mine = file_report(instance, db, files=[("bilag.txt", b"indhold")])
    other = file_report(instance, db)
    keys = keyring.unlock_with_recovery_key(db, instance.recovery_key)
    file_id = db.scalar(select(Attachment.id).where(Attachment.case_id == mine.case_id))
    assert file_id is not None
    with pytest.raises(NotFoundError):
        case_page.open_attachment(
            db, instance.backend.file_store, keys, other.case_id, file_id, staff_id="x", today=TODAY
        )
    assert "attachment.downloaded" not in _actions(db, other.case_id)
    with transaction(db):
        download = case_page.open_attachment(
            db, instance.backend.file_store, keys, mine.case_id, file_id, staff_id="x", today=TODAY
        )
    assert download.name == "bilag.txt" and b"".join(download.chunks) == b"indhold"
    assert "attachment.downloaded" in _actions(db, mine.case_id)


def test_a_deadline_of_another_case_is_not_found(instance, db):  # type: ignore[no-untyped-def]
    mine, other = file_report(instance, db), file_report(instance, db)
    deadline_id = db.scalar(select(Deadline.id).where(Deadline.case_id == mine.case_id))
    assert deadline_id is not None
    assert case_page.deadline_of_case(db, mine.case_id, deadline_id).id == deadline_id
    with pytest.raises(NotFoundError):
        case_page.deadline_of_case(db, other.case_id, deadline_id)
