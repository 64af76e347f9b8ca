"""Records fixtures: the back-office app and a logged-in head of unit, a portal client,
and a case with two attachments and a confidential identity whose name is a canary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers import file_report
from tests.wb_backoffice.conftest import app, client, head_client  # noqa: F401
from tests.wb_backoffice.flow import Flow
from wb_cases.services.intake import FiledReport, Identity

CANARY = "KANARIE-7Q3X Navnesen"
CANARY_CONTACT = "kanarie-7q3x@example.org"
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


@pytest.fixture
def portal_client(instance: Any) -> Iterator[FlaskClient]:
    from wb_portal import create_app

    yield create_app(instance.portal, TESTING=True).test_client()


@pytest.fixture
def flow(instance: Any, db: Any) -> Flow:
    return Flow(instance, db)


@pytest.fixture
def confidential_case(instance: Any, db: Any) -> FiledReport:
    return file_report(
        instance,
        db,
        anonymous=False,
        identity=Identity(CANARY, CANARY_CONTACT),
        answers={"what": "Fakturaer betalt to gange", "where": "Indkøb"},
        files=[("faktura æøå.pdf", b"%PDF-1.4\n% bilag et\n"), ("foto.txt", b"bilag to")],
    )
