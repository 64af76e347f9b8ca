"""The unit's back office (internal network)."""

from __future__ import annotations

from flask import Flask

from wb_cases.config import BackofficeConfig, backoffice_from_env
from wb_cases.store import open_store
from wb_cases.web import database


def create_app(config: BackofficeConfig | None = None) -> Flask:
    config = config or backoffice_from_env()
    app = Flask(__name__)
    app.config["SECRET_KEY"] = config.secret_key
    app.extensions["wb_config"] = config
    database.init_app(app, open_store(config.common))

    @app.get("/")
    def start() -> str:
        return "<!doctype html><title>wb – back office</title><h1>Whistleblowerenheden</h1>"

    return app
