"""Triage starts from the report: what the reporter answered arrives filled in and marked,
and the acknowledgement follows their relation (union paragraph for employees)."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.helpers import DEFAULT_ANSWERS, file_report
from wb_cases.models import Matter

from .conftest import post


def _selected(page: str, name: str) -> str | None:
    select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S)
    assert select_html, f"no {name} field"
    chosen = re.search(
        r'<option[^>]*selected[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"[^>]*selected',
        select_html.group(0),
    )
    return None if chosen is None else (chosen.group(1) or chosen.group(2))


def _first_matter(instance, db, head_client, answers) -> tuple[str, Matter]:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, answers={**DEFAULT_ANSWERS, **answers})
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Fakturaer"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    return filed.case_id, matter


def test_the_reporters_answers_arrive_prefilled_and_marked(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    _, matter = _first_matter(
        instance, db, head_client, {"relation": "partner", "retaliation": "yes"}
    )
    page = head_client.get(f"/matters/{matter.id}/triage").get_data(as_text=True)
    assert _selected(page, "reporter_relation") == "partner_supplier"
    retaliation = re.search(r'<input[^>]*name="retaliation_indication"[^>]*>', page).group(0)
    assert "checked" in retaliation
    assert page.count("fra indberetningen") >= 3  # relation, anonymity, retaliation + the hint


def test_an_employees_acknowledgement_includes_the_union_paragraph_by_default(
    instance, db, head_client
) -> None:  # type: ignore[no-untyped-def]
    employee = file_report(instance, db, answers={**DEFAULT_ANSWERS, "relation": "employee"})
    partner = file_report(instance, db, answers={**DEFAULT_ANSWERS, "relation": "partner"})
    ticked = re.compile(
        r'<input[^>]*name="employee"[^>]*checked|<input[^>]*checked[^>]*name="employee"'
    )
    assert ticked.search(head_client.get(f"/cases/{employee.case_id}").get_data(as_text=True))
    assert not ticked.search(head_client.get(f"/cases/{partner.case_id}").get_data(as_text=True))


def test_the_prefilled_relation_reads_as_on_the_report(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    """The case page shows an employee as "ansat i kommunen"; the triage form says the same."""
    case_id, matter = _first_matter(instance, db, head_client, {"relation": "employee"})
    assert "ansat i kommunen" in head_client.get(f"/cases/{case_id}").get_data(as_text=True)
    page = head_client.get(f"/matters/{matter.id}/triage").get_data(as_text=True)
    assert _selected(page, "reporter_relation") == "employee"
    assert re.search(r"<option[^>]*selected[^>]*>ansat i kommunen</option>", page), page


def test_the_mark_and_the_help_are_read_with_their_field(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    """A screen reader reads «fra indberetningen» and the help text with the control itself."""
    _, matter = _first_matter(instance, db, head_client, {"relation": "employee"})
    page = head_client.get(f"/matters/{matter.id}/triage").get_data(as_text=True)
    control = re.search(r'<select[^>]*name="reporter_relation"[^>]*>', page).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', control).group(1).split()
    texts = [
        re.sub(r"<[^>]+>", "", re.search(rf'id="{i}">(.*?)</small>', page, re.S).group(1))
        for i in described
    ]
    assert texts[-1] == "fra indberetningen" and "tilknytning" in texts[0], texts
    category = re.search(r'<select[^>]*name="category"[^>]*>', page).group(0)
    assert "-note" not in category  # the reporter did not answer this one
