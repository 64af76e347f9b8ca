"""`wb notify`: a new report or a reporter's message reaches the unit as a batched,
content-free mail to the owner (or the heads when nobody owns the case), once."""

from __future__ import annotations

from email import message_from_bytes

from click.testing import CliRunner
from sqlalchemy import select

from tests.conftest import ADMIN
from tests.helpers import file_report, intake_keys
from wb_cases import clock
from wb_cases.cli import main
from wb_cases.db import transaction
from wb_cases.models import Case, Staff
from wb_cases.models.staff import Role
from wb_cases.services.reporter_access import add_reporter_message, open_case_with_receipt

from .conftest import add_member
from .test_remind_purge import _env, smtp  # noqa: F401 (the SMTP catcher fixture)

SECRET = "Hemmelig tekst om Borgercenter Y"


def _bodies(catcher) -> dict[str, str]:  # type: ignore[no-untyped-def]
    mails = [message_from_bytes(m) for m in catcher.mails]
    return {m["To"]: m.get_payload(decode=True).decode() + m["Subject"] for m in mails}


def test_new_reports_are_mailed_to_the_heads_by_number_only_and_once(instance, db, smtp) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    catcher, port = smtp
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).email = "leder@example.org"
    first = file_report(instance, db, answers={"what": SECRET})
    second = file_report(instance, db, answers={"what": SECRET})

    result = CliRunner().invoke(main, ["notify"], env=_env(instance, port))
    assert result.exit_code == 0, result.output
    bodies = _bodies(catcher)
    assert list(bodies) == ["leder@example.org"]
    body = bodies["leder@example.org"]
    assert first.number in body and second.number in body
    assert "Hemmelig" not in body and "Borgercenter" not in body
    assert "Auditlog:" in body

    # Nothing new: nothing is sent again.
    again = CliRunner().invoke(main, ["notify"], env=_env(instance, port))
    assert again.exit_code == 0 and len(catcher.mails) == 1


def test_a_reporter_message_is_mailed_to_the_owner_only(instance, db, smtp) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    catcher, port = smtp
    add_member(instance, db, "kaj", Role.CASEWORKER)
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).email = "leder@example.org"
        db.scalar(select(Staff).where(Staff.username == "kaj")).email = "kaj@example.org"
    filed = file_report(instance, db, answers={"what": SECRET})
    kaj = db.scalar(select(Staff).where(Staff.username == "kaj"))
    with transaction(db):
        case = db.get(Case, filed.case_id)
        case.assigned_staff_id = kaj.id
        case.work_notice_pending = False  # the report itself was announced earlier
    access = open_case_with_receipt(db, filed.receipt_code, intake_keys(instance))
    with transaction(db):
        add_reporter_message(db, access, SECRET, instance.backend.file_store, today=clock.today())
    assert CliRunner().invoke(main, ["notify"], env=_env(instance, port)).exit_code == 0
    bodies = _bodies(catcher)
    assert list(bodies) == ["kaj@example.org"]
    assert filed.number in bodies["kaj@example.org"]
    assert "Hemmelig" not in bodies["kaj@example.org"]


def test_a_failed_send_keeps_the_news_for_the_next_run(instance, db) -> None:  # type: ignore[no-untyped-def]
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).email = "leder@example.org"
    filed = file_report(instance, db)
    result = CliRunner().invoke(main, ["notify"], env=_env(instance, 1))  # nobody listens
    assert result.exit_code != 0 and "could not send mail" in result.output
    db.expire_all()
    assert db.get(Case, filed.case_id).work_notice_pending
