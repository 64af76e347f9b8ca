"""The case page's header names the owner, the next deadline and the one next step."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.helpers import file_report
from wb_cases.models import Case, Matter

from .conftest import post


def _next_step(page: str) -> str:
    found = re.search(
        r'class="next-step">.*?<a class="button primary" href="([^"]+)">([^<]+)</a>', page, re.S
    )
    assert found, "no next step in the header"
    return f"{found.group(2).strip()} -> {found.group(1)}"


def test_the_next_step_follows_the_case_from_acknowledgement_to_triage(
    instance, db, head_client
) -> None:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert _next_step(page) == "Send kvittering -> #acknowledge"
    assert "Ansvarlig: <strong>ingen</strong>" in page

    post(
        head_client,
        f"/cases/{filed.case_id}/acknowledge",
        {"employee": "y"},
        token_from=f"/cases/{filed.case_id}",
    )
    page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert _next_step(page) == "Del indberetningen i forhold -> #matters"

    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Fakturaer\nArbejdstid"},
        token_from=f"/cases/{filed.case_id}",
    )
    first = db.scalar(select(Matter).where(Matter.case_id == filed.case_id).order_by(Matter.seq))
    page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert _next_step(page) == f"Vurder næste forhold -> /matters/{first.id}/triage"
    db.expire_all()
    assert db.get(Case, filed.case_id).acknowledged is not None


def test_the_header_is_in_english_on_english_pages(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    page = head_client.get(f"/cases/{filed.case_id}?lang=en").get_data(as_text=True)
    assert _next_step(page) == "Send the acknowledgement -> #acknowledge"
