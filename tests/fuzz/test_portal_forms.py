"""Fuzz every portal form through the test client: never a 500, and an error stores nothing.

A valid submission gets its page (receipt, redirect); anything else gets a 4xx page that
says what is wrong, and leaves every table's row count and every stored file as it was.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import FUZZ, snapshot
from tests.fuzz.strategies import choice, file_names, text
from tests.wb_portal.actors import (
    VALID,
    Reporter,
    csrf_token,
    hidden,
    is_message_review,
    is_review,
    receipt_code,
)
from wb_cases.maintenance.fsck import check_store

REPORT_FIELDS = (
    "what",
    "where",
    "when",
    "who",
    "how_known",
    "raised_details",
    "retaliation_details",
    "name",
    "contact",
)
CLEAR_PAGE = re.compile(r'class="error-summary"|<h1>[^<]+</h1>')


@st.composite
def report_answers(draw: Any) -> dict[str, str]:
    answers = dict(VALID)
    for name in draw(st.sets(st.sampled_from(REPORT_FIELDS), max_size=4)):
        answers[name] = draw(text)
    answers["relation"] = draw(choice("employee", "partner", "other"))
    answers["raised_internally"] = draw(choice("no", "yes", "unsure"))
    answers["retaliation"] = draw(choice("no", "yes", "unsure"))
    answers["anonymity"] = draw(choice("anonymous", "confidential"))
    for name in draw(st.sets(st.sampled_from(list(answers)), max_size=2)):
        del answers[name]
    return answers


def _fsck_clean(instance: Any) -> None:
    with instance.session() as session:
        report = check_store(session, instance.backend.file_store, None)
    assert report.ok, report.lines()


def _clear_error(response: Any) -> None:
    assert 400 <= response.status_code < 500, response.status_code
    assert CLEAR_PAGE.search(response.get_data(as_text=True))


@FUZZ
@given(
    answers=report_answers(),
    files=st.lists(st.tuples(file_names, st.binary(max_size=2048)), max_size=3),
)
def test_report_form_answers_a_receipt_or_a_clear_error_and_never_stores_half(
    portal_client: Any, instance: Any, answers: dict[str, str], files: list[tuple[str, bytes]]
) -> None:
    page = portal_client.get("/report").get_data(as_text=True)
    before = snapshot(instance)
    data: dict[str, object] = {
        "csrf_token": csrf_token(page),
        "nonce": hidden(page, "nonce"),
        **answers,
        "attachments": [(io.BytesIO(c), n) for n, c in files],
    }
    response = portal_client.post("/report", data=data, content_type="multipart/form-data")
    if response.status_code == 200 and is_review(response.get_data(as_text=True)):
        response = Reporter(portal_client).review(response.get_data(as_text=True))
    if response.status_code == 200:
        assert len(receipt_code(response.get_data(as_text=True))) == 16
        after = snapshot(instance)
        assert after.rows["cases"] == before.rows["cases"] + 1
        _fsck_clean(instance)
    else:
        _clear_error(response)
        assert snapshot(instance) == before


@FUZZ
@given(code=st.one_of(text, st.from_regex(r"\A[0-9A-Za-z -]{14,22}\Z")))
def test_receipt_login_with_any_wrong_code_gets_the_same_page_and_stores_nothing(
    portal_client: Any, instance: Any, code: str
) -> None:
    page = portal_client.get("/followup").get_data(as_text=True)
    before = snapshot(instance)
    response = portal_client.post("/followup", data={"csrf_token": csrf_token(page), "code": code})
    _clear_error(response)
    assert "wb_reporter" not in response.headers.get("Set-Cookie", "")
    assert snapshot(instance) == before


@pytest.fixture
def logged_in(portal_client: Any) -> Reporter:
    reporter = Reporter(portal_client)
    code = reporter.file()
    assert reporter.login(code).status_code == 303
    return reporter


@FUZZ
@given(
    message=st.one_of(text, st.just("")),
    files=st.lists(st.tuples(file_names, st.binary(max_size=2048)), max_size=2),
)
def test_reporter_message_is_sent_or_refused_with_a_clear_page(
    logged_in: Reporter, instance: Any, message: str, files: list[tuple[str, bytes]]
) -> None:
    before = snapshot(instance)
    response = logged_in.send_message(message, files=files)
    if response.status_code == 200 and is_message_review(response.get_data(as_text=True)):
        response = logged_in.review_message(response.get_data(as_text=True))
    if response.status_code == 303:
        assert snapshot(instance).rows["messages"] == before.rows["messages"] + 1
        _fsck_clean(instance)
        # The name comes back in the page and in the download header without breaking either.
        page = logged_in.case_page()
        assert page.status_code == 200
        for link in re.findall(r'href="(/followup/files/[^"]+)"', page.get_data(as_text=True)):
            assert logged_in.client.get(link).status_code == 200
    else:
        _clear_error(response)
        assert snapshot(instance).without("sessions") == before.without("sessions")


@pytest.mark.parametrize("path", ["/report", "/followup", "/followup/case", "/followup/logout"])
@pytest.mark.parametrize("token", [None, "", "forged", "x" * 5000])
def test_a_post_without_a_valid_csrf_token_is_refused_and_stores_nothing(
    logged_in: Reporter, instance: Any, path: str, token: str | None
) -> None:
    data = {**VALID, "code": "AAAA-BBBB-CCCC-DDDD", "text": "hallo", "nonce": "n"}
    if token is not None:
        data["csrf_token"] = token
    before = snapshot(instance)
    response = logged_in.client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True) or "udløbet" in response.get_data(
        as_text=True
    )
    assert snapshot(instance).without("sessions") == before.without("sessions")


@FUZZ
@given(
    path=st.one_of(
        st.sampled_from(
            [
                "/followup/files/",
                "/followup/files/../../etc/passwd",
                "/report?lang=",
                "/?lang=",
                "/followup/case?x=",
            ]
        ),
        st.just("/"),
    ).flatmap(lambda p: st.tuples(st.just(p), text))
)
def test_odd_paths_and_query_strings_get_a_page_not_a_500(
    logged_in: Reporter, path: tuple[str, str]
) -> None:
    from urllib.parse import quote

    response = logged_in.client.get(path[0] + quote(path[1], safe=""))
    assert response.status_code < 500


@pytest.mark.parametrize("lang", [";env;", "https://wapiti3.ovh/e.php", "en¿'\"(", "sleep(31)#1"])
def test_the_case_page_with_any_language_parameter_is_a_page_not_a_500(
    logged_in: Reporter, lang: str
) -> None:
    # Found by wapiti (make scan): /followup/case?lang=;env; answered 500.
    response = logged_in.client.get("/followup/case", query_string={"lang": lang})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/followup/files/%00", "/followup/files/a%00b"])
def test_a_nul_byte_in_a_file_id_is_a_404_on_every_database(logged_in: Reporter, path: str) -> None:
    # PostgreSQL refuses NUL in text; the lookup must not reach it as a 500.
    assert logged_in.client.get(path).status_code == 404
