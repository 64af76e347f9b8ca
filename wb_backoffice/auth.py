"""Login (password + TOTP), first-login set-up, logout; `@staff_required` injects `staff`.

The cookie holds one random secret; the server-side row holds the unlocked keys
encrypted under it (wb_cases.services.sessions). Logout deletes the row and with it
the keys. A set-up session (first login, or after a TOTP reset) can only finish
set-up; it is replaced by a fresh full session when set-up is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import segno
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from wb_cases.db import transaction
from wb_cases.errors import LoginFailedError, PermissionDeniedError
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import sessions, staff_auth
from wb_cases.services.staff_auth import Stage
from wb_cases.web.database import db_session

from .env import cfg, today
from .forms import ActionForm, LoginForm, NewPasswordForm, TotpForm

bp = Blueprint("auth", __name__)
COOKIE = "wb_staff"
F = TypeVar("F", bound=Callable[..., Any])


def _timeouts() -> tuple[dt.timedelta, dt.timedelta]:
    config = cfg()
    return (
        dt.timedelta(minutes=config.idle_timeout_minutes),
        dt.timedelta(hours=config.absolute_timeout_hours),
    )


def set_cookie(response: BaseResponse, secret: str) -> BaseResponse:
    response.set_cookie(
        COOKIE,
        secret,
        secure=current_app.config["WB_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
        path="/",
    )
    return response


def _clear_cookie(response: BaseResponse) -> BaseResponse:
    response.delete_cookie(
        COOKIE,
        path="/",
        secure=current_app.config["WB_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )
    return response


def current_session() -> tuple[Staff, str, Any] | None:
    """Resume the request's staff session: (staff, stage, keys), or None."""
    if "wb_auth" in g:
        return g.wb_auth  # type: ignore[no-any-return]
    secret = request.cookies.get(COOKIE, "")
    result = None
    if secret:
        session = db_session()
        idle, _absolute = _timeouts()
        with transaction(session):
            opened = sessions.resume_session(session, secret, sessions.STAFF, idle=idle)
        if opened is not None and opened.staff_id is not None:
            staff = session.get(Staff, opened.staff_id)
            if staff is not None and staff.active:
                stage, keys = staff_auth.read_payload(opened.payload)
                result = (staff, stage, keys)
    g.wb_auth = result
    return result


# The unit's own staff, who work the cases; the committee reads summaries only.
UNIT = (Role.CASEWORKER, Role.HEAD)


def staff_required(*roles: str) -> Callable[[F], F]:
    """Let a fully logged-in member with one of `roles` in; inject them as `staff`."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            found = current_session()
            if found is None:
                return redirect(url_for("auth.login"))
            staff, stage, keys = found
            if stage == Stage.PROVIDER:  # signed in at the provider, keys still locked
                return redirect(url_for("sso.passphrase"))
            if stage != Stage.FULL:
                return redirect(url_for("auth.setup"))
            if roles and staff.role not in roles:
                abort(403)
            g.staff, g.keys = staff, keys
            return view(*args, staff=staff, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def current_keys() -> Any:
    return g.get("keys")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if cfg().sso.enabled:  # single sign-on: no password login at all (docs/sso.md)
        return render_template("auth/login_sso.html")
    form = LoginForm()
    if form.validate_on_submit():
        session = db_session()
        config = cfg()
        paths = config.common.paths
        idle, absolute = _timeouts()
        secret = None
        with transaction(session):
            outcome = staff_auth.log_in(
                session,
                form.username.data or "",
                form.password.data or "",
                form.code.data or "",
                pepper=config.pepper,
                kdf=config.common.kdf,
                today=today(),
                # As on disk now, proof or not: a forged proof must not hide a swap.
                public_keys=(paths.read_public("unit"), paths.read_public("custodian")),
            )
            if outcome.ok:
                secret = sessions.start_session(
                    session,
                    sessions.STAFF,
                    staff_auth.session_payload(outcome.stage, outcome.keys),
                    idle=idle,
                    absolute=absolute,
                    staff_id=outcome.staff_id,
                )
        if secret is not None:
            target = "cases.index" if outcome.stage == Stage.FULL else "auth.setup"
            if outcome.used_recovery_code:
                flash(_("Du loggede ind med en gendannelseskode; den kan ikke bruges igen."))
            return set_cookie(redirect(url_for(target)), secret)
        flash(
            _("Forkert brugernavn, adgangskode eller kode – eller kontoen er midlertidigt låst."),
            "error",
        )
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> Any:
    ActionForm()  # CSRF is checked by CSRFProtect before we get here
    secret = request.cookies.get(COOKIE, "")
    if secret:
        session = db_session()
        with transaction(session):
            sessions.end_session(session, secret)
    return _clear_cookie(redirect(url_for("auth.login")))


def _qr_svg(uri: str) -> Markup:
    # segno renders our own URI; nothing from a user reaches this markup.
    return Markup(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"))  # noqa: S704


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> Any:
    """First login: a new password, then TOTP enrolment, then recovery codes (shown once)."""
    found = current_session()
    if found is None:
        return redirect(url_for("auth.login"))
    staff, stage, keys = found
    session = db_session()
    config = cfg()
    if staff.must_change_password:
        form = NewPasswordForm()
        if form.validate_on_submit():
            try:
                with transaction(session):
                    staff_auth.change_own_password(
                        session,
                        staff,
                        keys,
                        form.password.data or "",
                        pepper=config.pepper,
                        kdf=config.common.kdf,
                        today=today(),
                    )
                return redirect(url_for("auth.setup"))
            except PermissionDeniedError as error:
                flash(str(error), "error")
        return render_template("auth/setup_password.html", form=form)
    if stage == Stage.PROVIDER:
        return redirect(url_for("sso.passphrase"))
    if not staff.totp_enrolled and not config.sso.enabled:
        totp_form = TotpForm()
        if totp_form.validate_on_submit():
            try:
                with transaction(session):
                    codes = staff_auth.confirm_totp_enrolment(
                        session,
                        staff,
                        totp_form.code.data or "",
                        pepper=config.pepper,
                        today=today(),
                    )
                    secret = _upgrade(session, staff, keys)
                return set_cookie(
                    make_response(render_template("auth/recovery_codes.html", codes=codes)), secret
                )
            except LoginFailedError:
                flash(_("Koden passer ikke. Tjek uret på enheden, og prøv igen."), "error")
        with transaction(session):
            totp_secret = staff_auth.start_totp_enrolment(session, staff, pepper=config.pepper)
        uri = staff_auth.provisioning_uri(totp_secret, staff.username)
        return render_template(
            "auth/setup_totp.html",
            form=totp_form,
            qr=_qr_svg(uri),
            text_secret=staff_auth.text_secret(totp_secret),
        )
    if stage == Stage.FULL:
        return redirect(url_for("cases.index"))
    with transaction(session):
        secret = _upgrade(session, staff, keys)
    return set_cookie(redirect(url_for("cases.index")), secret)


def _upgrade(session: Any, staff: Staff, keys: Any) -> str:
    """Replace the set-up session with a full one (a fresh secret)."""
    return replace_session(session, staff.id, Stage.FULL, keys)


def start_staff_session(session: Any, staff_id: str, stage: str, keys: Any) -> str:
    """A new staff session row; returns the secret for the cookie."""
    idle, absolute = _timeouts()
    return sessions.start_session(
        session,
        sessions.STAFF,
        staff_auth.session_payload(stage, keys),
        idle=idle,
        absolute=absolute,
        staff_id=staff_id,
    )


def replace_session(session: Any, staff_id: str, stage: str, keys: Any) -> str:
    """End the request's session and start one at `stage` (a fresh secret, never reused)."""
    old = request.cookies.get(COOKIE, "")
    if old:
        sessions.end_session(session, old)
    return start_staff_session(session, staff_id, stage, keys)
