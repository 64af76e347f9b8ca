"""Database plumbing: the declarative base, engines, sessions and `transaction()`.

Services receive a session and only `flush()`; the caller (a view, the CLI)
owns the transaction and commits through `transaction()` before it promises
anything durable (docs/architecture.md § 5).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Date, DateTime, LargeBinary, MetaData, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        bytes: LargeBinary,
        dt.date: Date,
        dt.datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL and a busy timeout: two apps and several workers share the file
    # (docs/architecture.md § 7); FULL sync so a committed report survives power loss.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def private_sqlite_files(url: str) -> None:
    """Create the SQLite file 0600 before SQLite does, and tighten an existing one.

    SQLite creates the file with the process umask (0644 by default) and gives
    its -wal and -shm files the database file's mode, so a 0600 database keeps
    its journal private too.
    """
    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    with contextlib.suppress(FileNotFoundError):  # no directory yet: SQLite will say so
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(path + suffix, 0o600)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the settings this system relies on."""
    if url.startswith("sqlite"):
        private_sqlite_files(url)
        engine = create_engine(url, connect_args={"timeout": 15}, **kwargs)
        # Before the pragmas, which create -wal and -shm with the database file's mode.
        event.listen(engine, "connect", lambda *_: private_sqlite_files(url))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: Engine, info: dict[str, Any] | None = None) -> sessionmaker[Session]:
    """Sessions for this engine; `info` (e.g. the audit key) is copied into each one."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True, info=info or {})


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit on success, roll back on any error; nothing commits implicitly."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
