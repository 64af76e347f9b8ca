"""The password rule is the server's, said in words: no browser tooltip decides it."""

from __future__ import annotations

import re

from sqlalchemy import select

from wb_cases.models import Staff

from .conftest import post


def test_a_short_first_password_gets_the_servers_message_and_no_member(head_client, db) -> None:  # type: ignore[no-untyped-def]
    page = head_client.get("/admin/staff").get_data(as_text=True)
    password_input = re.search(r'<input[^>]*name="password"[^>]*>', page).group(0)
    assert "minlength" not in password_input  # else the browser stops it with a tooltip
    response = post(
        head_client,
        "/admin/staff",
        {
            "username": "kaj",
            "display_name": "Kaj",
            "role": "caseworker",
            "password": "too short",
        },
        token_from="/admin/staff",
        follow_redirects=True,
    )
    assert "Adgangskoden skal have mindst 12 tegn." in response.get_data(as_text=True)
    assert db.scalar(select(Staff).where(Staff.username == "kaj")) is None


def test_the_message_is_english_on_english_pages(head_client) -> None:  # type: ignore[no-untyped-def]
    response = post(
        head_client,
        "/admin/staff?lang=en",
        {"username": "kaj", "display_name": "Kaj", "role": "caseworker", "password": "short"},
        token_from="/admin/staff?lang=en",
        follow_redirects=True,
    )
    assert "The password must have at least 12 characters." in response.get_data(as_text=True)
