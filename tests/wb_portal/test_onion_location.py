"""The clearnet portal points Tor Browser users to its onion address, only when there is one;
and the portal's listener answers no back-office route."""

from __future__ import annotations

import dataclasses

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from tests.onion_helpers import make_onion_address
from wb_cases.config import ConfigError, common_from_env
from wb_portal import create_app


def test_no_onion_header_or_line_without_an_address(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    assert "Onion-Location" not in response.headers
    assert ".onion" not in response.get_data(as_text=True)


def test_the_onion_address_is_announced_in_the_header_and_on_the_start_page(instance) -> None:  # type: ignore[no-untyped-def]
    address = make_onion_address()
    app = create_app(dataclasses.replace(instance.portal, onion_address=address), TESTING=True)
    client = app.test_client()
    start = client.get("/")
    assert start.headers["Onion-Location"] == f"http://{address}/"
    assert address in start.get_data(as_text=True)
    assert "onion-adresse" in start.get_data(as_text=True)
    english = client.get("/?lang=en")
    assert english.headers["Onion-Location"] == f"http://{address}/?lang=en"
    assert "onion address" in english.get_data(as_text=True)
    # Any page, not only the start page: Tor Browser offers the same page on the onion.
    other = client.get("/report")
    assert other.headers["Onion-Location"].startswith(f"http://{address}/report")


def test_no_header_on_the_onion_itself(instance) -> None:  # type: ignore[no-untyped-def]
    address = make_onion_address()
    app = create_app(dataclasses.replace(instance.portal, onion_address=address), TESTING=True)
    response = app.test_client().get("/", headers={"Host": address})
    assert "Onion-Location" not in response.headers


def test_a_malformed_onion_address_stops_start_up_naming_the_variable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="WB_ONION_ADDRESS"):
        common_from_env({"WB_DATA_DIR": str(tmp_path), "WB_ONION_ADDRESS": "example.onion"})


def test_no_back_office_route_answers_on_the_portal(instance, app) -> None:  # type: ignore[no-untyped-def]
    from wb_backoffice import create_app as create_backoffice

    backoffice = create_backoffice(instance.backoffice)
    portal_routes = app.url_map.bind("portal.test")
    checked = 0
    for rule in backoffice.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule == "/":
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<{argument}>", "x")
        path = "".join(part.split(":")[-1] if "<" in part else part for part in path.split(">"))
        path = path.replace("<", "")
        for method in rule.methods or ():
            with pytest.raises((NotFound, MethodNotAllowed)):
                portal_routes.match(path, method=method)
        checked += 1
    assert checked > 20  # the back office has many routes; none is the portal's
