"""`wb remind`: each member gets the deadlines of their own cases and unassigned ones; heads all."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes

from click.testing import CliRunner
from sqlalchemy import select

from tests.conftest import ADMIN
from tests.helpers import file_report
from wb_cases import clock
from wb_cases.cli import main
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services.handover import assign_case

from .conftest import add_member
from .test_remind_purge import _env, smtp  # noqa: F401 (the SMTP catcher fixture)


def _numbers_by_recipient(mails: list[bytes], numbers: list[str]) -> dict[str, set[str]]:
    out = {}
    for raw in mails:
        mail = message_from_bytes(raw)
        body = mail.get_payload(decode=True).decode()
        out[mail["To"]] = {n for n in numbers if n in body}
    return out


def test_members_are_reminded_of_their_own_and_unassigned_cases_and_the_head_of_all(  # type: ignore[no-untyped-def]
    instance,
    db,
    smtp,  # noqa: F811 (the fixture imported above)
):
    catcher, port = smtp
    for username, role in (
        ("anna", Role.CASEWORKER),
        ("bo", Role.CASEWORKER),
        ("udvalg", Role.COMMITTEE),
    ):
        add_member(instance, db, username, role)
    members = {s.username: s for s in db.scalars(select(Staff))}
    with transaction(db):
        for username in (ADMIN, "anna", "bo", "udvalg"):
            members[username].email = f"{username}@example.org"
    received = clock.today() - dt.timedelta(days=10)  # acknowledgements overdue
    annas, bos, nobodys = (file_report(instance, db, today=received) for _ in range(3))
    with transaction(db):
        assign_case(db, annas.case_id, members["anna"].id, staff_id="test", today=received)
        assign_case(db, bos.case_id, members["bo"].id, staff_id="test", today=received)

    result = CliRunner().invoke(main, ["remind"], env=_env(instance, port))
    assert result.exit_code == 0, result.output

    numbers = [annas.number, bos.number, nobodys.number]
    assert _numbers_by_recipient(catcher.mails, numbers) == {
        "leder@example.org": set(numbers),
        "anna@example.org": {annas.number, nobodys.number},
        "bo@example.org": {bos.number, nobodys.number},
    }
