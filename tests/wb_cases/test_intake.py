"""Filing a report: the receipt opens the case; a failure leaves no row and no file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

import policies
from tests.helpers import file_report, intake_keys, stage
from wb_cases.db import transaction
from wb_cases.errors import UnknownReceiptError
from wb_cases.models import Attachment, Case, Deadline
from wb_cases.services import intake
from wb_cases.services.intake import Identity, NewReport
from wb_cases.services.reporter_access import (
    add_reporter_message,
    open_case_with_receipt,
    read_case_as_reporter,
)


def _stored_files(instance) -> list[Path]:  # type: ignore[no-untyped-def]
    return [p for p in Path(instance.common.paths.files_dir).rglob("*") if p.is_file()]


def test_receipt_opens_the_report_with_its_attachments(instance, db):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, files=[("bilag.txt", b"hello"), ("tom.bin", b"")])
    access = open_case_with_receipt(db, filed.receipt_code, intake_keys(instance))
    view = read_case_as_reporter(db, access)
    assert view.number == filed.number
    assert view.report["what"].startswith("Udbetalinger")
    assert sorted(a.name for a in view.attachments) == ["bilag.txt", "tom.bin"]


def test_receipt_is_accepted_with_dashes_spaces_and_lower_case(instance, db):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    code = filed.receipt_code
    sloppy = f" {code[:4].lower()}-{code[4:8]} {code[8:12]}-{code[12:].lower()} "
    assert open_case_with_receipt(db, sloppy, intake_keys(instance)).case_id == filed.case_id


@pytest.mark.parametrize("code", ["", "not a code", "0000-0000-0000-0000", "K7QM-2XHD-9FRA-TW3"])
def test_wrong_receipts_get_the_same_generic_error(instance, db, code):  # type: ignore[no-untyped-def]
    file_report(instance, db)
    with pytest.raises(UnknownReceiptError) as raised:
        open_case_with_receipt(db, code, intake_keys(instance))
    assert str(raised.value) == ""


def test_new_case_gets_acknowledgement_and_feedback_deadlines(instance, db):  # type: ignore[no-untyped-def]
    received = dt.date(2026, 3, 2)
    filed = file_report(instance, db, today=received)
    case = db.get(Case, filed.case_id)
    settings = policies.DeadlineSettings()
    assert case.ack_due == policies.acknowledgement_deadline(received, settings).due
    assert case.feedback_due == policies.provisional_feedback_deadline(received, settings).due
    kinds = {d.kind for d in db.scalars(select(Deadline).where(Deadline.case_id == case.id))}
    assert len(kinds) == 2
    assert case.number == "WB-2026-0001"
    assert file_report(instance, db).number == "WB-2026-0002"


def test_a_failure_before_commit_leaves_no_row_and_no_file(instance, db, monkeypatch):  # type: ignore[no-untyped-def]
    file_store = instance.backend.file_store
    staged = [stage(file_store, "a.txt", b"x" * 200_000), stage(file_store, "b.txt", b"y")]

    def broken_flush(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        with transaction(db):
            intake.file_report(
                db,
                NewReport(answers={"what": "x"}, anonymous=True, attachments=staged),
                intake_keys(instance),
                file_store,
                today=dt.date(2026, 3, 2),
                settings=policies.DeadlineSettings(),
            )
            monkeypatch.setattr(db, "commit", broken_flush)
            raise RuntimeError("database went away")
    monkeypatch.undo()
    assert db.scalar(select(func.count()).select_from(Case)) == 0
    assert db.scalar(select(func.count()).select_from(Attachment)) == 0
    assert [p for p in _stored_files(instance) if "staging" not in p.parts] == []


def test_a_failed_commit_deletes_the_files_it_stored(instance, db):  # type: ignore[no-untyped-def]
    """The unique receipt tag is the last line of defence: a clash makes commit fail."""
    first = file_report(instance, db)
    file_store = instance.backend.file_store
    staged = [stage(file_store, "c.txt", b"z" * 70_000)]
    existing = db.get(Case, first.case_id).receipt_lookup
    with pytest.raises(Exception):
        with transaction(db):
            filed = intake.file_report(
                db,
                NewReport(answers={"what": "x"}, anonymous=True, attachments=staged),
                intake_keys(instance),
                file_store,
                today=dt.date(2026, 3, 2),
                settings=policies.DeadlineSettings(),
            )
            db.get(Case, filed.case_id).receipt_lookup = existing
    assert db.scalar(select(func.count()).select_from(Case)) == 1
    assert db.scalar(select(func.count()).select_from(Attachment)) == 0
    assert [p for p in _stored_files(instance) if "staging" not in p.parts] == []


def test_confidential_report_needs_an_identity(instance, db):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        intake.file_report(
            db,
            NewReport(answers={"what": "x"}, anonymous=False),
            intake_keys(instance),
            instance.backend.file_store,
            today=dt.date(2026, 3, 2),
            settings=policies.DeadlineSettings(),
        )


def test_reporter_can_add_information_and_files(instance, db):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, anonymous=False, identity=Identity("A", "a@example.org"))
    access = open_case_with_receipt(db, filed.receipt_code, intake_keys(instance))
    with transaction(db):
        add_reporter_message(
            db,
            access,
            "Mere information",
            instance.backend.file_store,
            today=dt.date(2026, 3, 5),
            attachments=[stage(instance.backend.file_store, "ny.txt", b"new")],
        )
    view = read_case_as_reporter(db, access)
    assert [m.text for m in view.messages] == ["Mere information"]
    assert view.messages[0].attachments[0].name == "ny.txt"
    assert db.get(Case, filed.case_id).last_reporter_activity == dt.date(2026, 3, 5)


def test_stored_files_carry_a_fixed_modification_time(instance, db):  # type: ignore[no-untyped-def]
    file_report(instance, db, files=[("x.txt", b"abc")])
    stored = [p for p in _stored_files(instance) if "staging" not in p.parts]
    assert stored and all(p.stat().st_mtime == 0 for p in stored)
