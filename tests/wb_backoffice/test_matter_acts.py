"""An act on a matter answers with the matter's place on the case page, and a matter that
does not exist is a 404 whether or not the form was filled in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from wb_cases.models import Matter

from .conftest import post

FORM_ACTS = ["outcome", "instance-outcome", "compliance"]  # a form with fields to fill
BUTTON_ACTS = ["request", "hearing", "administration-report"]  # one button, no fields
ACTS = [*FORM_ACTS, *BUTTON_ACTS]


@pytest.mark.parametrize("act", [*ACTS, "close"])
def test_an_act_on_a_matter_that_does_not_exist_is_not_found(instance, db, head_client, act):  # type: ignore[no-untyped-def]
    response = post(head_client, f"/matters/987654/{act}", token_from="/")
    assert response.status_code == 404


@pytest.mark.parametrize("act", FORM_ACTS)
def test_an_act_sent_empty_returns_to_that_matter_on_its_case_page(instance, db, head_client, act):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    case_page = f"/cases/{filed.case_id}"
    post(head_client, f"{case_page}/split", {"titles": "x\ny"}, token_from=case_page)
    second = db.scalar(
        select(Matter).where(Matter.case_id == filed.case_id).order_by(Matter.seq.desc())
    )
    assert second.seq == 2
    response = post(head_client, f"/matters/{second.id}/{act}", token_from=case_page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{case_page}#matter-2")
    page = head_client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'class="flash error"' in page and "Intet er registreret. Udfyld:" in page


@pytest.mark.parametrize("act", BUTTON_ACTS)
def test_a_button_act_an_untriaged_matter_does_not_allow_is_refused_with_the_reason(
    instance, db, head_client, act
):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    case_page = f"/cases/{filed.case_id}"
    post(head_client, f"{case_page}/split", {"titles": "x"}, token_from=case_page)
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    response = post(head_client, f"/matters/{matter.id}/{act}", token_from=case_page)
    assert response.status_code == 409
    assert "Intet er gemt." in response.get_data(as_text=True)  # and why, in words
