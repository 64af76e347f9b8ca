"""Fuzz every back-office form as a logged-in head of unit, and the login and set-up forms.

Never a 500 (the test app propagates exceptions, so a crash fails with its traceback);
a 4xx leaves every row count and stored file as it was. Script a reporter sends is shown
as text to staff, never as markup.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

import policies
from tests.conftest import ADMIN
from tests.fuzz.conftest import FUZZ, snapshot
from tests.fuzz.strategies import NASTY, choice, text
from tests.helpers import file_report
from tests.wb_backoffice.conftest import CSRF, add_member
from wb_cases.db import transaction
from wb_cases.models import Deadline, Matter, Staff
from wb_cases.models.staff import Role
from wb_cases.services import staff_auth

BOOL = choice("true", "false", "", "y")
DATE = st.one_of(
    st.sampled_from(
        ["2026-04-01", "2026-02-30", "0000-00-00", "9999-12-31", "2026-4-1", "01/04/2026"]
    ),
    text,
)


def _facts() -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for spec in policies.explain_facts_schema()["facts"]:  # type: ignore[union-attr]
        if spec["type"] == "enum":
            fields[str(spec["name"])] = choice(*[str(v) for v in spec["values"]], "")
        else:
            fields[str(spec["name"])] = BOOL
    fields["administration"] = choice("okf", "bif", "")
    fields["override_route"] = choice(*[str(r) for r in policies.Route], "")
    fields["override_reason"] = text
    for need in ("employment_to_mayor", "retaliation_notice_to_mayor", "top_official_route"):
        fields[f"reason_{need}"] = text
    return st.fixed_dictionaries({}, optional=fields)


# (path template, fields) for every form a unit member posts on a case or matter.
FORMS: dict[str, tuple[str, st.SearchStrategy[dict[str, Any]]]] = {
    "message": ("/cases/{case}/messages", st.fixed_dictionaries({"text": text})),
    "note": ("/cases/{case}/notes", st.fixed_dictionaries({"text": text})),
    "split": ("/cases/{case}/split", st.fixed_dictionaries({"titles": text})),
    "acknowledge": (
        "/cases/{case}/acknowledge",
        st.fixed_dictionaries({}, optional={"employee": BOOL, "personal": text}),
    ),
    "feedback": ("/cases/{case}/feedback", st.fixed_dictionaries({"text": text})),
    "triage_preview": ("/matters/{matter}/triage/preview", _facts()),
    "triage": ("/matters/{matter}/triage", _facts()),
    "extend": (
        "/cases/{case}/deadlines/{deadline}/extend",
        st.fixed_dictionaries(
            {"kind": choice("statement", "answer", ""), "new_due": DATE},
            optional={"reason_given": BOOL},
        ),
    ),
    "outcome": (
        "/matters/{matter}/outcome",
        st.fixed_dictionaries(
            {},
            optional={
                "outcomes": st.lists(
                    choice("opinion", "criticism", "recommendation", "closed"), max_size=3
                ),
                "confirmed": BOOL,
                "consequences": st.lists(choice("guidelines", "other"), max_size=2),
                "major_significance": BOOL,
                "criticism_level": text,
            },
        ),
    ),
    "instance_outcome": (
        "/matters/{matter}/instance-outcome",
        st.fixed_dictionaries(
            {},
            optional={"confirmed": BOOL, "major_significance": BOOL, "inform_committee": BOOL},
        ),
    ),
    "compliance": (
        "/matters/{matter}/compliance",
        st.fixed_dictionaries({}, optional={"status": text, "notify_committee": BOOL}),
    ),
    "retaliation": (
        "/cases/{case}/retaliation",
        st.fixed_dictionaries({}, optional={"to_mayor": BOOL}),
    ),
    "identity_open": (
        "/cases/{case}/identity",
        st.fixed_dictionaries(
            {},
            optional={
                "reason": choice("police_or_court", "reporter_consent", ""),
                "justification": text,
                "outside_unit": BOOL,
                "reporter_told": BOOL,
                "withheld_reason": text,
            },
        ),
    ),
    "identity_approve": ("/cases/{case}/identity/{deadline}/approve", st.just({})),
    "identity_open_approved": ("/cases/{case}/identity/{deadline}/open", st.just({})),
    "identity_request": (
        "/cases/{case}/identity-requests",
        st.fixed_dictionaries(
            {},
            optional={
                "subject": choice("reporter", "person_reported_on", ""),
                "requester": text,
                "basis": text,
                "decision": text,
            },
        ),
    ),
    "impossible": (
        "/cases/{case}/deadlines/{deadline}/impossible",
        st.fixed_dictionaries(
            {},
            optional={"reason": choice(*[str(r) for r in policies.NoWayBack], ""), "text": text},
        ),
    ),
    "reopen": ("/cases/{case}/reopen", st.just({})),
    "keep_closed": ("/cases/{case}/keep-closed", st.just({})),
    "add_staff": (
        "/admin/staff",
        st.fixed_dictionaries(
            {
                "username": text,
                "display_name": text,
                "email": text,
                "role": choice("caseworker", "head", "committee"),
                "password": text,
            }
        ),
    ),
    "close_matter": ("/matters/{matter}/close", st.just({})),
    "close_case": ("/cases/{case}/close", st.just({})),
}
IDS = st.one_of(st.just(None), st.sampled_from(["0", "-1", "99999999", "x", "%00", "..%2f.."]))


@pytest.fixture
def case(instance: Any, db: Any, head_client: Any) -> dict[str, str]:
    """A confidential report split into two matters, with its ids for the paths."""
    from tests.wb_backoffice.flow import Flow

    flow = Flow(instance, db).file(anonymous=False, what="Fakturaer uden bilag")
    flow.split("Fakturaer", "Arbejdstid")
    deadline = db.scalar(select(Deadline).where(Deadline.case_id == flow.case_id))
    return {
        "case": flow.case_id,
        "matter": str(flow.matters[0]),
        "deadline": str(deadline.id if deadline else 1),
    }


def _token(client: Any, path: str) -> str:
    match = CSRF.search(client.get(path).get_data(as_text=True))
    assert match
    return match.group(1) or match.group(2)


@FUZZ
@given(
    name=st.sampled_from(sorted(FORMS)),
    data=st.data(),
    wrong_id=IDS,
    with_token=st.sampled_from([True, True, True, False]),
)
def test_every_back_office_form_refuses_bad_input_without_a_500_or_a_change(
    instance: Any,
    head_client: Any,
    case: dict[str, str],
    name: str,
    data: Any,
    wrong_id: str | None,
    with_token: bool,
) -> None:
    template, fields = FORMS[name]
    ids = dict(case)
    if wrong_id is not None:
        ids[data.draw(st.sampled_from(["case", "matter", "deadline"]))] = wrong_id
    form = dict(data.draw(fields))
    if with_token:
        form["csrf_token"] = _token(head_client, f"/cases/{case['case']}")
    before = snapshot(instance)
    response = head_client.post(template.format(**ids), data=form)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert snapshot(instance).without("login_sessions") == before.without("login_sessions")
    if not with_token:
        assert response.status_code in (400, 404)  # 404: the path names nothing


@FUZZ
@given(
    year=st.one_of(text, st.integers(-(10**12), 10**12).map(str)),
    period=choice("year", "h1", "h2", "q1", "q4"),
    path=st.sampled_from(
        [
            "/committee/",
            "/committee/summary.csv",
            "/committee/summary.x",
            "/",
            "/cases/%00",
            "/matters/1/triage",
        ]
    ),
)
def test_query_strings_and_paths_get_a_page_not_a_500(
    head_client: Any, year: str, period: str, path: str
) -> None:
    response = head_client.get(
        path, query_string={"year": year, "period": period, "q": year, "status": period}
    )
    assert response.status_code < 500


@FUZZ
@given(username=st.one_of(text, st.just(ADMIN)), password=text, code=text)
def test_login_with_anything_gets_the_login_page_again(
    instance: Any, bo_app: Any, username: str, password: str, code: str
) -> None:
    client = bo_app.test_client()
    before = snapshot(instance)
    response = client.post(
        "/login",
        data={
            "csrf_token": _token(client, "/login"),
            "username": username,
            "password": password,
            "code": code,
        },
    )
    assert response.status_code in (200, 400)
    assert "wb_staff" not in response.headers.get("Set-Cookie", "")
    after = snapshot(instance)
    # Failures are counted on the account and audited; nothing else changes.
    assert after.without("audit_log", "staff") == before.without("audit_log", "staff")
    assert after.rows["staff"] == before.rows["staff"]


@pytest.fixture
def setup_client(instance: Any, db: Any, bo_app: Any) -> Any:
    """A new caseworker half-way through first login: password changed, TOTP not yet."""
    add_member(instance, db, "ny", Role.CASEWORKER)
    member = db.scalar(select(Staff).where(Staff.username == "ny"))
    with transaction(db):
        member.must_change_password = False
    client = bo_app.test_client()
    response = client.post(
        "/login",
        data={
            "csrf_token": _token(client, "/login"),
            "username": "ny",
            "password": "a long enough password",
            "code": "",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/setup")
    return client


@FUZZ
@given(code=st.one_of(text, st.from_regex(r"\A[0-9]{6,8}\Z")))
def test_totp_enrolment_with_a_wrong_code_stays_on_the_setup_page(
    instance: Any, setup_client: Any, code: str
) -> None:
    before = snapshot(instance)
    response = setup_client.post(
        "/setup", data={"csrf_token": _token(setup_client, "/setup"), "code": code}
    )
    assert response.status_code == 200
    assert "recovery" not in response.get_data(as_text=True).lower()
    assert snapshot(instance).rows == before.rows


def test_script_in_a_report_and_its_file_names_is_shown_to_staff_as_text(
    instance: Any, db: Any, head_client: Any
) -> None:
    answers = {"what": NASTY[0], "where": NASTY[1], "who": "{{ 7*7 }}"}
    filed = file_report(
        instance,
        db,
        answers=answers,
        files=[
            ("<script>alert(1)</script>.html", b"<script>alert(2)</script>"),
            ('"><img src=x onerror=alert(3)>.svg', b"<svg onload=alert(4)>"),
        ],
    )
    page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "{{ 7*7 }}" in page
    matter_free = head_client.get(f"/cases/{filed.case_id}")
    for file_id in db.scalars(select(Matter.id).where(Matter.case_id == filed.case_id)):
        assert file_id  # no matters yet; the page rendered without them
    assert (
        matter_free.headers["Content-Security-Policy"].startswith("default-src 'none'")
        or "script-src" not in matter_free.headers["Content-Security-Policy"]
        or "'unsafe-inline'" not in matter_free.headers["Content-Security-Policy"]
    )


def test_a_hostile_file_is_downloaded_as_an_attachment_with_a_safe_name(
    instance: Any, db: Any, head_client: Any
) -> None:
    from wb_cases.models import Attachment

    filed = file_report(instance, db, files=[('../../x\r\n"<b>.html', b"<script>1</script>")])
    row = db.scalar(select(Attachment).where(Attachment.case_id == filed.case_id))
    response = head_client.get(f"/cases/{filed.case_id}/files/{row.id}")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "/" not in disposition.split(";")[1]
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert staff_auth  # the login service is what the fuzzed forms above reach


def test_a_raw_multipart_body_with_bad_bytes_gets_a_4xx_from_the_back_office(
    instance: Any, head_client: Any, case: dict[str, str]
) -> None:
    token = _token(head_client, f"/cases/{case['case']}")
    before = snapshot(instance)
    for body, ctype in [
        (
            b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xff\xfe\x00',
            "multipart/form-data; boundary=x",
        ),
        (b"csrf_token=" + token.encode() + b"&text=%FF%FE%00", "application/x-www-form-urlencoded"),
        (b"\xff" * 100, "multipart/form-data; boundary=" + "b" * 3000),
    ]:
        response = head_client.open(
            f"/cases/{case['case']}/notes",
            method="POST",
            input_stream=io.BytesIO(body),
            content_type=ctype,
            content_length=len(body),
        )
        assert response.status_code < 500
    after = snapshot(instance)
    assert after.rows["notes"] <= before.rows["notes"] + 1


@pytest.mark.parametrize("year", ["1", "0", "-1", "99999", "1999"])
def test_a_committee_period_with_a_year_out_of_range_is_a_400_not_a_500(
    head_client: Any, year: str
) -> None:
    # Found by the fuzzer above: year 1 crashed date arithmetic for the trend periods.
    response = head_client.get("/committee/", query_string={"year": year, "period": "year"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/cases/%00", "/cases/a%00b/files/x", "/matters/1/triage"])
@pytest.mark.parametrize("query", [{}, {"q": "\x00", "status": "\x00", "p": "\x00"}])
def test_a_nul_byte_in_a_path_or_query_is_a_4xx_on_every_database(
    head_client: Any, path: str, query: dict[str, str]
) -> None:
    # Found by the fuzzer on PostgreSQL: /cases/%00 reached the database, which refuses
    # NUL in text ("DataError"), and answered 500.
    response = head_client.get(path, query_string=query)
    assert response.status_code < 500
    assert head_client.get("/", query_string=query).status_code < 500


def test_a_nul_byte_in_the_user_name_is_a_failed_login_not_a_500(bo_app: Any) -> None:
    client = bo_app.test_client()
    response = client.post(
        "/login",
        data={
            "csrf_token": _token(client, "/login"),
            "username": "le\x00der",
            "password": "x" * 12,
            "code": "123456",
        },
    )
    assert response.status_code == 200
