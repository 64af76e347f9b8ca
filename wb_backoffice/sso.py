"""Blueprint "sso": sign in at the municipality's identity provider, then unlock with the
member's own key passphrase (docs/sso.md).

The provider's answer gives a session with no key (Stage.PROVIDER): every case, note and
identity page sends it to the passphrase page. Only the passphrase, which the provider
never sees, unwraps the member's keys.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from wb_cases.db import transaction
from wb_cases.services import sso as sso_service
from wb_cases.services import staff_auth
from wb_cases.services.staff_auth import Stage
from wb_cases.sso import SsoRefused, saml
from wb_cases.web.database import db_session

from .auth import current_session, replace_session, set_cookie, start_staff_session
from .env import cfg, today
from .forms import PassphraseForm

bp = Blueprint("sso", __name__, url_prefix="/sso")


def _settings() -> Any:
    settings = cfg().sso
    if not settings.enabled:
        abort(404)
    return settings


@bp.get("/start")
def start() -> Any:
    """Send the browser to the provider with a request we remember (10 minutes, once)."""
    settings = _settings()
    session = db_session()
    with transaction(session):
        if settings.method == "saml":
            request_id, location = saml.start_login(settings.saml)
            sso_service.remember_request(session, request_id)
        else:
            from wb_cases.sso import oidc

            started = oidc.start_login(settings.oidc)
            sso_service.remember_request(
                session, started.state, nonce=started.nonce, verifier=started.verifier
            )
            location = started.url
    return redirect(location)


@bp.get("/saml/metadata")
def saml_metadata() -> Response:
    settings = _settings()
    if settings.saml is None:
        abort(404)
    response = make_response(saml.metadata_xml(settings.saml))
    response.headers["Content-Type"] = "application/samlmetadata+xml"
    return response


@bp.post("/saml/acs")
def saml_acs() -> Any:
    """The provider's HTTP-POST answer (no CSRF token: the signed answer is the proof)."""
    settings = _settings()
    if settings.saml is None:
        abort(404)
    raw = request.form.get("SAMLResponse", "")

    def verify(session: Any) -> Any:
        identity = saml.finish_login(settings.saml, raw, sso_service.open_requests(session))
        if sso_service.take_request(session, identity.answers) is None:
            raise SsoRefused("saml_unsolicited")
        return identity

    return _admit(verify)


@bp.get("/oidc/callback")
def oidc_callback() -> Any:
    settings = _settings()
    if settings.oidc is None:
        abort(404)
    from wb_cases.sso import oidc

    def verify(session: Any) -> Any:
        state = request.args.get("state", "")
        taken = sso_service.take_request(session, state)
        if taken is None:
            raise SsoRefused("oidc_unknown_state")
        nonce, verifier = taken
        return oidc.finish_login(
            settings.oidc, request.args.get("code", ""), nonce=nonce or "", verifier=verifier or ""
        )

    return _admit(verify)


def _admit(verify: Any) -> Any:
    """Verify the answer, admit the member, start a key-less session; or refuse, audited."""
    session = db_session()
    try:
        with transaction(session):
            identity = verify(session)
            member = sso_service.admit(session, identity, cfg().sso, today=today())
            secret = start_staff_session(session, member.id, Stage.PROVIDER, None)
    except SsoRefused as refused:
        with transaction(session):
            sso_service.record_refusal(session, refused, today=today())
        return make_response(render_template("auth/sso_refused.html"), 403)
    # A page, not a redirect: the cookie is SameSite=Strict and this request came from the
    # provider's site, so the next step must be a navigation the member starts here.
    return set_cookie(make_response(render_template("auth/sso_continue.html")), secret)


@bp.route("/passphrase", methods=["GET", "POST"])
def passphrase() -> Any:
    """The member's own key passphrase: the only thing that unwraps their keys."""
    _settings()
    found = current_session()
    if found is None:
        return redirect(url_for("auth.login"))
    staff, stage, _keys = found
    if stage != Stage.PROVIDER:
        return redirect(url_for("cases.index"))
    form = PassphraseForm()
    if form.validate_on_submit():
        session = db_session()
        config = cfg()
        with transaction(session):
            outcome = staff_auth.log_in(
                session,
                staff.username,
                form.passphrase.data or "",
                "",
                pepper=config.pepper,
                kdf=config.common.kdf,
                today=today(),
                provider_verified=True,
            )
            secret = (
                replace_session(session, staff.id, outcome.stage, outcome.keys)
                if outcome.ok
                else None
            )
        if secret is not None:
            target = "cases.index" if outcome.stage == Stage.FULL else "auth.setup"
            return set_cookie(make_response(redirect(url_for(target))), secret)
        flash(_("Forkert nøglefrase – eller kontoen er midlertidigt låst."), "error")
    return render_template("auth/passphrase.html", form=form, member=staff)
