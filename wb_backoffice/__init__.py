"""The unit's back office (internal network): create_app() wires config, security and blueprints."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from wb_cases.backend import open_backend
from wb_cases.config import BackofficeConfig, backoffice_from_env
from wb_cases.services.kdf_gate import configure as configure_kdf_gate
from wb_cases.web import database, i18n, security, text, uploads


def create_app(config: BackofficeConfig | None = None) -> Flask:
    config = config or backoffice_from_env()
    app = Flask(__name__)
    secure = config.common.cookie_secure  # WB_COOKIE_SECURE; off only for plain-http test hosts
    app.config.update(
        SECRET_KEY=config.secret_key,
        WB_COOKIE_SECURE=secure,
        SESSION_COOKIE_NAME="wb_csrf",
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the staff session cookie
        WTF_CSRF_SSL_STRICT=False,  # no Referer is sent (Referrer-Policy: no-referrer)
    )
    app.extensions["wb_config"] = config
    configure_kdf_gate(config.common.argon2_concurrency, config.common.argon2_wait_seconds)
    backend = open_backend(config.common)
    database.init_app(app, backend)
    # Files staff attach to a message stream into staging encrypted, as on the portal;
    # this also sets MAX_CONTENT_LENGTH from the attachment limits.
    uploads.init_app(
        app,
        uploads.UploadSettings(
            file_store=backend.file_store,
            max_bytes=config.common.max_attachment_bytes,
            max_files=config.common.max_attachments,
        ),
    )
    csrf = CSRFProtect(app)
    i18n.init_app(app)
    text.init_app(app)

    # Registered before the shared headers, so it runs after them (Flask runs
    # after_request handlers in reverse): a download gets a sandboxing CSP of its own.
    @app.after_request
    def _sandbox_downloads(response: Any) -> Any:
        if response.headers.get("Content-Disposition", "").startswith("attachment"):
            response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    security.init_app(app, hsts=secure)

    from . import (
        admin,
        auth,
        cases,
        committee,
        errors,
        handover,
        identity,
        journal,
        major,
        preview,
        reporter_duties,
        retention,
        sso,
        triage,
        workflow,
    )

    # The provider's signed answer is the proof of a sign-in; it cannot carry our token.
    csrf.exempt(sso.saml_acs)

    for module in (
        auth,
        cases,
        triage,
        workflow,
        reporter_duties,
        identity,
        admin,
        committee,
        journal,
        retention,
        handover,
        sso,
        preview,
        major,
    ):
        app.register_blueprint(module.bp)
    errors.register(app)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        from .auth import current_session

        found = current_session()
        me = found[0] if found and found[1] == "full" else None
        return {"me": me, "key_warnings": _key_warnings(me)}

    return app


def _key_warnings(me: Any) -> list[str]:
    """What the heads must act on about the unit's keys (shown on every page until done)."""
    if me is None or me.role != "head":
        return []
    from wb_cases.services import key_status
    from wb_cases.web.database import db_session

    return key_status.warnings(db_session())
