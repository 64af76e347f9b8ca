"""Portal fixtures: the app over a fresh instance, a client, and a reporter actor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.wb_portal.actors import Reporter
from wb_portal import create_app


@pytest.fixture
def app(instance) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    app = create_app(instance.portal, TESTING=True)
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def reporter(client: FlaskClient) -> Reporter:
    return Reporter(client)
