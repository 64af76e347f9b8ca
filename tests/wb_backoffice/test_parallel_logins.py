"""Once means once, also in parallel: TOTP steps, recovery codes and the failure counter.

Each attack runs real threads, each with its own database connection, held at a
barrier right after the moment the old code read the account: every request
then decides on the same stale row, which is how parallel requests beat a
read-then-write rule.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

import crypto
from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from wb_cases.db import make_engine, transaction
from wb_cases.models import Staff
from wb_cases.services import staff as staff_service
from wb_cases.services import staff_auth

from .conftest import enrol


def _in_parallel(instance: Any, count: int, attempt: Callable[[Any], bool]) -> list[bool]:
    """Run `attempt(session)` in `count` threads, one connection each; return the outcomes."""
    engine = make_engine(instance.common.database_url, pool_size=count + 2)
    sessions = sessionmaker(**{**instance.backend.sessions.kw, "bind": engine})
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with sessions() as session, transaction(session):
                ok = attempt(session)
            outcomes.append(ok)
        except BaseException as error:  # surfaced below, not swallowed
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    engine.dispose()
    assert not errors, errors
    return outcomes


def _hold_at(monkeypatch: pytest.MonkeyPatch, target: Any, name: str, parties: int) -> None:
    """Make every caller of target.name wait for the others after the call returns or raises."""
    barrier = threading.Barrier(parties, timeout=20)
    real = getattr(target, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        try:
            return real(*args, **kwargs)
        finally:
            barrier.wait()

    monkeypatch.setattr(target, name, held)


def _kwargs(instance: Any) -> dict[str, Any]:
    return dict(pepper=instance.backoffice.pepper, kdf=instance.common.kdf, today=TODAY)


def test_one_totp_code_in_two_parallel_logins_gives_one_session(instance, db, monkeypatch):  # type: ignore[no-untyped-def]
    secret = enrol(instance, db, ADMIN)
    with transaction(db):
        db.scalar(select(Staff).where(Staff.username == ADMIN)).totp_last_step = None
    code = staff_auth.totp_code(secret)
    _hold_at(monkeypatch, staff_auth, "open_totp_secret", 2)
    outcomes = _in_parallel(
        instance,
        2,
        lambda s: staff_auth.log_in(s, ADMIN, ADMIN_PASSWORD, code, **_kwargs(instance)).ok,
    )
    assert sorted(outcomes) == [False, True]


def test_one_recovery_code_in_two_parallel_logins_gives_one_session(instance, db, monkeypatch):  # type: ignore[no-untyped-def]
    enrol(instance, db, ADMIN)
    with transaction(db):
        member = db.scalar(select(Staff).where(Staff.username == ADMIN))
        codes = staff_auth.new_recovery_codes(db, member, pepper=instance.backoffice.pepper)
    _hold_at(monkeypatch, staff_auth, "open_totp_secret", 2)
    outcomes = _in_parallel(
        instance,
        2,
        lambda s: staff_auth.log_in(s, ADMIN, ADMIN_PASSWORD, codes[0], **_kwargs(instance)).ok,
    )
    assert sorted(outcomes) == [False, True]
    db.expire_all()
    assert len(db.scalar(select(Staff).where(Staff.username == ADMIN)).recovery_codes) == 9


def test_twenty_parallel_wrong_passwords_all_count_and_escalate_the_lock(instance, db, monkeypatch):  # type: ignore[no-untyped-def]
    enrol(instance, db, ADMIN)
    _hold_at(monkeypatch, staff_service, "check_password", 20)
    moment = staff_auth.now()
    outcomes = _in_parallel(
        instance,
        20,
        lambda s: (
            staff_auth.log_in(
                s, ADMIN, "wrong password", "000000", moment=moment, **_kwargs(instance)
            ).ok
        ),
    )
    assert outcomes == [False] * 20
    db.expire_all()
    member = db.scalar(select(Staff).where(Staff.username == ADMIN))
    assert member.failed_logins == 20
    assert staff_auth._aware(member.locked_until) == moment + staff_auth.lock_period(20)
    assert staff_auth.lock_period(20) > staff_auth.FIRST_LOCK


def _derivations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = crypto.derive_password_keys

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(crypto, "derive_password_keys", counted)
    return calls


@pytest.mark.parametrize("account", ["unknown", "locked", "existing"])
def test_unknown_locked_and_existing_accounts_cost_the_same_argon2_work(
    instance, db, monkeypatch, account
):  # type: ignore[no-untyped-def]
    enrol(instance, db, ADMIN)
    if account == "locked":
        with transaction(db):
            member = db.scalar(select(Staff).where(Staff.username == ADMIN))
            member.locked_until = staff_auth.now() + staff_auth.MAX_LOCK
    calls = _derivations(monkeypatch)
    name = "nobody" if account == "unknown" else ADMIN
    with transaction(db):
        outcome = staff_auth.log_in(db, name, "wrong password", "000000", **_kwargs(instance))
    assert not outcome.ok
    assert len(calls) == 1  # a locked account answering at once names itself
