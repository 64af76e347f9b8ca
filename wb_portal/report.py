"""Blueprint "report": form → (files: review) → intake.file_report → commit → receipt, shown once.

With files, the form leads to a review page first (docs/security.md, Files):
each file with what cleaning found and did; the reporter sends, leaves a file
out, or sends or replaces one cleaning could not check. Until "Send" the files
are held by a sealed draft (`wb_cases.services.drafts`) and nothing is a case.
The typed text travels in the review form's hidden fields, so no failure on
the way (a refused file, an expired form or draft) loses it.

The receipt is rendered from the POST response itself, after the commit: the
code never appears in a URL and is never stored for a later page. A reload of
that response would post again, so each form carries a nonce and a used nonce
gets "already sent", not a second case.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from flask import (
    Blueprint,
    Response,
    current_app,
    make_response,
    render_template,
    request,
    session,
)
from sqlalchemy.exc import SQLAlchemyError

from wb_cases.db import transaction
from wb_cases.errors import ServerBusyError, StorageError
from wb_cases.services import drafts, intake
from wb_cases.services.drafts import OpenDraft
from wb_cases.services.intake import Identity, IntakeKeys, NewReport
from wb_cases.storage import FileStore, StagedFile
from wb_cases.web.database import backend, db_session
from wb_cases.web.env import app_config, deadline_settings, today
from wb_cases.web.uploads import keep_staged, refused_upload

from . import review as files_review
from .attachments import prepare_attachments
from .errors import log_failure
from .forms import ReportForm

bp = Blueprint("report", __name__)
log = logging.getLogger(__name__)
SENT = "sent"
DRAFT_COOKIE = files_review.COOKIE
Page = tuple[str, int] | Response


def intake_keys() -> IntakeKeys:
    config = app_config()
    # The keys as certified now, not at start: a key rotation takes effect at once.
    unit, custodian = config.common.paths.verified_public_keys()
    return IntakeKeys(unit, custodian, config.receipt_salt, config.common.kdf)


def _files() -> FileStore:
    return backend().file_store


def form_page(
    form: ReportForm,
    *,
    problem: str | None = None,
    status: int = 200,
    files_lost: bool | None = None,
) -> tuple[str, int]:
    """The form with what the reporter typed, and a plain word on what went wrong."""
    if files_lost is None:
        files_lost = form.is_submitted() and files_review.uploaded_any()
    uploads = current_app.extensions["wb_uploads"]
    return render_template(
        "report/new.html",
        form=form,
        problem=problem,
        files_lost=files_lost,
        max_mib=uploads.max_bytes // (1024 * 1024),
        max_files=uploads.max_files,
    ), status


def _review_page(
    form: ReportForm,
    files: Sequence[StagedFile],
    *,
    choices: dict[int, str] | None = None,
    missing: Sequence[int] = (),
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    return render_template(
        "report/review.html",
        form=form,
        files=list(enumerate(files)),
        draft_token=files_review.token(files),
        choices=choices or {},
        missing=set(missing),
        problem=problem,
        max_mib=current_app.extensions["wb_uploads"].max_bytes // (1024 * 1024),
    ), status


def _cookie(response: Response, secret: str | None) -> Response:
    return files_review.draft_cookie(response, secret, "/report")


@bp.route("/report", methods=["GET", "POST"])
def new() -> Page:
    form = ReportForm()
    if form.is_submitted() and (reason := refused_upload()):
        return form_page(form, problem=reason, status=413, files_lost=True)
    if not form.validate_on_submit():
        return form_page(form, status=400 if form.is_submitted() else 200)
    if form.nonce.data in session.get(SENT, []):
        return render_template("report/already_sent.html"), 409
    files = prepare_attachments()
    if not files:
        return _file(form, [])
    return _start_review(form, files)


def _start_review(form: ReportForm, files: list[StagedFile]) -> Page:
    """Hold the cleaned files in a new draft and show the reporter what cleaning did."""
    db = db_session()
    try:
        with transaction(db):
            drafts.sweep_expired(db, _files())
            secret = drafts.start_draft(db, _files(), form.nonce.data or "", files)
    except (SQLAlchemyError, StorageError, OSError) as error:
        log_failure(log, "a draft could not be stored; nothing was kept", error)
        return form_page(form, problem="not_saved", status=503)
    keep_staged([f.blob_id for f in files])
    page, status = _review_page(form, files)
    return _cookie(make_response(page, status), secret)


def _drop_draft(draft: OpenDraft) -> None:
    db = db_session()
    try:
        with transaction(db):
            drafts.finish_draft(db, _files(), draft)
    except (SQLAlchemyError, OSError) as error:  # it expires and is swept anyway
        log_failure(log, "a draft could not be deleted", error)


@bp.post("/report/review")
def review() -> Page:
    form = ReportForm()  # the answers, carried in the review form's hidden fields
    secret = request.cookies.get(DRAFT_COOKIE, "")
    draft = drafts.open_draft(db_session(), secret)
    if draft is None:
        if form.nonce.data in session.get(SENT, []):
            return render_template("report/already_sent.html"), 409
        page = form_page(form, problem="draft_expired", status=400, files_lost=True)
        return _cookie(make_response(*page), None)
    if reason := refused_upload():
        return _review_page(form, draft.files, problem=reason, status=413)
    if request.form.get("action") == "edit":
        _drop_draft(draft)
        return _cookie(make_response(*form_page(form, files_lost=True)), None)
    if files_review.uploaded_any() or request.form.get("action") == "check":
        return _replace(form, secret, draft)
    if not form.validate():  # only a tampered page gets here: the form checked the text
        return form_page(form, status=400, files_lost=True)
    if not files_review.shows(draft):
        return _review_page(form, draft.files, problem="changed", status=409)
    choices, missing = files_review.choices(draft)
    if missing:
        return _review_page(form, draft.files, choices=choices, missing=missing, status=400)
    return _file(form, files_review.chosen(draft, choices), draft)


def _replace(form: ReportForm, secret: str, draft: OpenDraft) -> Page:
    """Clean the replacement files chosen on the review page and show the result."""
    files = files_review.replaced(draft.files)
    if files == list(draft.files):
        return _review_page(form, files, problem="nothing_chosen", status=400)
    db = db_session()
    try:
        with transaction(db):
            updated = drafts.replace_files(db, _files(), secret, draft, files)
    except LookupError:
        return form_page(form, problem="draft_expired", status=400, files_lost=True)
    keep_staged([f.blob_id for f in updated.files])
    return _review_page(form, updated.files, problem="checked")


def _file(form: ReportForm, files: list[StagedFile], draft: OpenDraft | None = None) -> Page:
    """File the case and show the receipt, only after the commit."""
    anonymous = form.anonymity.data == "anonymous"
    report = NewReport(
        answers=form.answers(),
        anonymous=anonymous,
        identity=None if anonymous else Identity(form.name.data or "", form.contact.data or ""),
        attachments=files,
    )
    db = db_session()
    try:
        with transaction(db):
            filed = intake.file_report(
                db, report, intake_keys(), _files(), today=today(), settings=deadline_settings()
            )
            if draft is not None:
                drafts.finish_draft(db, _files(), draft)
    except ServerBusyError:
        if draft is not None:  # nothing was touched yet: the draft still holds the files
            return _review_page(form, draft.files, problem="busy", status=503)
        return form_page(form, problem="busy", status=503)
    except (SQLAlchemyError, StorageError, OSError) as error:
        log_failure(log, "a report could not be stored; nothing was kept", error)
        if draft is not None:  # the rollback deleted the files it had moved: start over
            _drop_draft(draft)
        page = form_page(form, problem="not_saved", status=503, files_lost=draft is not None)
        return _cookie(make_response(*page), None)
    session[SENT] = [*session.get(SENT, []), form.nonce.data][-20:]
    receipt = render_template(
        "report/receipt.html",
        code=filed.receipt_code,
        ack_due=filed.ack_due,
        feedback_due=filed.feedback_due,
        files=files,
    )
    response = make_response(receipt, 200)
    return response if draft is None else _cookie(response, None)
