"""Server-side sessions: the cookie secret alone finds and opens the row.

Reporters leave no exact time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from wb_cases.clock import round_up
from wb_cases.db import transaction
from wb_cases.models import LoginSession
from wb_cases.services import sessions


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def test_a_reporter_session_keeps_only_expiries_rounded_to_a_quarter_hour(db):  # type: ignore[no-untyped-def]
    with transaction(db):
        secret = sessions.start_session(
            db,
            sessions.REPORTER,
            b"case+key",
            idle=dt.timedelta(minutes=30),
            absolute=dt.timedelta(hours=2),
        )
        opened = sessions.resume_session(
            db, secret, sessions.REPORTER, idle=dt.timedelta(minutes=30)
        )
    assert opened is not None and opened.payload == b"case+key"
    row = db.scalars(select(LoginSession)).one()
    for moment in (_aware(row.idle_expires), _aware(row.absolute_expires)):
        assert moment.minute % 15 == 0 and moment.second == 0 and moment.microsecond == 0
    assert b"case+key" not in row.payload and secret.encode() not in row.secret_hash


def test_round_up_never_rounds_down_and_keeps_exact_quarters():
    exact = dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.UTC)
    assert round_up(exact) == exact
    assert round_up(exact + dt.timedelta(seconds=1)) == exact + dt.timedelta(minutes=15)


def test_a_wrong_secret_or_kind_opens_nothing_and_logout_deletes_the_row(db):  # type: ignore[no-untyped-def]
    with transaction(db):
        secret = sessions.start_session(
            db,
            sessions.REPORTER,
            b"x",
            idle=dt.timedelta(minutes=30),
            absolute=dt.timedelta(hours=1),
        )
    idle = dt.timedelta(minutes=30)
    assert sessions.resume_session(db, secret + "x", sessions.REPORTER, idle=idle) is None
    assert sessions.resume_session(db, secret, sessions.STAFF, idle=idle) is None
    with transaction(db):
        sessions.end_session(db, secret)
    assert db.scalar(select(func.count()).select_from(LoginSession)) == 0


def test_an_expired_session_is_deleted_when_it_is_next_seen(db):  # type: ignore[no-untyped-def]
    with transaction(db):
        secret = sessions.start_session(
            db,
            sessions.REPORTER,
            b"x",
            idle=dt.timedelta(minutes=30),
            absolute=dt.timedelta(hours=1),
        )
        row = db.scalars(select(LoginSession)).one()
        row.idle_expires = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with transaction(db):
        assert (
            sessions.resume_session(db, secret, sessions.REPORTER, idle=dt.timedelta(minutes=30))
            is None
        )
    assert db.scalar(select(func.count()).select_from(LoginSession)) == 0


def _start(db, kind: str) -> str:  # type: ignore[no-untyped-def]
    return sessions.start_session(
        db, kind, b"x", idle=dt.timedelta(minutes=30), absolute=dt.timedelta(hours=2)
    )


def test_session_ids_do_not_tell_the_order_of_visits(db):  # type: ignore[no-untyped-def]
    with transaction(db):
        made = [_start(db, sessions.STAFF if i % 2 else sessions.REPORTER) for i in range(20)]
    ids = [
        db.scalar(select(LoginSession.id).where(LoginSession.secret_hash == sessions._lookup(s)))
        for s in made
    ]
    # Numbered in order, a reporter's row between two staff rows dates the visit.
    assert ids != sorted(ids)


def test_an_ended_reporter_session_is_swept_by_the_next_login(db):  # type: ignore[no-untyped-def]
    with transaction(db):
        _start(db, sessions.REPORTER)
        db.scalars(select(LoginSession)).one().idle_expires = sessions.now() - dt.timedelta(
            minutes=1
        )
    with transaction(db):
        _start(db, sessions.STAFF)
    kinds = db.scalars(select(LoginSession.kind)).all()
    assert kinds == [sessions.STAFF]
