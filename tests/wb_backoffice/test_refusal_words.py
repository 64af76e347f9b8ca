"""A rule's refusal reads in the interface language and names fields by their labels.

The policies refuse with a code and the field codes involved; the triage page must say
in Danish (or English) which answers do not fit together, never the field codes or the
engine's English sentence.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import select

import policies
from tests.helpers import file_report
from wb_backoffice import refusals
from wb_cases.models import Matter

from .conftest import post
from .test_triage_views import FINANCE, flash_errors

# No top official named, yet the top official is the subject: a refused combination.
NO_TOP_OFFICIAL_AS_SUBJECT = {**FINANCE, "top_official": "none", "top_official_is_subject": "y"}
FIELD_CODES = re.compile(r"\b(?:top_official\w*|[a-z]+_[a-z_]+)\b")


def _refused(instance, db, client, lang: str) -> str:  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        client,
        f"/cases/{filed.case_id}/split",
        {"titles": "x"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    response = post(
        client,
        f"/matters/{matter.id}/triage/preview?lang={lang}",
        NO_TOP_OFFICIAL_AS_SUBJECT,
        token_from=f"/matters/{matter.id}/triage?lang={lang}",
    )
    assert response.status_code == 400
    [error] = flash_errors(response)
    return error


def test_a_danish_triage_page_names_the_contradicting_fields_in_danish(instance, db, head_client):  # type: ignore[no-untyped-def]
    error = _refused(instance, db, head_client, "da")
    assert "passer ikke sammen" in error
    assert "»Topperson, forholdet angår«" in error
    assert "»Toppersonen er selv genstand for forholdet«" in error
    assert "(Beretning 2023, initiativ 4)" in error  # the rule it enforces
    assert not FIELD_CODES.findall(error) and "the matter" not in error


def test_an_english_triage_page_says_it_in_english(instance, db, head_client):  # type: ignore[no-untyped-def]
    error = _refused(instance, db, head_client, "en")
    assert "do not fit together" in error
    assert "passer" not in error and "Topperson" not in error
    assert not FIELD_CODES.findall(error)


def _every_refusal() -> list[policies.PolicyViolation]:
    """One refusal of each code, with data as the policies give it."""
    p = policies.paragraph("§ 24c, stk. 2")
    data = {
        policies.Refusal.HEARING_FIRST: {"outcomes": ("criticism", "henstilling")},
        policies.Refusal.OUTSIDE_COMPETENCE_OUTCOMES: {"outcomes": ("opinion",)},
        policies.Refusal.NOT_A_REPORTER_DUTY: {"kind": "hearing"},
        policies.Refusal.FEEDBACK_OWED: {"kinds": ("feedback", "provisional_feedback")},
        policies.Refusal.TRANSITION_NOT_ALLOWED: {"current": "closed", "event": "forward"},
    }
    fields = ("gravity", "documentable", "criticism_level", "outcomes")
    return [
        policies.PolicyViolation(
            p, "the English reason", code=code, data=data.get(code, {"fields": fields})
        )
        for code in policies.Refusal
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_refusal_code_has_a_sentence_without_codes(app, lang):  # type: ignore[no-untyped-def]
    with app.test_request_context(f"/?lang={lang}"):
        for error in _every_refusal():
            assert error.code in refusals.POLICY, error.code
            text = html_lib.unescape(refusals.explain(error))
            assert not FIELD_CODES.findall(text), (error.code, text)
            assert error.reason not in text


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("da", "Handlingen »luk forholdet« er ikke mulig, når forholdet er ikke vurderet."),
        ("en", "The act “close the matter” is not possible while the matter is not triaged."),
    ],
)
def test_an_act_the_status_does_not_allow_is_refused_in_the_interface_language(
    instance, db, head_client, lang, expected
):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    case_page = f"/cases/{filed.case_id}"
    post(head_client, f"{case_page}/split", {"titles": "x"}, token_from=case_page)
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    response = post(head_client, f"/matters/{matter.id}/close?lang={lang}", token_from=case_page)
    page = html_lib.unescape(response.get_data(as_text=True))
    assert response.status_code == 409
    assert expected in page and "§ 24f, stk. 1, nr. 4" in page
    assert "untriaged" not in page and "is not allowed in status" not in page
