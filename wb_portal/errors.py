"""One calm page per failure; nothing about the request is logged (docs/architecture.md § 3)."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from wb_cases.errors import NotFoundError, ServerBusyError, UnknownReceiptError
from wb_cases.web.uploads import drain

log = logging.getLogger(__name__)


def log_failure(logger: logging.Logger, what: str, error: BaseException) -> None:
    """Log where it failed (type and frames), never the message: it may carry what was sent."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error("%s: %s\n%s", what, type(error).__name__, frames)


def _page(kind: str, status: int) -> tuple[str, int]:
    return render_template("errors/error.html", kind=kind, status=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
        # Read what is left of the body (bounded by MAX_CONTENT_LENGTH) so the browser
        # gets this page instead of a reset connection; what arrived was never kept.
        drain(request, current_app.config["MAX_CONTENT_LENGTH"] or 0)
        reason = getattr(error, "reason", "file_too_large")
        return render_template(
            "errors/too_large.html",
            reason=reason,
            max_mib=current_app.extensions["wb_uploads"].max_bytes // (1024 * 1024),
            max_files=current_app.extensions["wb_uploads"].max_files,
        ), 413

    @app.errorhandler(CSRFError)
    def csrf_failed(_error: CSRFError) -> Any:
        # A form that expired while the reporter wrote comes back filled in, never blank.
        from . import followup, report
        from .forms import ReportForm

        if request.endpoint in ("report.new", "report.review"):
            lost = True if request.endpoint == "report.review" else None
            # request.form, not Flask-WTF's default, which would parse a JSON body here.
            form = ReportForm(formdata=request.form)
            return report.form_page(form, problem="expired", status=400, files_lost=lost)
        if request.endpoint in ("followup.case", "followup.review"):
            return followup.expired_form_page()
        return _page("expired", 400)

    @app.errorhandler(ServerBusyError)
    def busy(_error: ServerBusyError) -> tuple[str, int]:
        return _page("busy", 503)

    @app.errorhandler(UnknownReceiptError)
    def unknown_receipt(_error: UnknownReceiptError) -> tuple[str, int]:
        return _page("not_found", 404)

    @app.errorhandler(NotFoundError)
    def not_found(_error: NotFoundError) -> tuple[str, int]:
        return _page("not_found", 404)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        return _page("not_found" if status in (404, 405) else "bad_request", status)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        log_failure(log, "unexpected error", error)
        return _page("server", 500)
