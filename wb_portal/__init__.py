"""The reporters' portal (public, internet-facing). Holds public keys only.

No script at all, nothing from another host, no address or user agent read or
logged, no caching after the start page (design.md § 3, issue 5). Danish first,
English by a visible switch.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf import CSRFProtect

from wb_cases.backend import open_backend
from wb_cases.config import PortalConfig, portal_from_env
from wb_cases.services import kdf_gate
from wb_cases.web import database, i18n, security, text, uploads

from . import errors, followup, minutes, onion, pages, report, texts
from .throttle import TokenBucket

csrf = CSRFProtect()


def create_app(config: PortalConfig | None = None, **overrides: Any) -> Flask:
    """Build the portal; `overrides` set Flask config keys (tests)."""
    config = config or portal_from_env()
    app = Flask(__name__)
    # `WB_COOKIE_SECURE=0` only for plain http on a test host: browsers accept Secure
    # cookies from http://127.0.0.1 and http://localhost (secure contexts).
    app.config.update(
        SECRET_KEY=config.secret_key,
        SESSION_COOKIE_NAME="wb_form",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=config.common.cookie_secure,
        PERMANENT_SESSION_LIFETIME=3600 * 6,
        # A report may take hours to write: the token lives as long as the browser session.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=False,  # needs the Referer, which no-referrer withholds
        PORTAL_RECEIPT_BURST=60,
        PORTAL_RECEIPT_PER_SECOND=5.0,
    )
    app.config.update(overrides)
    app.extensions["wb_config"] = config
    backend = open_backend(config.common)
    backend.file_store.ensure()
    database.init_app(app, backend)
    uploads.init_app(
        app,
        uploads.UploadSettings(
            file_store=backend.file_store,
            max_bytes=config.common.max_attachment_bytes,
            max_files=config.common.max_attachments,
        ),
    )
    kdf_gate.configure(config.common.argon2_concurrency, config.common.argon2_wait_seconds)
    app.extensions["wb_receipt_throttle"] = TokenBucket(
        app.config["PORTAL_RECEIPT_BURST"], app.config["PORTAL_RECEIPT_PER_SECOND"]
    )
    security.init_app(app)
    i18n.init_app(app)
    text.init_app(app)
    csrf.init_app(app)
    texts.init_app(app)
    errors.init_app(app)
    onion.init_app(app, config.onion_address)
    app.register_blueprint(pages.bp)
    app.register_blueprint(report.bp)
    app.register_blueprint(followup.bp)
    app.register_blueprint(minutes.bp)
    return app
