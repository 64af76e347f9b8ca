"""OpenID Connect sign-in against a real provider (Authlib's AuthorizationServer): code flow
with PKCE and nonce; every forged or misaddressed ID token is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from tests.conftest import TODAY
from tests.sso.conftest import GROUP, PASSPHRASE, add_sso_member
from tests.sso.oidc_provider import CLIENT_ID, Provider, running_provider
from wb_backoffice import create_app
from wb_cases.config import backoffice_config
from wb_cases.sso import OidcSettings, SsoRefused, oidc

BASE = "http://localhost"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def provider() -> Iterator[Provider]:
    groups = {"oid-kaj": [GROUP], "oid-outsider": ["other"]}
    with running_provider(f"{BASE}/sso/oidc/callback", groups) as running:
        yield running


@pytest.fixture
def oidc_app(instance, provider):  # type: ignore[no-untyped-def]
    env = {
        "WB_AUTH_METHOD": "oidc",
        "WB_BASE_URL": BASE,
        "WB_OIDC_ISSUER": provider.issuer,
        "WB_OIDC_CLIENT_ID": CLIENT_ID,
        "WB_SSO_REQUIRED_GROUP": GROUP,
    }
    app = create_app(backoffice_config(instance.common, env))
    app.config.update(TESTING=True, WB_COOKIE_SECURE=False, WB_TODAY=TODAY)
    return app


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _sign_in_at_provider(authorize_url: str, user: str) -> str:
    """The member signs in at the provider, which sends the browser back with a code."""
    parsed = urllib.parse.urlsplit(authorize_url)
    form = dict(urllib.parse.parse_qsl(parsed.query), user=user)
    target = urllib.parse.urlunsplit(parsed._replace(query=""))
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(target, urllib.parse.urlencode(form).encode(), timeout=10)  # noqa: S310
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302
        return str(redirect.headers["Location"])
    raise AssertionError("the provider did not redirect back")


def _callback_path(location: str) -> str:
    parts = urllib.parse.urlsplit(location)
    return f"{parts.path}?{parts.query}"


def test_provider_then_passphrase_reaches_the_inbox(instance, db, oidc_app) -> None:  # type: ignore[no-untyped-def]
    add_sso_member(instance, db, "kaj", "oid-kaj")
    client = oidc_app.test_client()
    start = client.get("/sso/start")
    assert start.status_code == 302
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start.headers["Location"]).query))
    assert query["code_challenge_method"] == "S256" and query["nonce"] and query["state"]
    back = client.get(_callback_path(_sign_in_at_provider(start.headers["Location"], "oid-kaj")))
    assert back.status_code == 200, back.get_data(as_text=True)[:300]
    assert client.get("/").headers["Location"].endswith("/sso/passphrase")
    page = client.get("/sso/passphrase").get_data(as_text=True)
    done = client.post(
        "/sso/passphrase",
        data={"passphrase": PASSPHRASE, "csrf_token": CSRF.search(page).group(1)},
    )
    assert done.status_code == 302
    assert client.get("/").status_code == 200


def test_a_member_outside_the_group_cannot_sign_in(instance, db, oidc_app) -> None:  # type: ignore[no-untyped-def]
    add_sso_member(instance, db, "outsider", "oid-outsider")
    client = oidc_app.test_client()
    start = client.get("/sso/start")
    back = client.get(
        _callback_path(_sign_in_at_provider(start.headers["Location"], "oid-outsider"))
    )
    assert back.status_code == 403


def test_a_callback_replayed_or_with_a_foreign_state_is_refused(instance, db, oidc_app) -> None:  # type: ignore[no-untyped-def]
    add_sso_member(instance, db, "kaj", "oid-kaj")
    client = oidc_app.test_client()
    start = client.get("/sso/start")
    callback = _callback_path(_sign_in_at_provider(start.headers["Location"], "oid-kaj"))
    assert client.get(callback).status_code == 200
    assert oidc_app.test_client().get(callback).status_code == 403  # the state is used up
    assert client.get("/sso/oidc/callback?code=x&state=made-up").status_code == 403


# --- forged ID tokens -----------------------------------------------------------------------


@pytest.fixture
def key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "k1"})


SETTINGS = OidcSettings(
    issuer="https://login.kommune.test", client_id=CLIENT_ID, redirect_url=f"{BASE}/cb"
)


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": SETTINGS.issuer,
        "aud": CLIENT_ID,
        "sub": "oid-kaj",
        "iat": now,
        "exp": now + 300,
        "nonce": "n-1",
        "groups": [GROUP],
    }
    claims.update(changes)
    return claims


def _verify(token: str, key: RSAKey) -> Any:
    return oidc.verify_id_token(SETTINGS, token, KeySet([key]), nonce="n-1")


def test_an_honest_token_is_accepted(key: RSAKey) -> None:
    token = jwt.encode({"alg": "RS256", "kid": "k1"}, _claims(), key)
    identity = _verify(token, key)
    assert identity.subject == "oid-kaj" and GROUP in identity.groups


@pytest.mark.parametrize(
    "changes",
    [
        {"iss": "https://evil.test"},
        {"aud": "another-client"},
        {"nonce": "n-2"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
    ],
    ids=["wrong-issuer", "wrong-audience", "wrong-nonce", "expired"],
)
def test_a_misaddressed_token_is_refused(key: RSAKey, changes: dict[str, Any]) -> None:
    token = jwt.encode({"alg": "RS256", "kid": "k1"}, _claims(**changes), key)
    with pytest.raises(SsoRefused):
        _verify(token, key)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_an_unsigned_alg_none_token_is_refused(key: RSAKey) -> None:
    header = _b64(json.dumps({"alg": "none"}).encode())
    payload = _b64(json.dumps(_claims()).encode())
    with pytest.raises(SsoRefused):
        _verify(f"{header}.{payload}.", key)


def test_an_hmac_token_signed_with_the_public_key_is_refused(key: RSAKey) -> None:
    # The classic confusion attack, built by hand as an attacker would (joserfc itself
    # refuses to make an HMAC key from a public key).
    public_pem = key.as_pem(private=False)
    signing_input = (
        _b64(json.dumps({"alg": "HS256", "kid": "k1"}).encode())
        + "."
        + _b64(json.dumps(_claims()).encode())
    )
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    token = f"{signing_input}.{_b64(signature)}"
    with pytest.raises(SsoRefused):
        _verify(token, key)


def test_a_token_signed_by_another_key_is_refused(key: RSAKey) -> None:
    other = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    token = jwt.encode({"alg": "RS256", "kid": "k1"}, _claims(), other)
    with pytest.raises(SsoRefused):
        _verify(token, key)


def test_hmac_and_none_cannot_be_configured(instance) -> None:  # type: ignore[no-untyped-def]
    from wb_cases.errors import ConfigError

    env = {
        "WB_AUTH_METHOD": "oidc",
        "WB_BASE_URL": BASE,
        "WB_OIDC_ISSUER": "https://login.kommune.test",
        "WB_OIDC_CLIENT_ID": CLIENT_ID,
    }
    for algorithms in ("HS256", "none", "RS256,HS512"):
        with pytest.raises(ConfigError, match="WB_OIDC_ALGORITHMS"):
            backoffice_config(instance.common, {**env, "WB_OIDC_ALGORITHMS": algorithms})
