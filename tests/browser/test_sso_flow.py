"""Single sign-on in a real browser with JavaScript off: through a SAML identity provider
(pysaml2) and an OpenID provider (Authlib), then the member's key passphrase, to the inbox."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, request

from tests.browser.conftest import serving
from tests.conftest import TODAY
from tests.sso.conftest import EMPTY_METADATA, GROUP, PASSPHRASE, add_sso_member, saml_env
from tests.sso.oidc_provider import CLIENT_ID, running_provider
from tests.sso.saml_idp import make_idp, make_key_pair
from wb_backoffice import create_app
from wb_cases.config import backoffice_config
from wb_cases.sso import saml


class _Slot:
    """A WSGI app set after the server is bound (the port must be known to configure it)."""

    app: Any = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        return self.app(environ, start_response)


def _idp_app(idp: Any, sp_entity_id: str) -> Flask:
    """The identity provider's pages: a login form, then the answer as a form to submit."""
    app = Flask("test_idp")

    @app.get("/sso/redirect")
    def login_form() -> str:
        request_id, acs = idp.read_request(request.url)
        return (
            '<!doctype html><title>Kommunens login</title><form method="post" action="/sso/login">'
            f'<input type="hidden" name="rid" value="{html.escape(request_id)}">'
            f'<input type="hidden" name="acs" value="{html.escape(acs)}">'
            '<label>Bruger <input name="user" id="user"></label>'
            '<button type="submit" id="sign-in">Log ind</button></form>'
        )

    @app.post("/sso/login")
    def answer() -> str:
        saml_response = idp.respond(
            in_response_to=request.form["rid"],
            acs_url=request.form["acs"],
            sp_entity_id=sp_entity_id,
            subject=request.form["user"],
            groups=(GROUP,),
        )
        # HTTP-POST binding without JavaScript: the member presses the button.
        return (
            f'<!doctype html><form method="post" action="{html.escape(request.form["acs"])}">'
            f'<input type="hidden" name="SAMLResponse" value="{saml_response}">'
            '<button type="submit" id="continue-to-wb">Fortsæt</button></form>'
        )

    return app


@pytest.fixture
def saml_backoffice(instance) -> Iterator[str]:  # type: ignore[no-untyped-def]
    bo_slot, idp_slot = _Slot(), _Slot()
    with serving(bo_slot) as bo_url, serving(idp_slot) as idp_url:
        yield from _saml_configured(instance, bo_slot, idp_slot, bo_url, idp_url)


def _saml_configured(instance, bo_slot, idp_slot, bo_url: str, idp_url: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    paths = instance.common.paths
    key, cert = make_key_pair(paths.secrets_dir, "sp", "wb")
    key.rename(paths.secrets_dir / "saml_sp_key.pem")
    cert.rename(paths.public_dir / "saml_sp_cert.pem")
    (instance.common.data_dir / "idp-metadata.xml").write_text(EMPTY_METADATA)
    env = {**saml_env(instance), "WB_BASE_URL": bo_url}
    settings = backoffice_config(instance.common, env).sso
    idp = make_idp(
        instance.common.data_dir, saml.metadata_xml(settings.saml), f"{idp_url}/sso/redirect"
    )
    idp_slot.app = _idp_app(idp, settings.saml.entity_id)
    app = create_app(backoffice_config(instance.common, env))
    app.config.update(WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False, WB_TODAY=TODAY)
    bo_slot.app = app
    yield bo_url


def _no_js_page(browser: Any) -> Any:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )

    def loopback_only(route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", loopback_only)
    return context.new_page()


def _passphrase_to_inbox(page: Any) -> None:
    page.click("#continue")
    page.fill("input[name=passphrase]", PASSPHRASE)
    page.click("form button[type=submit]")
    assert page.locator("h1").first.inner_text().strip() != "Lås dine nøgler op"
    assert "/sso/" not in page.url and "/login" not in page.url


def test_saml_sign_in_then_passphrase_reaches_the_inbox(
    instance, db, browser, saml_backoffice
) -> None:  # type: ignore[no-untyped-def]
    add_sso_member(instance, db, "kaj", "entra-oid-1")
    page = _no_js_page(browser)
    page.goto(saml_backoffice + "/login")
    page.click("text=Log ind med kommunens login")
    page.fill("#user", "entra-oid-1")
    page.click("#sign-in")
    page.click("#continue-to-wb")
    assert "Nu mangler kun din nøglefrase" in page.content()
    _passphrase_to_inbox(page)
    assert page.url.rstrip("/") == saml_backoffice
    page.context.close()


@pytest.fixture
def oidc_backoffice(instance) -> Iterator[str]:  # type: ignore[no-untyped-def]
    slot = _Slot()
    with (
        serving(slot) as url,
        running_provider(f"{url}/sso/oidc/callback", {"oid-kaj": [GROUP]}) as provider,
    ):
        env = {
            "WB_AUTH_METHOD": "oidc",
            "WB_BASE_URL": url,
            "WB_OIDC_ISSUER": provider.issuer,
            "WB_OIDC_CLIENT_ID": CLIENT_ID,
            "WB_SSO_REQUIRED_GROUP": GROUP,
        }
        app = create_app(backoffice_config(instance.common, env))
        app.config.update(WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False, WB_TODAY=TODAY)
        slot.app = app
        yield url


def test_oidc_sign_in_then_passphrase_reaches_the_inbox(
    instance, db, browser, oidc_backoffice
) -> None:  # type: ignore[no-untyped-def]
    add_sso_member(instance, db, "kaj", "oid-kaj")
    page = _no_js_page(browser)
    page.goto(oidc_backoffice + "/login")
    page.click("text=Log ind med kommunens login")
    page.fill("#user", "oid-kaj")
    page.click("#sign-in")
    _passphrase_to_inbox(page)
    assert page.url.rstrip("/") == oidc_backoffice
    page.context.close()
