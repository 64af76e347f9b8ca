"""Single sign-on: the identity provider proves who a member is; it never unlocks a key.

`saml` (SAML 2.0 with pysaml2 and xmlsec1) and `oidc` (OpenID Connect, code flow with
PKCE, with Authlib/joserfc) each turn the provider's answer into a `ProviderIdentity`;
`wb_cases.services.sso` decides whether that identity may sign in (docs/sso.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WbError


class SsoRefused(WbError):
    """The provider's answer is not acceptable; `reason` is a code for the audit log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class ProviderIdentity:
    """What a verified provider answer says: a stable subject, groups, and one-time facts."""

    subject: str
    groups: frozenset[str]
    token_id: str  # the assertion id or the ID token's jti/nonce: consumed once
    expires: dt.datetime
    authn_context: str | None = None
    answers: str = ""  # the request id (SAML) or state (OpenID Connect) this answers


@dataclass(frozen=True)
class SamlSettings:
    entity_id: str
    acs_url: str
    idp_metadata: Path
    sp_key: Path
    sp_cert: Path
    subject_attribute: str | None = None  # None: the persistent NameID
    group_attribute: str = "groups"
    required_authn_context: str | None = None
    xmlsec_binary: str = "/usr/bin/xmlsec1"


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    redirect_url: str
    client_secret: str | None = None
    metadata_url: str = ""
    subject_claim: str = "sub"
    group_claim: str = "groups"
    algorithms: tuple[str, ...] = ("RS256", "PS256", "ES256")


@dataclass(frozen=True)
class SsoSettings:
    """The operator's choice: `local` (password + TOTP), `saml` or `oidc`."""

    method: str = "local"
    required_group: str | None = None
    inactive_days: int = 30
    saml: SamlSettings | None = None
    oidc: OidcSettings | None = field(default=None)

    @property
    def enabled(self) -> bool:
        return self.method != "local"
