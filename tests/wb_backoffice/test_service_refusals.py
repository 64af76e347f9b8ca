"""A service's refusal reads in the unit's words: what happened and what to do, in Danish
or English, on the page the user was on or on the error page with the way back; never the
service's English reason, a code or the generic sentence."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from wb_backoffice import refusals
from wb_cases.errors import Refused, WbError
from wb_cases.models import Deadline, Matter, Staff
from wb_cases.models.staff import Role

from .conftest import add_member, post
from .test_triage_views import flash_errors

REFUSAL = re.compile(r'<p class="refusal">(.*?)</p>', re.S)
GENERIC = ("Handlingen passer ikke til sagens tilstand", "does not fit the case's present state")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _refusal(response: Any) -> str:
    """The sentence of the error page (409), checked for the way back to the case."""
    page = html_lib.unescape(response.get_data(as_text=True))
    assert response.status_code == 409, page
    match = REFUSAL.search(page)
    assert match, page
    return match.group(1)


def _words(text: str, reason: str) -> str:
    assert reason not in text and not any(g in text for g in GENERIC), text
    assert not CODE.findall(text), text
    return text


def _case(instance: Any, db: Any, client: Any) -> str:
    filed = file_report(instance, db)
    return f"/cases/{filed.case_id}"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "En sag kan højst have 20 forhold"),
        ("en", "A case can hold at most 20 matters"),
    ],
)
def test_splitting_beyond_the_matters_a_case_holds_says_the_limit(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, expected
):
    page = _case(instance, db, head_client)
    titles = "\n".join(f"Forhold {n}" for n in range(21))
    response = post(head_client, f"{page}/split?lang={lang}", {"titles": titles}, token_from=page)
    assert expected in _words(_refusal(response), "a case holds at most")


@pytest.mark.parametrize(
    ("lang", "act", "reason", "expected"),
    [
        ("da", "reopen", "the case is not closed", "Sagen er ikke afsluttet"),
        ("en", "reopen", "the case is not closed", "The case is not closed"),
        ("da", "keep-closed", "since the case closed", "Indberetteren har ikke skrevet"),
        ("en", "keep-closed", "since the case closed", "The reporter has not written"),
        ("da", "hold/lift", "the case is not held", "Sagen er ikke tilbageholdt"),
        ("en", "hold/lift", "the case is not held", "The case is not on legal hold"),
    ],
)
def test_an_act_for_a_closed_or_held_case_on_an_open_one_says_why(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, act, reason, expected
):
    page = _case(instance, db, head_client)
    response = post(head_client, f"{page}/{act}?lang={lang}", token_from=page)
    text = _words(_refusal(response), reason)
    assert expected in text
    assert f'<a href="{page}">' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("da", "Sagen er allerede tilbageholdt"), ("en", "The case is already on legal hold")],
)
def test_holding_a_held_case_again_says_it_is_held(instance, db, head_client, lang, expected):  # type: ignore[no-untyped-def]
    page = _case(instance, db, head_client)
    post(head_client, f"{page}/hold", {"reason": "litigation"}, token_from=page)
    response = post(head_client, f"{page}/hold?lang={lang}", {"reason": "police"}, token_from=page)
    assert expected in _words(_refusal(response), "already held")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("da", "Pligten er ikke længere åben"), ("en", "The duty is no longer open")],
)
def test_recording_a_duty_impossible_twice_says_it_is_no_longer_open(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, expected
):
    page = _case(instance, db, head_client)
    case_id = page.rsplit("/", 1)[1]
    duty = db.scalar(select(Deadline).where(Deadline.case_id == case_id))
    form = {"reason": "contact_declined", "text": "Ingen kontaktoplysninger."}
    path = f"{page}/deadlines/{duty.id}/impossible"
    post(head_client, path, form, token_from=page)
    response = post(head_client, f"{path}?lang={lang}", form, token_from=page)
    assert expected in _words(_refusal(response), "the duty is no longer open")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("da", "Kun et forhold, der er oversendt"), ("en", "Only a matter forwarded")],
)
def test_a_forwarding_package_for_a_matter_not_forwarded_says_which_are(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, expected
):
    page = _case(instance, db, head_client)
    post(head_client, f"{page}/split", {"titles": "x"}, token_from=page)
    matter = db.scalar(select(Matter).where(Matter.case_id == page.rsplit("/", 1)[1]))
    response = head_client.get(f"/matters/{matter.id}/forward?lang={lang}")
    assert expected in _words(_refusal(response), "nr. 2 gets a forwarding package")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("da", "Vælg en anden medarbejder"), ("en", "Choose another member")],
)
def test_handing_cases_over_to_the_same_member_says_so_on_the_hand_over_page(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, expected
):
    me = db.scalar(select(Staff).where(Staff.role == Role.HEAD))
    response = post(
        head_client,
        f"/admin/handover?lang={lang}",
        {"from_staff": me.id, "to_staff": me.id},
        token_from="/admin/handover",
        follow_redirects=True,
    )
    [error] = flash_errors(response)
    assert expected in _words(error, "choose another member to take over")
    assert 'name="from_staff"' in response.get_data(as_text=True)  # the hand-over page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "kun overdrages til en aktiv sagsbehandler"),
        ("en", "only be handed over to an active caseworker"),
    ],
)
def test_assigning_cases_to_a_committee_member_says_who_can_hold_them(  # type: ignore[no-untyped-def]
    instance, db, head_client, lang, expected
):
    page = _case(instance, db, head_client)
    add_member(instance, db, "udvalg", Role.COMMITTEE)
    committee = db.scalar(select(Staff).where(Staff.username == "udvalg"))
    response = post(
        head_client,
        f"/cases/assign?lang={lang}",
        {"case_id": page.rsplit("/", 1)[1], "assignee": committee.id},
        token_from="/",
        follow_redirects=True,
    )
    [error] = flash_errors(response)
    assert expected in _words(error, "cases go to an active caseworker")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_service_refusal_code_has_a_sentence_without_codes(app, lang):  # type: ignore[no-untyped-def]
    with app.test_request_context(f"/?lang={lang}"):
        for code in Refused:
            error = WbError("the English reason", code=code, data={"max": 20})
            assert code in refusals.SERVICE, code
            _words(html_lib.unescape(refusals.explain(error)), "the English reason")
