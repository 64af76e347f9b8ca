"""Every plain field that changes a ciphertext's meaning is bound into its associated data.

The attack: someone who can write the database flips a message's author from
"unit" to "reporter" (or its kind, or an attachment's sender or message) and the
case page shows the unit's words as the reporter's. With the field bound, the
flipped row no longer decrypts.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

import crypto
from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from tests.helpers import file_report
from wb_cases.db import transaction
from wb_cases.models import Attachment, Message
from wb_cases.models.case import Author
from wb_cases.services import casefile
from wb_cases.services import staff as staff_service


def _keys(instance, db):  # type: ignore[no-untyped-def]
    return staff_service.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)[1]


def _unit_message(instance, db, keys):  # type: ignore[no-untyped-def]
    head, _ = staff_service.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    filed = file_report(instance, db)
    with transaction(db):
        casefile.add_unit_message(
            db,
            instance.backend.file_store,
            keys,
            filed.case_id,
            "Vi har modtaget din indberetning.",
            today=TODAY,
            staff_id=head.id,
        )
    return filed


@pytest.mark.parametrize(
    ("column", "forged"), [("author", Author.REPORTER.value), ("kind", "correction")]
)
def test_a_flipped_message_field_fails_to_decrypt(instance, db, column, forged):  # type: ignore[no-untyped-def]
    keys = _keys(instance, db)
    filed = _unit_message(instance, db, keys)
    row = db.scalar(select(Message).where(Message.case_id == filed.case_id))
    assert row.author == Author.UNIT
    with transaction(db):
        setattr(row, column, forged)
    db.expire_all()
    with pytest.raises(crypto.DecryptionError):
        casefile.read_case_as_staff(db, keys, filed.case_id)


@pytest.mark.parametrize(("column", "forged"), [("author", Author.UNIT.value), ("message_seq", 7)])
def test_a_flipped_attachment_field_fails_to_decrypt(instance, db, column, forged):  # type: ignore[no-untyped-def]
    keys = _keys(instance, db)
    filed = file_report(instance, db, files=[("bilag.txt", b"indhold")])
    row = db.scalar(select(Attachment).where(Attachment.case_id == filed.case_id))
    with transaction(db):
        setattr(row, column, forged)
    db.expire_all()
    with pytest.raises(crypto.DecryptionError):
        casefile.read_case_as_staff(db, keys, filed.case_id)


def test_a_version_two_row_cannot_be_downgraded_to_version_one(instance, db):  # type: ignore[no-untyped-def]
    keys = _keys(instance, db)
    filed = _unit_message(instance, db, keys)
    row = db.scalar(select(Message).where(Message.case_id == filed.case_id))
    with transaction(db):
        row.ad_version, row.author = 1, Author.REPORTER.value
    db.expire_all()
    with pytest.raises(crypto.DecryptionError):
        casefile.read_case_as_staff(db, keys, filed.case_id)


def _as_version_one(db, keys, case_id: str) -> Message:  # type: ignore[no-untyped-def]
    """Rewrite a message as the first build wrote it: AD without author and kind."""
    from wb_cases.services import contexts
    from wb_cases.services.casefile import case_key_for_staff, load_case

    row = db.scalar(select(Message).where(Message.case_id == case_id))
    case_key = case_key_for_staff(load_case(db, case_id), keys)
    text = crypto.decrypt(case_key, row.body, contexts.message_row(row))
    with transaction(db):
        row.ad_version = 1
        row.body = crypto.encrypt(case_key, text, contexts.message_row(row))
    return row


def test_old_rows_read_with_their_own_ad_until_resealed_then_a_flip_fails(instance, db):  # type: ignore[no-untyped-def]
    from wb_cases.services.rekey import reseal_old_rows

    keys = _keys(instance, db)
    filed = _unit_message(instance, db, keys)
    row = _as_version_one(db, keys, filed.case_id)
    [message] = casefile.read_case_as_staff(db, keys, filed.case_id).messages
    assert message.text == "Vi har modtaget din indberetning."
    with transaction(db):
        result = reseal_old_rows(db, keys)
    assert (result.messages, row.ad_version) == (1, 2)
    assert casefile.read_case_as_staff(db, keys, filed.case_id).messages[0].text == message.text
    with transaction(db):
        row.author = Author.REPORTER.value
    db.expire_all()
    with pytest.raises(crypto.DecryptionError):
        casefile.read_case_as_staff(db, keys, filed.case_id)


def test_wb_keys_reseal_rewrites_old_rows_with_the_recovery_key(instance, db):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from tests.summaries.conftest import cli_env
    from wb_cases.cli import main

    keys = _keys(instance, db)
    filed = _unit_message(instance, db, keys)
    row = _as_version_one(db, keys, filed.case_id)
    result = CliRunner().invoke(
        main,
        ["keys", "reseal", "--recovery-key-stdin"],
        env=cli_env(instance),
        input=instance.recovery_key + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "re-encrypted 1 message(s)" in result.output
    db.expire_all()
    assert row.ad_version == 2
