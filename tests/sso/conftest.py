"""Fixtures: a back office configured for SAML against a real pysaml2 identity provider."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from tests.sso.saml_idp import TestIdP, make_idp, make_key_pair
from wb_backoffice import create_app
from wb_cases.config import backoffice_config
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import staff as staff_service
from wb_cases.sso import saml

BASE = "http://localhost"
GROUP = "whistleblower-unit"
PASSPHRASE = "my own key passphrase"
EMPTY_METADATA = (
    '<?xml version="1.0"?><md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>'
)


@dataclass
class Saml:
    app: Flask
    idp: TestIdP
    settings: Any

    def client(self) -> FlaskClient:
        return self.app.test_client()


def saml_env(instance: Any) -> dict[str, str]:
    return {
        "WB_AUTH_METHOD": "saml",
        "WB_BASE_URL": BASE,
        "WB_SSO_REQUIRED_GROUP": GROUP,
        "WB_SAML_IDP_METADATA": str(instance.common.data_dir / "idp-metadata.xml"),
    }


def build_saml_unit(instance: Any, **extra_env: str) -> Saml:
    """The SP's key pair in the instance, the IdP trusting our metadata, and the app."""
    paths = instance.common.paths
    if not (paths.secrets_dir / "saml_sp_key.pem").exists():
        key, cert = make_key_pair(paths.secrets_dir, "saml_sp", "wb.kommune.test")
        key.rename(paths.secrets_dir / "saml_sp_key.pem")
        cert.rename(paths.public_dir / "saml_sp_cert.pem")
    metadata = instance.common.data_dir / "idp-metadata.xml"
    metadata.write_text(EMPTY_METADATA)  # our metadata first; the IdP's replaces this
    env = {**saml_env(instance), **extra_env}
    settings = backoffice_config(instance.common, env).sso
    idp = make_idp(instance.common.data_dir, saml.metadata_xml(settings.saml))
    config = backoffice_config(instance.common, env)
    app = create_app(config)
    app.config.update(TESTING=True, WB_COOKIE_SECURE=False, WB_TODAY=TODAY)
    return Saml(app, idp, config.sso)


@pytest.fixture
def saml_unit(instance: Any) -> Iterator[Saml]:
    yield build_saml_unit(instance)


def add_sso_member(
    instance: Any, db: Any, username: str, subject: str, role: Role = Role.CASEWORKER
) -> Staff:
    """A member a head added for single sign-on, who has already chosen their passphrase."""
    _, keys = staff_service.check_password(db, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    with transaction(db):
        member = staff_service.add_staff(
            db,
            keys,
            username=username,
            display_name=username.title(),
            role=role,
            password=PASSPHRASE,
            pepper=instance.backoffice.pepper,
            kdf=instance.common.kdf,
            today=TODAY,
            staff_id="test",
            sso_subject=subject,
        )
        member.must_change_password = False
    return member
