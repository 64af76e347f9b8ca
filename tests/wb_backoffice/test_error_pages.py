"""Refusals and errors read in the interface language, with the way back to the case."""

from __future__ import annotations

import re

import pytest

from .conftest import post
from .flow import Flow

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@pytest.mark.parametrize(
    ("lang", "title", "advice", "back"),
    [
        ("da", "Det kan ikke lade sig gøre nu", "før hvert forhold", "Tilbage til sagen"),
        ("en", "That cannot be done now", "until every matter", "Back to the case"),
    ],
)
def test_closing_a_case_with_open_matters_explains_what_to_do(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, title, advice, back
):
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Forhold")
    page = f"/cases/{flow.case_id}"
    response = post(head_client, f"{page}/close?lang={lang}", token_from=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert title in TITLE.search(html).group(1)  # type: ignore[union-attr]
    assert "409" not in TITLE.search(html).group(1)  # type: ignore[union-attr]
    assert advice in html and "close every matter first" not in html
    assert f'<a href="{page}">{back}</a>' in html


def test_a_missing_page_says_so_in_english_and_leads_to_the_inbox(head_client):  # type: ignore[no-untyped-def]
    html = head_client.get("/no-such-page?lang=en").get_data(as_text=True)
    assert "Page not found" in TITLE.search(html).group(1)  # type: ignore[union-attr]
    assert '<a href="/">To the inbox</a>' in html
