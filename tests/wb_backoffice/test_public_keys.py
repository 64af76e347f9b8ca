"""A swapped public key is detected at start, at login and by `wb fsck`.

The attack: someone who can write public/ (but not secrets/) puts their own
`custodian.pub` there; the portal would seal every confidential reporter's
identity to them. The portal holds no private key, but it can check the proof
(an HMAC with a secret in secrets/) that the unit wrote over its public keys.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import crypto
from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from tests.summaries.conftest import cli_env
from wb_cases.cli import main
from wb_cases.config import backoffice_config, portal_config
from wb_cases.db import transaction
from wb_cases.errors import ConfigError
from wb_cases.models import AuditEntry, Staff
from wb_cases.services import key_status, staff_auth

from .conftest import enrol


def _swap_custodian(instance) -> bytes:  # type: ignore[no-untyped-def]
    attacker = crypto.generate_keypair()
    instance.common.paths.public_dir.joinpath("custodian.pub").write_text(
        attacker.public_key.hex() + "\n"
    )
    return attacker.public_key


def test_portal_and_back_office_refuse_to_start_on_a_swapped_key(instance):  # type: ignore[no-untyped-def]
    assert portal_config(instance.common).custodian_public_key  # sound keys start
    _swap_custodian(instance)
    with pytest.raises(ConfigError, match="proof"):
        portal_config(instance.common)
    with pytest.raises(ConfigError, match="proof"):
        backoffice_config(instance.common, {})


def test_a_staff_login_alarms_the_heads_when_the_keys_do_not_belong_together(instance, db):  # type: ignore[no-untyped-def]
    secret = enrol(instance, db, ADMIN)
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).totp_last_step = None
    # Someone who also holds the proof key (a compromised portal reads it) re-certifies.
    _swap_custodian(instance)
    instance.common.paths.certify_public_keys()
    paths = instance.common.paths
    with transaction(db):
        outcome = staff_auth.log_in(
            db,
            ADMIN,
            ADMIN_PASSWORD,
            staff_auth.totp_code(secret),
            pepper=instance.backoffice.pepper,
            kdf=instance.common.kdf,
            today=TODAY,
            public_keys=(paths.read_public("unit"), paths.read_public("custodian")),
        )
    assert outcome.ok
    alarm = db.scalar(select(AuditEntry).where(AuditEntry.action == key_status.MISMATCH))
    assert alarm is not None and alarm.detail == {"keys": ["custodian"]}
    assert key_status.warnings(db) == ["mismatch"]


def test_the_heads_see_the_alarm_on_every_page(instance, db, head_client):  # type: ignore[no-untyped-def]
    assert "passer ikke" not in head_client.get("/").get_data(as_text=True)
    with transaction(db):
        key_status.alarm_mismatch(db, "test", ["custodian"], TODAY)
    assert "passer ikke til enhedens private" in head_client.get("/").get_data(as_text=True)


def test_wb_fsck_finds_a_swapped_key_with_and_without_the_recovery_key(instance):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    assert runner.invoke(main, ["fsck"], env=cli_env(instance)).exit_code == 0
    _swap_custodian(instance)
    plain = runner.invoke(main, ["fsck"], env=cli_env(instance))
    assert plain.exit_code == 1 and "no valid proof" in plain.output
    instance.common.paths.certify_public_keys()  # a forged proof does not hide it from --deep
    deep = runner.invoke(
        main,
        ["fsck", "--deep", "--recovery-key-stdin"],
        env=cli_env(instance),
        input=instance.recovery_key + "\n",
    )
    assert deep.exit_code == 1 and "custodian.pub does not belong" in deep.output
