"""The instance's backend: its database and its file store, opened once per process.

`Backend` bundles the engine, the session factory and the `FileStore` (the encrypted
files on disk); "file store" always means the latter, "backend" the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .config import CommonConfig
from .db import make_engine, make_sessionmaker
from .storage import FileStore


@dataclass(frozen=True)
class Backend:
    engine: Engine
    sessions: sessionmaker[Session]
    file_store: FileStore


_backends: dict[tuple[str, str], Backend] = {}


def open_backend(config: CommonConfig) -> Backend:
    """The process's backend for this database and data dir, created once."""
    key = (config.database_url, str(config.paths.files_dir))
    if key not in _backends:
        engine = make_engine(config.database_url)
        _backends[key] = Backend(
            engine, make_sessionmaker(engine), FileStore(config.paths.files_dir)
        )
    return _backends[key]


def close_all() -> None:
    """Dispose every engine this process opened (tests; before a worker forks)."""
    while _backends:
        _, backend = _backends.popitem()
        backend.engine.dispose()
