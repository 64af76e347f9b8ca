"""A real SAML identity provider for the tests, built with pysaml2 itself.

It has its own key and certificate (made here with `cryptography`), publishes metadata,
reads our signed AuthnRequests and signs its assertions through xmlsec1, as Entra ID or a
KOMBIT-style federation would. `TestIdP.respond` builds the HTTP-POST response an honest
provider would send; the attack tests then tamper with it.
"""

from __future__ import annotations

import base64
import datetime as dt
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.metadata import entity_descriptor
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
    from saml2.server import Server

MFA = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
IDP_ENTITY = "https://idp.kommune.test/saml"


def make_key_pair(directory: Path, name: str, common_name: str) -> tuple[Path, Path]:
    """A 2048-bit RSA key and a self-signed certificate, as PEM files."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@dataclass
class TestIdP:
    server: Server
    metadata: Path
    sso_url: str

    __test__ = False  # not a test class

    def read_request(self, redirect_url: str) -> tuple[str, str]:
        """Verify our signed AuthnRequest from the redirect URL; return (request id, ACS URL)."""
        query = parse_qs(urlparse(redirect_url).query)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # pysaml2 checks the redirect binding's query signature against our metadata.
            request = self.server.parse_authn_request(
                query["SAMLRequest"][0],
                BINDING_HTTP_REDIRECT,
                relay_state=query.get("RelayState", [None])[0],
                sigalg=query["SigAlg"][0],
                signature=query["Signature"][0],
            )
        message = request.message
        return message.id, message.assertion_consumer_service_url

    def respond(
        self,
        *,
        in_response_to: str | None,
        acs_url: str,
        sp_entity_id: str,
        subject: str,
        groups: tuple[str, ...] = ("whistleblower-unit",),
        authn_context: str = MFA,
        sign_assertion: bool = True,
        sign_response: bool = False,
        issue_instant_offset: dt.timedelta | None = None,
    ) -> str:
        """The base64 SAMLResponse an honest IdP would POST to our ACS."""
        identity = {"groups": list(groups), "mail": [f"{subject}@kommune.test"]}
        name_id = NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            response = self.server.create_authn_response(
                identity,
                in_response_to,
                acs_url,
                sp_entity_id,
                name_id=name_id,
                authn={"class_ref": authn_context, "authn_auth": IDP_ENTITY},
                sign_assertion=sign_assertion,
                sign_response=sign_response,
            )
        return base64.b64encode(str(response).encode()).decode()


def make_idp(
    directory: Path, sp_metadata_xml: str, sso_url: str = "https://idp.kommune.test/sso/redirect"
) -> TestIdP:
    """An IdP that trusts our SP's metadata; its own metadata file is written for the SP."""
    key, cert = make_key_pair(directory, "idp", "idp.kommune.test")
    sp_metadata = directory / "sp-metadata.xml"
    sp_metadata.write_text(sp_metadata_xml)
    config = IdPConfig()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        config.load(
            {
                "entityid": IDP_ENTITY,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "key_file": str(key),
                "cert_file": str(cert),
                "metadata": {"local": [str(sp_metadata)]},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(sso_url, BINDING_HTTP_REDIRECT)],
                        },
                        "want_authn_requests_signed": True,
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {
                            "default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}
                        },
                    }
                },
            }
        )
        server = Server(config=config)
        metadata = directory / "idp-metadata.xml"
        metadata.write_text(str(entity_descriptor(config)))
    return TestIdP(server, metadata, sso_url)


__all__ = ["BINDING_HTTP_POST", "MFA", "TestIdP", "make_idp", "make_key_pair"]
