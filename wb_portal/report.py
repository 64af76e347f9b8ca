"""Blueprint "report": form → intake.file_report → commit → receipt page, shown once.

The receipt is rendered from the POST response itself, after the commit
(style.md, Transactions; promise 4): the code never appears in a URL and is
never stored for a later page. A reload of that response would post again,
so each form carries a nonce and a used nonce gets "already sent", not a
second case.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, render_template, request, session
from sqlalchemy.exc import SQLAlchemyError

import policies
from wb_cases.clock import today
from wb_cases.config import PortalConfig
from wb_cases.db import transaction
from wb_cases.errors import ServerBusyError, StorageError
from wb_cases.services import intake
from wb_cases.services.intake import Identity, IntakeKeys, NewReport
from wb_cases.web.database import backend, db_session

from .attachments import prepare_attachments
from .errors import log_failure
from .forms import ReportForm

bp = Blueprint("report", __name__)
log = logging.getLogger(__name__)
SENT = "sent"


def intake_keys() -> IntakeKeys:
    config = current_app.extensions["wb_config"]
    return IntakeKeys(
        config.unit_public_key, config.custodian_public_key, config.receipt_salt, config.common.kdf
    )


def deadline_settings() -> policies.DeadlineSettings:
    config: PortalConfig = current_app.extensions["wb_config"]
    return config.common.deadline_settings


def _form_page(
    form: ReportForm, *, problem: str | None = None, status: int = 200
) -> tuple[str, int]:
    files_lost = form.is_submitted() and bool(
        [
            f
            for f in request.files.getlist("attachments") + request.files.getlist("originals")
            if f.filename
        ]
    )
    return render_template(
        "report/new.html", form=form, problem=problem, files_lost=files_lost
    ), status


@bp.route("/report", methods=["GET", "POST"])
def new() -> tuple[str, int]:
    form = ReportForm()
    if not form.validate_on_submit():
        return _form_page(form, status=400 if form.is_submitted() else 200)
    if form.nonce.data in session.get(SENT, []):
        return render_template("report/already_sent.html"), 409
    anonymous = form.anonymity.data == "anonymous"
    files = prepare_attachments()
    report = NewReport(
        answers=form.answers(),
        anonymous=anonymous,
        identity=None if anonymous else Identity(form.name.data or "", form.contact.data or ""),
        attachments=files,
    )
    received = today()
    try:
        with transaction(db_session()):
            filed = intake.file_report(
                db_session(),
                report,
                intake_keys(),
                backend().file_store,
                today=received,
                settings=deadline_settings(),
            )
    except ServerBusyError:
        return _form_page(form, problem="busy", status=503)
    except (SQLAlchemyError, StorageError, OSError) as error:
        log_failure(log, "a report could not be stored; nothing was kept", error)
        return _form_page(form, problem="not_saved", status=503)
    session[SENT] = [*session.get(SENT, []), form.nonce.data][-20:]
    ack, feedback = intake.initial_deadlines(received, deadline_settings())
    return render_template(
        "report/receipt.html",
        code=filed.receipt_code,
        ack_due=ack.due,
        feedback_due=feedback.due,
        files=files,
    ), 200
