"""Open the instance's database and file store from a CommonConfig (cached per process)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .config import CommonConfig
from .db import make_engine, make_sessionmaker
from .instance import AUDIT_KEY, InstancePaths
from .services.audit import AUDIT_HEAD_INFO, AUDIT_KEY_INFO
from .storage import FileStore


@dataclass(frozen=True)
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    files: FileStore


_stores: dict[tuple[str, str], Store] = {}


def open_store(config: CommonConfig) -> Store:
    """The process's store for this database and data dir, created once."""
    key = (config.database_url, str(config.paths.files_dir))
    if key not in _stores:
        config.paths.tighten()
        engine = make_engine(config.database_url)
        sessions = make_sessionmaker(engine, audit_info(config.paths))
        _stores[key] = Store(engine, sessions, FileStore(config.paths.files_dir))
    return _stores[key]


def audit_info(paths: InstancePaths) -> dict[str, object]:
    """The audit chain key and head file every session carries (services/audit.py).

    The portal never writes the audit log and may run without the key.
    """
    key_path = paths.secrets_dir / AUDIT_KEY
    return {
        AUDIT_KEY_INFO: key_path.read_bytes() if key_path.exists() else None,
        AUDIT_HEAD_INFO: str(paths.root / "audit.head"),
    }


def close_all() -> None:
    """Dispose every engine this process opened (tests; before a worker forks)."""
    while _stores:
        _, store = _stores.popitem()
        store.engine.dispose()
