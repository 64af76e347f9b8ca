"""Blueprint "followup": receipt login (throttled), status, messages, add information, logout.

The receipt opens a server-side session: the cookie holds one random secret,
the row holds the case id and receipt key encrypted under it (docs/architecture.md § 2,
Sessions). Every wrong code gets the same page.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response as BaseResponse

from wb_cases.db import transaction
from wb_cases.errors import ServerBusyError, StorageError, UnknownReceiptError
from wb_cases.services import drafts, reporter_access, sessions
from wb_cases.services.drafts import OpenDraft
from wb_cases.services.reporter_access import ReporterAccess
from wb_cases.storage import FileStore, StagedFile
from wb_cases.web.database import backend, db_session
from wb_cases.web.env import today
from wb_cases.web.uploads import keep_staged, refused_upload

from . import review as files_review
from .attachments import prepare_attachments
from .errors import log_failure
from .forms import LONG, LogoutForm, MessageForm, ReceiptForm
from .report import intake_keys

bp = Blueprint("followup", __name__, url_prefix="/followup")
log = logging.getLogger(__name__)
# The review pages this browser sent (digests of random ids): a second "Send" of the same
# page says "sent" instead of "your files were deleted".
SENT_REVIEWS = "sent_reviews"
COOKIE = "wb_reporter"
IDLE = sessions.REPORTER_IDLE
ABSOLUTE = dt.timedelta(hours=4)


def _set_cookie(response: BaseResponse, secret: str) -> None:
    response.set_cookie(
        COOKIE,
        secret,
        path="/followup",
        httponly=True,
        samesite="Strict",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def _clear_cookie(response: BaseResponse) -> None:
    response.delete_cookie(
        COOKIE,
        path="/followup",
        httponly=True,
        samesite="Strict",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def _encode(access: ReporterAccess) -> bytes:
    return json.dumps(
        {"case": access.case_id, "key": base64.b64encode(access.receipt_key).decode()}
    ).encode()


def _decode(payload: bytes) -> ReporterAccess:
    data = json.loads(payload)
    return ReporterAccess(data["case"], base64.b64decode(data["key"]))


def reporter_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Resume the reporter's session into `g.access`, or send them to the receipt form."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        secret = request.cookies.get(COOKIE, "")
        with transaction(db_session()):
            opened = sessions.resume_session(db_session(), secret, sessions.REPORTER, idle=IDLE)
        if opened is None:
            response: BaseResponse
            if request.method == "POST" and request.endpoint in (
                "followup.case",
                "followup.review",
            ):
                response = make_response(*_carry_to_login(request.form.get("text", "")))
            else:
                response = redirect(url_for("followup.login"))
            if secret:
                _clear_cookie(response)
            return response
        g.access = _decode(opened.payload)
        return view(*args, **kwargs)

    return wrapper


def _login_page(form: ReceiptForm, *, wrong: bool = False, status: int = 200) -> tuple[str, int]:
    form.code.data = ""  # a receipt code is never written back into a page
    return render_template("followup/login.html", form=form, wrong=wrong), status


def _carry_to_login(text: str) -> tuple[str, int]:
    """The session ended while the reporter wrote: log in again, and the message comes along."""
    return _login_page(ReceiptForm(formdata=None, carried=text[:LONG]))


def _case_page(form: MessageForm, *, status: int = 200, problem: str | None = None) -> str:
    view = reporter_access.read_case_as_reporter(db_session(), g.access)
    return render_template(
        "followup/case.html", case=view, form=form, logout=LogoutForm(), problem=problem
    )


def expired_form_page() -> Any:
    """The follow-up form's token expired: the case page (or the login) with the text kept."""
    text = request.form.get("text", "")
    secret = request.cookies.get(COOKIE, "")
    with transaction(db_session()):
        opened = sessions.resume_session(db_session(), secret, sessions.REPORTER, idle=IDLE)
    if opened is None:
        page, _ = _carry_to_login(text)
        return page, 400
    g.access = _decode(opened.payload)
    form = MessageForm(formdata=None, text=text[:LONG])
    return _case_page(form, problem="expired"), 400


@bp.route("", methods=["GET", "POST"])
def login() -> Any:
    form = ReceiptForm()
    if not form.validate_on_submit():
        return _login_page(form, status=400 if form.is_submitted() else 200)
    if not current_app.extensions["wb_receipt_throttle"].take():
        raise ServerBusyError("receipt logins are throttled")
    session = db_session()
    try:
        with transaction(session):
            access = reporter_access.open_case_with_receipt(
                session, form.code.data or "", intake_keys()
            )
            # Sessions and drafts that ended are swept as new ones start (and by `wb sweep`).
            drafts.sweep_expired(session, backend().file_store)
            secret = sessions.start_session(
                session, sessions.REPORTER, _encode(access), idle=IDLE, absolute=ABSOLUTE
            )
    except UnknownReceiptError:
        return _login_page(form, wrong=True, status=400)
    response: BaseResponse
    if form.carried.data:  # the message typed before the session ended, back in its box
        g.access = access
        page = _case_page(MessageForm(formdata=None, text=form.carried.data), problem="carried")
        response = make_response(page)
    else:
        response = redirect(url_for("followup.case"), code=303)
    _set_cookie(response, secret)
    return response


@bp.route("/case", methods=["GET", "POST"])
@reporter_required
def case() -> Any:
    """The case page; a message with files goes to the review first (`review`)."""
    form = MessageForm()
    if form.validate_on_submit() and not refused_upload():
        files = prepare_attachments()
        if files:
            return _start_review(form, files)
        if not form.text.data:
            form.text.errors = [*form.text.errors, _empty_message()]
        else:
            return _send(form, [])
    if form.is_submitted() and (reason := refused_upload()):
        return _case_page(form, problem=reason), 413
    return _case_page(form), 400 if form.is_submitted() else 200


def _files() -> FileStore:
    return backend().file_store


def _owner() -> str:
    """What a message's draft is bound to: the case, so a draft made in one case's session
    is never sent into another's."""
    return f"message:{g.access.case_id}"


def _draft_cookie(response: BaseResponse, secret: str | None) -> BaseResponse:
    return files_review.draft_cookie(response, secret, "/followup")


def _review_page(
    form: MessageForm,
    files: Sequence[StagedFile],
    *,
    choices: dict[int, str] | None = None,
    missing: Sequence[int] = (),
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    return render_template(
        "followup/review.html",
        form=form,
        files=list(enumerate(files)),
        draft_token=files_review.token(files),
        choices=choices or {},
        missing=set(missing),
        problem=problem,
        max_mib=current_app.extensions["wb_uploads"].max_bytes // (1024 * 1024),
    ), status


def _start_review(form: MessageForm, files: list[StagedFile]) -> Any:
    """Hold the cleaned files in a draft and show the reporter what cleaning did."""
    db = db_session()
    try:
        with transaction(db):
            drafts.sweep_expired(db, _files())
            secret = drafts.start_draft(db, _files(), _owner(), files)
    except (SQLAlchemyError, StorageError, OSError) as error:
        log_failure(log, "a message's draft could not be stored; nothing was kept", error)
        return _back_to_case(form, "not_saved", 503)
    keep_staged([f.blob_id for f in files])
    return _draft_cookie(make_response(*_review_page(form, files)), secret)


def _back_to_case(form: MessageForm, problem: str, status: int = 400) -> Any:
    """The case page with the text in the box and the files to choose again."""
    kept = MessageForm(formdata=None, text=(form.text.data or "")[:LONG])
    return _draft_cookie(make_response(_case_page(kept, problem=problem), status), None)


@bp.post("/review")
@reporter_required
def review() -> Any:
    """Send the message with the files the reporter chose, leave out, or check a replacement."""
    form = MessageForm()  # the text, carried in the review form's hidden field
    secret = request.cookies.get(files_review.COOKIE, "")
    draft = drafts.open_draft(db_session(), secret)
    if draft is None and request.form.get(files_review.SHOWN_FIELD) in session.get(
        SENT_REVIEWS, []
    ):
        flash("sent")  # a second press of the same page: it went the first time
        return redirect(url_for("followup.case", _anchor="latest"), code=303)
    if draft is None or draft.nonce != _owner():
        if draft is not None:  # made in another case's session: it can never be sent
            _drop_draft(draft)
        return _back_to_case(form, "draft_expired")
    if reason := refused_upload():
        return _review_page(form, draft.files, problem=reason, status=413)
    if request.form.get("action") == "edit":
        _drop_draft(draft)
        return _back_to_case(form, "files_again", 200)
    if files_review.uploaded_any() or request.form.get("action") == "check":
        return _replace(form, secret, draft)
    if not form.validate():  # only a tampered page gets here: the case page checked the text
        _drop_draft(draft)
        return _back_to_case(form, "files_again")
    if not files_review.shows(draft):
        return _review_page(form, draft.files, problem="changed", status=409)
    choices, missing = files_review.choices(draft)
    if missing:
        return _review_page(form, draft.files, choices=choices, missing=missing, status=400)
    chosen = files_review.chosen(draft, choices)
    if not chosen and not form.text.data:
        return _review_page(form, draft.files, choices=choices, problem="empty", status=400)
    return _send(form, chosen, draft)


def _replace(form: MessageForm, secret: str, draft: OpenDraft) -> Any:
    """Clean the replacement files chosen on the review page and show the result."""
    files = files_review.replaced(draft.files)
    if files == list(draft.files):
        return _review_page(form, files, problem="nothing_chosen", status=400)
    db = db_session()
    try:
        with transaction(db):
            updated = drafts.replace_files(db, _files(), secret, draft, files)
    except LookupError:
        return _back_to_case(form, "draft_expired")
    keep_staged([f.blob_id for f in updated.files])
    return _review_page(form, updated.files, problem="checked")


def _drop_draft(draft: OpenDraft) -> None:
    db = db_session()
    try:
        with transaction(db):
            drafts.finish_draft(db, _files(), draft)
    except (SQLAlchemyError, OSError) as error:  # it expires and is swept anyway
        log_failure(log, "a message's draft could not be deleted", error)


def _send(form: MessageForm, files: list[StagedFile], draft: OpenDraft | None = None) -> Any:
    """Add the message (and delete its draft) in one transaction, then show the case.

    Busy: nothing was touched, so the review (or the text) comes back to send again. A
    storage failure rolls back the files it had moved, so the draft goes too and the
    reporter chooses the files again; the text is kept either way.
    """
    db = db_session()
    try:
        with transaction(db):
            reporter_access.add_reporter_message(
                db, g.access, form.text.data or "", _files(), today=today(), attachments=files
            )
            if draft is not None:
                drafts.finish_draft(db, _files(), draft)
    except ServerBusyError:
        if draft is not None:
            return _review_page(form, draft.files, problem="busy", status=503)
        return _case_page(form, problem="busy"), 503
    except (SQLAlchemyError, StorageError, OSError) as error:
        log_failure(log, "a message could not be stored; nothing was kept", error)
        if draft is not None:
            _drop_draft(draft)
        return _back_to_case(form, "not_saved", 503)
    flash("sent")
    response = redirect(url_for("followup.case", _anchor="latest"), code=303)
    if draft is None:
        return response
    sent = [*session.get(SENT_REVIEWS, []), files_review.token(draft.files)]
    session[SENT_REVIEWS] = sent[-20:]
    return _draft_cookie(response, None)


def _empty_message() -> str:
    from flask_babel import gettext

    return gettext("Write a message or attach a file")


@bp.get("/files/<file_id>")
@reporter_required
def download(file_id: str) -> Response:
    download = reporter_access.open_attachment(
        db_session(), backend().file_store, g.access, file_id
    )
    response = Response(download.chunks, mimetype="application/octet-stream")
    # Never shown inline: a hostile file must not run in the portal's origin.
    response.headers.set("Content-Disposition", "attachment", filename=download.name)
    return response


@bp.post("/logout")
def logout() -> BaseResponse:
    # CSRFProtect has checked the token before this view runs.
    secret = request.cookies.get(COOKIE, "")
    if secret:
        with transaction(db_session()):
            sessions.end_session(db_session(), secret)
    # Files waiting for a decision go too: the next person at this browser finds nothing.
    draft = drafts.open_draft(db_session(), request.cookies.get(files_review.COOKIE, ""))
    if draft is not None:
        _drop_draft(draft)
    response = redirect(url_for("followup.logged_out"), code=303)
    _clear_cookie(response)
    _draft_cookie(response, None)
    return response


@bp.get("/done")
def logged_out() -> str:
    return render_template("followup/logged_out.html")
