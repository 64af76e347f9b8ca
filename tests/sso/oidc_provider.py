"""A real OpenID provider for the tests, built with Authlib's AuthorizationServer.

Authorisation code flow with PKCE (required) and the OpenIDCode extension (nonce required):
the provider signs ID tokens with its own RSA key and publishes discovery and JWKS. It runs
on a loopback port in a thread, since the back office fetches its documents over HTTP.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, request
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

CLIENT_ID = "wb-backoffice"


@dataclass
class Client(ClientMixin):
    redirect_uri: str

    def get_client_id(self) -> str:
        return CLIENT_ID

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(s for s in scope.split() if s in {"openid", "profile"})

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri == self.redirect_uri

    def check_client_secret(self, client_secret: str) -> bool:
        return False

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "none"  # a public client: PKCE protects the code

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    user: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str | None:
        return "mfa"

    def get_amr(self) -> list[str]:
        return ["pwd", "mfa"]


@dataclass
class Provider:
    """The running provider: its issuer URL, signing key and the users it knows."""

    issuer: str
    key: RSAKey
    groups: dict[str, list[str]]
    app: Flask

    def ready(self) -> None:
        """Nothing to do; the server thread serves until the context ends."""


def make_provider(redirect_uri: str, groups: dict[str, list[str]]) -> tuple[Flask, RSAKey]:
    key = RSAKey.generate_key(2048, parameters={"kid": "test-1", "use": "sig", "alg": "RS256"})
    app = Flask("test_oidc_provider")
    app.config["SECRET_KEY"] = secrets.token_bytes(16)
    client = Client(redirect_uri)
    codes: dict[str, Code] = {}
    issuer_box: dict[str, str] = {}

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

        def save_authorization_code(self, code: str, request: Any) -> None:
            payload = request.payload
            codes[code] = Code(
                code,
                request.user,
                payload.redirect_uri,
                payload.scope,
                payload.data.get("nonce"),
                payload.data.get("code_challenge"),
                payload.data.get("code_challenge_method"),
            )

        def query_authorization_code(self, code: str, client: Any) -> Code | None:
            return codes.get(code)

        def delete_authorization_code(self, authorization_code: Code) -> None:
            codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: Code) -> str:
            return authorization_code.user

    class IdToken(OpenIDCode):
        def exists_nonce(self, nonce: str, request: Any) -> bool:
            return any(c.nonce == nonce for c in codes.values())

        def resolve_client_private_key(self, client: Any) -> RSAKey:
            return key

        def get_client_algorithm(self, client: Any) -> str:
            return "RS256"

        def get_client_claims(self, client: Any) -> dict[str, Any]:
            return {"iss": issuer_box["iss"], "aud": [CLIENT_ID], "exp": int(time.time()) + 300}

        def get_encode_header(self, client: Any) -> dict[str, str]:
            return {"alg": "RS256", "kid": "test-1"}

        def generate_user_info(self, user: str, scope: str) -> UserInfo:
            return UserInfo(sub=user, groups=groups.get(user, []))

    server = AuthorizationServer(
        app,
        query_client=lambda cid: client if cid == CLIENT_ID else None,
        save_token=lambda token, req: None,
    )
    server.register_grant(CodeGrant, [IdToken(require_nonce=True), CodeChallenge(required=True)])

    @app.get("/.well-known/openid-configuration")
    def discovery() -> Any:
        iss = issuer_box["iss"]
        return jsonify(
            issuer=iss,
            authorization_endpoint=f"{iss}/authorize",
            token_endpoint=f"{iss}/token",
            jwks_uri=f"{iss}/jwks",
            response_types_supported=["code"],
            id_token_signing_alg_values_supported=["RS256"],
            code_challenge_methods_supported=["S256"],
        )

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(keys=[key.as_dict(private=False)])

    @app.get("/authorize")
    def authorize_form() -> str:
        # The provider's own login page: works without JavaScript.
        hidden = "".join(
            f'<input type="hidden" name="{k}" value="{v}">' for k, v in request.args.items()
        )
        return (
            '<!doctype html><title>Kommunens login</title><form method="post" action="/authorize">'
            f'{hidden}<label>Bruger <input name="user" id="user"></label>'
            '<button type="submit" id="sign-in">Log ind</button></form>'
        )

    @app.post("/authorize")
    def authorize() -> Any:
        user = request.form["user"]
        grant = server.get_consent_grant(end_user=user)
        return server.create_authorization_response(grant=grant, grant_user=user)

    @app.post("/token")
    def token() -> Any:
        return server.create_token_response()

    app.config["issuer_box"] = issuer_box
    return app, key


@contextmanager
def running_provider(redirect_uri: str, groups: dict[str, list[str]]) -> Iterator[Provider]:
    app, key = make_provider(redirect_uri, groups)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    issuer = f"http://127.0.0.1:{server.server_port}"
    app.config["issuer_box"]["iss"] = issuer
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Provider(issuer, key, groups, app)
    finally:
        server.shutdown()
