"""OpenID Connect relying party: authorisation code flow with PKCE (S256), state and nonce.

The ID token is checked with joserfc against the provider's published keys (JWKS):
only the asymmetric algorithms configured (never `none`, never an HMAC algorithm, so
a token "signed" with the public key as an HMAC secret is refused), then `iss`, `aud`,
`exp`, `iat` and `nonce`. We never verify a signature by hand.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from . import OidcSettings, ProviderIdentity, SsoRefused

TIMEOUT = 10
LEEWAY = 60


@dataclass(frozen=True)
class StartedLogin:
    url: str
    state: str
    nonce: str
    verifier: str


def _get_json(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise SsoRefused("oidc_insecure_url", url)
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read(1 << 20))
    except (OSError, ValueError) as error:
        raise SsoRefused("oidc_provider_unreachable", type(error).__name__) from None


def provider_metadata(settings: OidcSettings) -> dict[str, Any]:
    """The provider's discovery document; its issuer must be the one configured."""
    metadata: dict[str, Any] = _get_json(settings.metadata_url)
    if metadata.get("issuer", "").rstrip("/") != settings.issuer.rstrip("/"):
        raise SsoRefused("oidc_wrong_issuer", "discovery document")
    return metadata


def start_login(settings: OidcSettings) -> StartedLogin:
    """The authorisation URL, with a fresh state, nonce and PKCE verifier to remember."""
    metadata = provider_metadata(settings)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    query = {
        "response_type": "code",
        "client_id": settings.client_id,
        "redirect_uri": settings.redirect_url,
        "scope": "openid",
        "state": state,
        "nonce": nonce,
        "code_challenge": create_s256_code_challenge(verifier),
        "code_challenge_method": "S256",
    }
    url = f"{metadata['authorization_endpoint']}?{urllib.parse.urlencode(query)}"
    return StartedLogin(url, state, nonce, verifier)


def finish_login(
    settings: OidcSettings, code: str, *, nonce: str, verifier: str
) -> ProviderIdentity:
    """Exchange the code (with the PKCE verifier) and verify the ID token; SsoRefused if not."""
    if not code or not nonce or not verifier:
        raise SsoRefused("oidc_incomplete")
    metadata = provider_metadata(settings)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": settings.redirect_url,
        "client_id": settings.client_id,
        "code_verifier": verifier,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if settings.client_secret:
        pair = f"{settings.client_id}:{settings.client_secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    tokens = _get_json(metadata["token_endpoint"], urllib.parse.urlencode(form).encode(), headers)
    id_token = tokens.get("id_token") if isinstance(tokens, dict) else None
    if not isinstance(id_token, str):
        raise SsoRefused("oidc_no_id_token")
    keys = KeySet.import_key_set(_get_json(metadata["jwks_uri"]))
    return verify_id_token(settings, id_token, keys, nonce=nonce)


def verify_id_token(
    settings: OidcSettings, id_token: str, keys: KeySet, *, nonce: str
) -> ProviderIdentity:
    """Check signature (allowed algorithms only), issuer, audience, times and nonce."""
    try:
        token = jwt.decode(id_token, keys, algorithms=list(settings.algorithms))
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY,
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": settings.client_id},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
            sub={"essential": True},
        )
        registry.validate(token.claims)
    except (JoseError, ValueError) as error:
        raise SsoRefused("oidc_token_rejected", type(error).__name__) from None
    claims = token.claims
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != settings.client_id:
        raise SsoRefused("oidc_token_rejected", "azp")
    subject = claims.get(settings.subject_claim)
    if not isinstance(subject, str) or not subject.strip():
        raise SsoRefused("oidc_subject")
    groups = claims.get(settings.group_claim) or []
    expires = dt.datetime.fromtimestamp(int(claims["exp"]) + LEEWAY, tz=dt.UTC)
    token_id = f"oidc:{claims['iss']}:{claims.get('jti') or nonce}"
    context = claims.get("acr") if isinstance(claims.get("acr"), str) else None
    return ProviderIdentity(
        subject.strip(), frozenset(str(g) for g in groups), token_id, expires, context
    )
