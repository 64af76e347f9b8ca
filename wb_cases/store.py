"""Open the instance's database and file store from a CommonConfig (cached per process)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .config import CommonConfig
from .db import make_engine, make_sessionmaker
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
        _stores[key] = Store(engine, make_sessionmaker(engine), FileStore(config.paths.files_dir))
    return _stores[key]


def close_all() -> None:
    """Dispose every engine this process opened (tests; before a worker forks)."""
    while _stores:
        _, store = _stores.popitem()
        store.engine.dispose()
