"""SAML 2.0 service provider (OIOSAML profile) on pysaml2, with Debian's xmlsec1 checking every
signature: we never parse or verify an XML signature ourselves.

What an accepted response must be (each refused otherwise, tests/sso/test_saml_attacks.py):
signed assertions (`want_assertions_signed`), addressed to us (audience and recipient),
within its validity window, answering a request we issued (`InResponseTo`, unsolicited
responses off), carrying the stable subject, and — when configured — the required
authentication context. Replays are stopped one level up (`wb_cases.services.sso`).
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

from . import ProviderIdentity, SamlSettings, SsoRefused

with warnings.catch_warnings():
    # pysaml2 imports a cipher mode `cryptography` deprecates; it is not used for signatures.
    warnings.simplefilter("ignore")
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.client import Saml2Client
    from saml2.config import SPConfig
    from saml2.metadata import entity_descriptor
    from saml2.response import StatusError
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, AuthnContextClassRef
    from saml2.samlp import RequestedAuthnContext
    from saml2.sigver import SignatureError
    from saml2.validate import ResponseLifetimeExceed, ToEarly


def sp_config(settings: SamlSettings) -> SPConfig:
    """pysaml2's configuration for our service provider."""
    config = SPConfig()
    config.load(
        {
            "entityid": settings.entity_id,
            "xmlsec_binary": settings.xmlsec_binary,
            "key_file": str(settings.sp_key),
            "cert_file": str(settings.sp_cert),
            "metadata": {"local": [str(settings.idp_metadata)]},
            "allow_unknown_attributes": True,
            "service": {
                "sp": {
                    "endpoints": {
                        "assertion_consumer_service": [(settings.acs_url, BINDING_HTTP_POST)]
                    },
                    "authn_requests_signed": True,
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "allow_unsolicited": False,
                    "name_id_format": NAMEID_FORMAT_PERSISTENT,
                    "name_id_format_allow_create": True,
                    "requested_attributes": [],
                }
            },
            "accepted_time_diff": 60,
        }
    )
    return config


def _client(settings: SamlSettings) -> Saml2Client:
    return Saml2Client(config=sp_config(settings))


def metadata_xml(settings: SamlSettings) -> str:
    """Our SP metadata for the identity provider's administrator (signed requests, ACS)."""
    return str(entity_descriptor(sp_config(settings)))


def start_login(settings: SamlSettings) -> tuple[str, str]:
    """A signed AuthnRequest, HTTP-Redirect binding: (request id, URL for the browser)."""
    client = _client(settings)
    extra: dict[str, Any] = {}
    if settings.required_authn_context:
        extra["requested_authn_context"] = RequestedAuthnContext(
            authn_context_class_ref=[AuthnContextClassRef(text=settings.required_authn_context)],
            comparison="exact",
        )
    request_id, info = client.prepare_for_authenticate(
        binding=BINDING_HTTP_REDIRECT,
        sign=True,
        sigalg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        **extra,
    )
    location = dict(info["headers"])["Location"]
    return str(request_id), str(location)


def finish_login(
    settings: SamlSettings, saml_response: str, open_requests: list[str]
) -> ProviderIdentity:
    """Verify an HTTP-POST response answering one of `open_requests`; SsoRefused otherwise.

    The caller then takes that request (`ProviderIdentity.answers`) exactly once.
    """
    client = _client(settings)
    outstanding = {request_id: "/" for request_id in open_requests}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            response = client.parse_authn_request_response(
                saml_response, BINDING_HTTP_POST, outstanding
            )
    except (SignatureError, ResponseLifetimeExceed, ToEarly, StatusError) as error:
        raise SsoRefused("saml_rejected", type(error).__name__) from None
    except Exception as error:  # noqa: BLE001 - pysaml2 raises many types; all mean "refused"
        raise SsoRefused("saml_rejected", type(error).__name__) from None
    if response is None:
        raise SsoRefused("saml_rejected", "no response")
    return _identity(settings, response)


def _identity(settings: SamlSettings, response: Any) -> ProviderIdentity:
    assertion = response.assertion
    if assertion is None or assertion.signature is None and not response.response.signature:
        raise SsoRefused("saml_unsigned")
    if (
        len(response.response.assertion or []) + len(response.response.encrypted_assertion or [])
        != 1
    ):
        raise SsoRefused("saml_assertion_count")
    attributes = response.get_identity()
    subject = _subject(settings, response, attributes)
    context = _authn_context(response)
    if settings.required_authn_context and context != settings.required_authn_context:
        raise SsoRefused("saml_authn_context", str(context))
    groups = frozenset(str(g) for g in attributes.get(settings.group_attribute, []))
    expires = _not_on_or_after(assertion)
    answers = str(response.in_response_to or "")
    if answers not in set(response.outstanding_queries or {}):
        raise SsoRefused("saml_unsolicited")
    return ProviderIdentity(subject, groups, f"saml:{assertion.id}", expires, context, answers)


def _subject(settings: SamlSettings, response: Any, attributes: dict[str, list[Any]]) -> str:
    if settings.subject_attribute:
        values = attributes.get(settings.subject_attribute) or []
        if len(values) != 1 or not str(values[0]).strip():
            raise SsoRefused("saml_subject")
        return str(values[0]).strip()
    name_id = response.name_id
    if name_id is None or name_id.format != NAMEID_FORMAT_PERSISTENT or not name_id.text:
        raise SsoRefused("saml_subject", "a persistent NameID is required")
    return str(name_id.text).strip()


def _authn_context(response: Any) -> str | None:
    for statement in response.assertion.authn_statement or []:
        ref = statement.authn_context and statement.authn_context.authn_context_class_ref
        if ref is not None and ref.text:
            return str(ref.text).strip()
    return None


def _not_on_or_after(assertion: Any) -> dt.datetime:
    """When the assertion stops being valid: replay records are kept until then."""
    from saml2.time_util import str_to_time

    latest = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    conditions = assertion.conditions
    if conditions is not None and conditions.not_on_or_after:
        value = str_to_time(conditions.not_on_or_after)
        year, month, day, hour, minute, second = value[:6]
        ends = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
        latest = max(latest, ends)
    return latest
