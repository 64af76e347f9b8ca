"""`wb remind` mails deadlines with case numbers only; `wb purge` keeps the figures."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from sqlalchemy import select

import policies
from tests.conftest import ADMIN
from tests.helpers import file_report
from wb_cases import clock
from wb_cases.cli import main
from wb_cases.db import transaction
from wb_cases.errors import NotFoundError
from wb_cases.models import Attachment, AuditEntry, Case, Message, Staff
from wb_cases.services import audit, casefile, matters, outcomes, remind
from wb_cases.summaries import Period
from wb_cases.summaries.figures import count_headline

from .flow import SETTINGS, Flow

SECRET_TEXT = "Hemmelig tekst om Borgercenter X"


class Catcher:
    def __init__(self) -> None:
        self.mails: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.mails.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Catcher, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    catcher = Catcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield catcher, port
    finally:
        controller.stop()


def _env(instance, port: int = 25) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
        "WB_SMTP_HOST": "127.0.0.1",
        "WB_SMTP_PORT": str(port),
        "WB_MAIL_FROM": "wb@example.org",
    }


def test_reminder_mails_hold_case_numbers_and_the_chain_head_but_no_content(instance, db, smtp):  # type: ignore[no-untyped-def]
    catcher, port = smtp
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).email = "leder@example.org"
    filed = file_report(
        instance,
        db,
        answers={"what": SECRET_TEXT, "where": "Borgercenter X"},
        today=clock.today() - dt.timedelta(days=10),
    )
    flow = Flow(instance, db)
    with transaction(db):
        casefile.add_note(
            db,
            flow.keys,
            filed.case_id,
            "note: " + SECRET_TEXT,
            staff_id=flow.sid,
            today=clock.today(),
        )
    result = CliRunner().invoke(main, ["remind"], env=_env(instance, port))
    assert result.exit_code == 0, result.output
    assert len(catcher.mails) == 1
    mail = message_from_bytes(catcher.mails[0])
    body = mail.get_payload(decode=True).decode()
    assert filed.number in body and "acknowledgement" in body and "OVERSKREDET" in body
    assert (
        "Borgercenter" not in body
        and "Hemmelig" not in body
        and "Borgercenter" not in mail["Subject"]
    )
    db.expire_all()
    seq, head = audit.head(db)
    assert any(h in body for h in {head} | {e.hash for e in db.scalars(select(AuditEntry))})
    assert mail["To"] == "leder@example.org"


def test_no_recipient_means_no_mail_and_no_error(instance, db):  # type: ignore[no-untyped-def]
    file_report(instance, db)
    with transaction(db):
        assert (
            remind.send_reminders(
                db, host="127.0.0.1", port=1, mail_from="x@y", today=dt.date(2026, 3, 20)
            )
            == 0
        )


def _closed_case(instance, db, received: dt.date, confirmed: bool) -> Flow:  # type: ignore[no-untyped-def]
    flow = Flow(instance, db, day=received).file(anonymous=False, what=SECRET_TEXT)
    flow.acknowledge(employee=True).split("forhold")
    facts = policies.scenarios.SCENARIOS[2].facts  # C: own investigation
    flow.triage(facts)
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[policies.Outcome.SHELVED_WITH_FEEDBACK],
        confirmed=confirmed,
        consequences=[policies.Consequence.GUIDELINES] if confirmed else [],
        staff_id=flow.sid,
        today=flow.later(20),
        settings=SETTINGS,
    )
    flow.close_all()
    return flow


def test_purge_deletes_content_files_and_keys_and_keeps_the_figures(instance, db):  # type: ignore[no-untyped-def]
    old = _closed_case(instance, db, dt.date(2020, 2, 3), confirmed=False)
    recent = _closed_case(instance, db, dt.date(2026, 1, 5), confirmed=True)
    filed = file_report(
        instance, db, files=[("bilag.pdf", b"%PDF-1.4 data")], today=dt.date(2020, 3, 1)
    )
    with transaction(db):
        casefile_case = db.get(Case, filed.case_id)
        casefile_case.closed = dt.date(2020, 4, 1)
        matters.sync_case_status(casefile_case)
    blob = db.scalar(select(Attachment.id).where(Attachment.case_id == filed.case_id))
    blob_path = Path(instance.backend.file_store.path(blob))
    assert blob_path.exists()
    periods = [
        (dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ]
    before = [count_headline(db, Period(a, b)).as_dict() for a, b in periods]

    result = CliRunner().invoke(main, ["purge"], env=_env(instance))
    assert result.exit_code == 0, result.output
    assert old.case.number in result.output and recent.case.number not in result.output

    db.expire_all()
    assert [count_headline(db, Period(a, b)).as_dict() for a, b in periods] == before
    gone = db.get(Case, old.case_id)
    assert gone.purged is not None and gone.report == b"" and gone.case_key_sealed == b""
    assert gone.identity_sealed is None and gone.receipt_lookup is None
    assert db.scalar(select(Message).where(Message.case_id == old.case_id)) is None
    assert gone.matters[0].scope == "inside" and gone.matters[0].closed is not None
    assert not blob_path.exists()
    assert db.get(Case, recent.case_id).purged is None
    with pytest.raises(NotFoundError):
        casefile.read_case_as_staff(db, old.keys, old.case_id)
    assert "case.purged" in {e.action for e in db.scalars(select(AuditEntry))}
