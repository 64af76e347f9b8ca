"""The operator's `wb` command: init, staff, audit verify, and serving both apps."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from wb_cases.cli import main

FAST = {"WB_ARGON2_TIME_COST": "1", "WB_ARGON2_MEMORY_KIB": "8", "WB_ARGON2_PARALLELISM": "1"}


def _env(tmp_path: Path, database_url: str | None = None) -> dict[str, str]:
    env = {"WB_DATA_DIR": str(tmp_path / "inst"), **FAST}
    if database_url:
        env["WB_DATABASE_URL"] = database_url
    return env


def _init(runner: CliRunner, env: dict[str, str]):  # type: ignore[no-untyped-def]
    return runner.invoke(
        main,
        ["init", "--admin", "leder", "--password-stdin"],
        input="a long enough password\n",
        env=env,
    )


def test_init_prints_the_recovery_key_once_and_writes_secrets_0600(tmp_path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    env = _env(tmp_path)
    result = _init(runner, env)
    assert result.exit_code == 0, result.output
    assert "RECOVERY KEY" in result.output
    secrets_dir = tmp_path / "inst" / "secrets"
    assert stat.S_IMODE(secrets_dir.stat().st_mode) == 0o700
    for secret in secrets_dir.iterdir():
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert "a long enough password" not in result.output


def test_init_refuses_to_overwrite_an_instance(tmp_path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    env = _env(tmp_path)
    assert _init(runner, env).exit_code == 0
    before = {p: p.read_bytes() for p in (tmp_path / "inst" / "secrets").iterdir()}
    again = _init(runner, env)
    assert again.exit_code != 0
    assert "already holds an instance" in again.output
    assert before == {p: p.read_bytes() for p in (tmp_path / "inst" / "secrets").iterdir()}


def test_staff_add_with_the_recovery_key_list_and_remove(tmp_path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    env = _env(tmp_path)
    created = _init(runner, env)
    recovery = created.output.split("RECOVERY KEY")[1].splitlines()[1].strip()
    added = runner.invoke(
        main, ["staff", "add", "sb", "--role", "caseworker"], input=f"{recovery}\n", env=env
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["staff", "list"], env=env)
    assert "sb" in listed.output and "caseworker" in listed.output
    removed = runner.invoke(main, ["staff", "remove", "sb"], env=env)
    assert removed.exit_code == 0
    assert "removed" in runner.invoke(main, ["staff", "list"], env=env).output
    verified = runner.invoke(main, ["audit", "verify"], env=env)
    assert verified.exit_code == 0 and "intact" in verified.output


def test_staff_add_with_a_wrong_recovery_key_fails_cleanly(tmp_path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    env = _env(tmp_path)
    _init(runner, env)
    import crypto

    result = runner.invoke(
        main,
        ["staff", "add", "sb", "--role", "caseworker"],
        input=f"{crypto.new_recovery_key()}\n",
        env=env,
    )
    assert result.exit_code != 0
    assert "sb" not in runner.invoke(main, ["staff", "list"], env=env).output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("app", ["portal", "backoffice"])
def test_serve_answers_200_on_the_start_page_and_logs_no_address(tmp_path, app):  # type: ignore[no-untyped-def]
    env = {**os.environ, **_env(tmp_path), "WB_COOKIE_SECURE": "0"}
    assert _init(CliRunner(), _env(tmp_path)).exit_code == 0
    port = _free_port()
    wb = Path(sys.executable).with_name("wb")
    server = subprocess.Popen(
        [str(wb), "serve", app, "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.1)
        assert status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "127.0.0.1" not in output
    assert "Mozilla" not in output and "Python-urllib" not in output


def test_staff_remove_refuses_a_member_with_cases_unless_they_are_handed_over(tmp_path):  # type: ignore[no-untyped-def]
    import datetime as dt

    import policies
    from wb_cases.backend import close_all, open_backend
    from wb_cases.config import common_from_env, portal_from_env
    from wb_cases.models import Case, Staff
    from wb_cases.services import intake

    runner = CliRunner()
    env = _env(tmp_path)
    recovery = _init(runner, env).output.split("RECOVERY KEY")[1].splitlines()[1].strip()
    for name in ("sb", "ny"):
        assert (
            runner.invoke(
                main, ["staff", "add", name, "--role", "caseworker"], input=f"{recovery}\n", env=env
            ).exit_code
            == 0
        )
    portal = portal_from_env(env)
    backend = open_backend(common_from_env(env))
    keys = intake.IntakeKeys(
        portal.unit_public_key, portal.custodian_public_key, portal.receipt_salt, portal.common.kdf
    )
    with backend.sessions() as session, session.begin():
        filed = intake.file_report(
            session,
            intake.NewReport({"what": "x"}, True),
            keys,
            backend.file_store,
            today=dt.date(2026, 3, 2),
            settings=policies.DeadlineSettings(),
        )
        sb = session.query(Staff).filter_by(username="sb").one()
        session.get(Case, filed.case_id).assigned_staff_id = sb.id
    refused = runner.invoke(main, ["staff", "remove", "sb"], env=env)
    assert refused.exit_code != 0 and "hand them over" in refused.output
    done = runner.invoke(main, ["staff", "remove", "sb", "--hand-over-to", "ny"], env=env)
    assert done.exit_code == 0, (done.output, repr(done.exception))
    assert "handed 1 case(s) over to ny" in done.output
    close_all()
