"""An act on a matter answers with the matter's place on the case page, and a matter that
does not exist is a 404 whether or not the form was filled in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from wb_cases.models import Matter

from .conftest import post

ACTS = ["request", "hearing", "outcome", "instance-outcome", "administration-report", "compliance"]


@pytest.mark.parametrize("act", [*ACTS, "close"])
def test_an_act_on_a_matter_that_does_not_exist_is_not_found(instance, db, head_client, act):  # type: ignore[no-untyped-def]
    response = post(head_client, f"/matters/987654/{act}", token_from="/")
    assert response.status_code == 404


def test_an_outcome_form_sent_empty_returns_to_that_matter_on_its_case_page(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    case_page = f"/cases/{filed.case_id}"
    post(head_client, f"{case_page}/split", {"titles": "x\ny"}, token_from=case_page)
    second = db.scalar(
        select(Matter).where(Matter.case_id == filed.case_id).order_by(Matter.seq.desc())
    )
    assert second.seq == 2
    response = post(head_client, f"/matters/{second.id}/outcome", token_from=case_page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{case_page}#matter-2")
