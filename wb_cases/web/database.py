"""One database session per request; the view commits, nothing commits at teardown."""

from __future__ import annotations

from flask import Flask, g
from sqlalchemy.orm import Session

from ..backend import Backend


def init_app(app: Flask, backend: Backend) -> None:
    app.extensions["wb_backend"] = backend

    @app.teardown_appcontext
    def _close_session(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            session.rollback()  # anything not committed by the view is discarded
            session.close()


def db_session() -> Session:
    """The request's session, created on first use."""
    from flask import current_app

    if "db_session" not in g:
        g.db_session = current_app.extensions["wb_backend"].sessions()
    session: Session = g.db_session
    return session


def backend() -> Backend:
    """The app's backend (database and file store)."""
    from flask import current_app

    result: Backend = current_app.extensions["wb_backend"]
    return result
