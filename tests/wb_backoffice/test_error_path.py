"""One error path: a view shows the project's own refusals as form errors, never a bug."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from wb_cases.models import Matter
from wb_cases.services import triage as triage_service

from .conftest import post
from .test_triage_views import FINANCE


def _matter(instance, db, head_client) -> Matter:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Fakturaer"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    assert matter is not None
    return matter


def test_a_bug_behind_the_triage_form_is_not_turned_into_a_form_error(
    instance, db, head_client, monkeypatch
):  # type: ignore[no-untyped-def]
    matter = _matter(instance, db, head_client)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("a bug in the code, not in the facts")

    monkeypatch.setattr(triage_service, "preview_triage", broken)
    with pytest.raises(TypeError):  # the app's error page, not "400, please correct the form"
        post(
            head_client,
            f"/matters/{matter.id}/triage/preview",
            FINANCE,
            token_from=f"/matters/{matter.id}/triage",
        )


def test_facts_the_engine_refuses_come_back_as_a_form_error_naming_the_paragraph(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    matter = _matter(instance, db, head_client)
    contradictory = {**FINANCE, "threshold": "neither", "gravity": "gross"}
    response = post(
        head_client,
        f"/matters/{matter.id}/triage/preview",
        contradictory,
        token_from=f"/matters/{matter.id}/triage",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Hvad indberetningen påstår" in html and "Grovhed (umiddelbart)" in html
    assert "§ 24c, stk. 2" in html
    assert db.scalar(select(Matter.status).where(Matter.id == matter.id)) == "untriaged"
