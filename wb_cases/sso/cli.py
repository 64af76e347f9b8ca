"""`wb sso keys` and `wb sso metadata`: the service provider's key pair and metadata."""

from __future__ import annotations

import datetime as dt
import os

import click
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ..config import backoffice_from_env, common_from_env
from ..errors import WbError


@click.group("sso")
def sso_command() -> None:
    """Single sign-on set-up (docs/sso.md)."""


@sso_command.command("keys")
@click.option("--name", default="wb", show_default=True, help="Common name in the certificate.")
def keys(name: str) -> None:
    """Make the SAML service provider's signing key (secrets/) and certificate (public/)."""
    paths = common_from_env().paths
    key_path = paths.secrets_dir / "saml_sp_key.pem"
    cert_path = paths.public_dir / "saml_sp_cert.pem"
    if key_path.exists():
        raise click.ClickException(f"{key_path} exists; delete it first to make a new pair")
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3 * 365))
        .sign(key, hashes.SHA256())
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    click.echo(f"key: {key_path} (0600)\ncertificate: {cert_path} (valid three years)")


@sso_command.command("metadata")
def metadata() -> None:
    """Print our SAML metadata for the identity provider's administrator."""
    from . import saml

    try:
        settings = backoffice_from_env().sso
    except WbError as error:
        raise click.ClickException(str(error)) from None
    if settings.saml is None:
        raise click.ClickException("WB_AUTH_METHOD is not saml")
    click.echo(saml.metadata_xml(settings.saml))
