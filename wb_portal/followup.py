"""Blueprint "followup": receipt login (throttled), status, messages, add information, logout.

The receipt opens a server-side session: the cookie holds one random secret,
the row holds the case id and receipt key encrypted under it (design.md § 2,
Sessions). Every wrong code gets the same page.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
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
    url_for,
)

from wb_cases.db import transaction
from wb_cases.errors import ServerBusyError, UnknownReceiptError
from wb_cases.services import drafts, reporter_access, sessions
from wb_cases.services.reporter_access import ReporterAccess
from wb_cases.web.database import backend, db_session
from wb_cases.web.env import today
from wb_cases.web.uploads import refused_upload

from .attachments import prepare_attachments
from .forms import LONG, LogoutForm, MessageForm, ReceiptForm
from .report import intake_keys

bp = Blueprint("followup", __name__, url_prefix="/followup")
COOKIE = "wb_reporter"
IDLE = sessions.REPORTER_IDLE
ABSOLUTE = dt.timedelta(hours=4)


def _set_cookie(response: Response, secret: str) -> None:
    response.set_cookie(
        COOKIE,
        secret,
        path="/followup",
        httponly=True,
        samesite="Strict",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def _clear_cookie(response: Response) -> None:
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
            if request.method == "POST" and request.endpoint == "followup.case":
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
    form = MessageForm()
    if form.validate_on_submit() and not refused_upload():
        files = prepare_attachments()
        if not form.text.data and not files:
            form.text.errors = [*form.text.errors, _empty_message()]
        else:
            session = db_session()
            with transaction(session):
                reporter_access.add_reporter_message(
                    session,
                    g.access,
                    form.text.data or "",
                    backend().file_store,
                    today=today(),
                    attachments=files,
                )
            flash("sent")
            return redirect(url_for("followup.case", _anchor="latest"), code=303)
    if form.is_submitted() and (reason := refused_upload()):
        return _case_page(form, problem=reason), 413
    return _case_page(form), 400 if form.is_submitted() else 200


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
def logout() -> Response:
    # CSRFProtect has checked the token before this view runs.
    secret = request.cookies.get(COOKIE, "")
    if secret:
        with transaction(db_session()):
            sessions.end_session(db_session(), secret)
    response = redirect(url_for("followup.logged_out"), code=303)
    _clear_cookie(response)
    return response


@bp.get("/done")
def logged_out() -> str:
    return render_template("followup/logged_out.html")
