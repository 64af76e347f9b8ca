"""SAML sign-in against a real pysaml2 identity provider: the provider proves who, only the
member's passphrase unlocks keys, and every forged, altered, stale or replayed answer is
refused (each attack first reproduced, then refused)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import threading
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from tests.sso.conftest import GROUP, PASSPHRASE, Saml, add_sso_member
from tests.sso.saml_idp import MFA
from wb_cases.models import AuditEntry, LoginSession, Staff
from wb_cases.services import staff_auth

NS = {
    "samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}
for prefix, uri in NS.items():
    ET.register_namespace(prefix, uri)

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _start(client: Any, unit: Saml) -> tuple[str, str]:
    """Follow "Log ind med kommunens login" to the IdP; the IdP reads our signed request."""
    response = client.get("/sso/start")
    assert response.status_code == 302
    return unit.idp.read_request(response.headers["Location"])


def _answer(
    unit: Saml, request_id: str | None, acs: str, subject: str = "entra-oid-1", **kw: Any
) -> str:
    return unit.idp.respond(
        in_response_to=request_id,
        acs_url=acs,
        sp_entity_id=unit.settings.saml.entity_id,
        subject=subject,
        **kw,
    )


def _post(client: Any, saml_response: str) -> Any:
    return client.post("/sso/saml/acs", data={"SAMLResponse": saml_response})


def _passphrase(client: Any, passphrase: str) -> Any:
    page = client.get("/sso/passphrase").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    return client.post("/sso/passphrase", data={"passphrase": passphrase, "csrf_token": token})


def _refused(response: Any) -> bool:
    return response.status_code == 403 and "Ingen adgang" in response.get_data(as_text=True)


def test_the_login_page_offers_only_the_provider(saml_unit: Saml) -> None:
    page = saml_unit.client().get("/login").get_data(as_text=True)
    assert "Log ind med kommunens login" in page
    assert 'name="password"' not in page


def test_provider_then_passphrase_reaches_the_inbox(instance, db, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    member = add_sso_member(instance, db, "kaj", "entra-oid-1")
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    answered = _post(client, _answer(saml_unit, request_id, acs))
    assert answered.status_code == 200
    assert "/sso/passphrase" in answered.get_data(as_text=True)
    # The provider's login alone opens nothing.
    assert client.get("/").headers["Location"].endswith("/sso/passphrase")

    wrong = _passphrase(client, "not my passphrase")
    assert "Forkert nøglefrase" in wrong.get_data(as_text=True)
    right = _passphrase(client, PASSPHRASE)
    assert right.status_code == 302 and right.headers["Location"].endswith("/")
    assert client.get("/").status_code == 200
    db.expire_all()
    assert db.get(Staff, member.id).last_seen is not None


def test_an_impersonated_provider_session_opens_no_case(instance, db, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    """An identity-provider administrator can sign in as a member — and gets no key."""
    filed = file_report(instance, db, answers={"what": "Hemmelig sag om Indkøb"})
    add_sso_member(instance, db, "kaj", "entra-oid-1")
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    assert _post(client, _answer(saml_unit, request_id, acs)).status_code == 200
    for path in (f"/cases/{filed.case_id}", "/", "/admin/staff"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith("/sso/passphrase"), path
        assert "Hemmelig" not in response.get_data(as_text=True)
    # The session row holds no key at all.
    row = db.scalar(select(LoginSession).order_by(LoginSession.id.desc()))
    secret = client.get_cookie("wb_staff").value
    from wb_cases.services import sessions

    opened = sessions.resume_session(db, secret, sessions.STAFF, idle=dt.timedelta(minutes=30))
    assert row is not None and opened is not None
    stage, keys = staff_auth.read_payload(opened.payload)
    assert stage == staff_auth.Stage.PROVIDER and keys is None


def test_a_member_removed_from_the_group_cannot_sign_in(instance, db, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    add_sso_member(instance, db, "kaj", "entra-oid-1")
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    response = _post(client, _answer(saml_unit, request_id, acs, groups=("another-group",)))
    assert _refused(response)
    assert client.get_cookie("wb_staff") is None
    reasons = [e.detail.get("reason") for e in db.scalars(select(AuditEntry))]
    assert "not_in_group" in reasons


def test_an_unknown_subject_is_refused_and_nothing_is_created(
    instance, db, saml_unit: Saml
) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    before = (
        db.scalar(select(Staff.id).order_by(Staff.id).limit(100).subquery().count())
        if False
        else len(list(db.scalars(select(Staff))))
    )
    assert _refused(
        _post(client, _answer(saml_unit, request_id, acs, subject="stranger", groups=(GROUP,)))
    )
    assert len(list(db.scalars(select(Staff)))) == before


def test_a_removed_member_cannot_sign_in(instance, db, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    from wb_cases.db import transaction
    from wb_cases.services import staff as staff_service
    from tests.conftest import TODAY

    add_sso_member(instance, db, "kaj", "entra-oid-1")
    with transaction(db):
        staff_service.remove_staff(db, "kaj", today=TODAY)
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    assert _refused(_post(client, _answer(saml_unit, request_id, acs)))


# --- attacks ------------------------------------------------------------------------------


@pytest.fixture
def member(instance, db) -> Staff:  # type: ignore[no-untyped-def]
    return add_sso_member(instance, db, "kaj", "entra-oid-1")


def test_an_unsigned_assertion_is_refused(member, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    assert _refused(_post(client, _answer(saml_unit, request_id, acs, sign_assertion=False)))


def test_an_unsolicited_answer_is_refused(member, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    _, acs = _start(client, saml_unit)
    assert _refused(_post(client, _answer(saml_unit, None, acs)))
    assert _refused(_post(client, _answer(saml_unit, "id-we-never-sent", acs)))


def test_a_replayed_answer_is_refused(member, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    answer = _answer(saml_unit, request_id, acs)
    assert _post(client, answer).status_code == 200
    assert _refused(_post(saml_unit.client(), answer))


def test_one_answer_posted_twice_in_parallel_gives_one_session(member, saml_unit: Saml, db) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    answer = _answer(saml_unit, request_id, acs)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def post() -> None:
        other = saml_unit.client()
        barrier.wait()
        results.append(_post(other, answer).status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 403]


def test_a_wrong_audience_is_refused(member, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    answer = saml_unit.idp.respond(
        in_response_to=request_id,
        acs_url=acs,
        sp_entity_id="https://other.sp/",
        subject="entra-oid-1",
    )
    assert _refused(_post(client, answer))


def test_an_expired_assertion_is_refused(member, saml_unit: Saml, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    answer = _answer(saml_unit, request_id, acs)
    import saml2.time_util

    later = saml2.time_util.utc_now() + 2 * 3600
    monkeypatch.setattr(saml2.time_util, "utc_now", lambda: later)
    assert _refused(_post(client, answer))


def test_a_weaker_authentication_than_required_is_refused(instance, member) -> None:  # type: ignore[no-untyped-def]
    from tests.sso.conftest import build_saml_unit

    # The unit requires NSIS "Substantial" (multi-factor); a password-only login says less.
    unit = build_saml_unit(instance, WB_SAML_AUTHN_CONTEXT=MFA)
    client = unit.client()
    request_id, acs = _start(client, unit)
    weak = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
    assert _refused(_post(client, _answer(unit, request_id, acs, authn_context=weak)))
    request_id, acs = _start(client, unit)
    assert _post(client, _answer(unit, request_id, acs, authn_context=MFA)).status_code == 200


def _decode(answer: str) -> ET.Element:
    return ET.fromstring(base64.b64decode(answer))


def _encode(root: ET.Element) -> str:
    return base64.b64encode(ET.tostring(root)).decode()


def test_altered_attributes_in_a_signed_assertion_are_refused(member, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    root = _decode(_answer(saml_unit, request_id, acs, subject="someone-else", groups=("x",)))
    for value in root.iter(f"{{{NS['saml']}}}AttributeValue"):
        value.text = GROUP
    root.find(".//saml:Subject/saml:NameID", NS).text = "entra-oid-1"
    assert _refused(_post(client, _encode(root)))


def test_wrapping_a_second_unsigned_assertion_beside_the_signed_one_is_refused(
    member, saml_unit: Saml
) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    # The attacker holds a genuine answer for their own account and adds a forged one.
    root = _decode(_answer(saml_unit, request_id, acs, subject="attacker-oid"))
    signed = root.find("saml:Assertion", NS)
    forged = ET.fromstring(ET.tostring(signed))
    forged.remove(forged.find("ds:Signature", NS))
    forged.set("ID", "id-forged")
    forged.find(".//saml:Subject/saml:NameID", NS).text = "entra-oid-1"
    root.insert(list(root).index(signed), forged)
    assert _refused(_post(client, _encode(root)))


def test_wrapping_the_signed_assertion_under_extensions_is_refused(member, saml_unit: Saml) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    root = _decode(_answer(saml_unit, request_id, acs, subject="attacker-oid"))
    signed = root.find("saml:Assertion", NS)
    forged = ET.fromstring(ET.tostring(signed))
    forged.remove(forged.find("ds:Signature", NS))
    forged.find(".//saml:Subject/saml:NameID", NS).text = "entra-oid-1"
    root.remove(signed)
    extensions = ET.SubElement(root, f"{{{NS['samlp']}}}Extensions")
    extensions.append(signed)
    root.append(forged)
    assert _refused(_post(client, _encode(root)))


def test_a_signed_response_with_an_altered_unsigned_assertion_is_refused(
    member, saml_unit: Saml
) -> None:  # type: ignore[no-untyped-def]
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    answer = _answer(
        saml_unit, request_id, acs, subject="attacker-oid", sign_assertion=False, sign_response=True
    )
    root = _decode(answer)
    root.find(".//saml:Subject/saml:NameID", NS).text = "entra-oid-1"
    assert _refused(_post(client, _encode(root)))


def test_a_provider_answer_signs_in_once_even_for_a_fresh_request(instance, db, member) -> None:  # type: ignore[no-untyped-def]
    """Defence in depth: the used-answer record refuses an answer a second time by itself."""
    from tests.conftest import TODAY
    from wb_cases.db import transaction
    from wb_cases.services import sso as sso_service
    from wb_cases.sso import ProviderIdentity, SsoRefused, SsoSettings

    settings = SsoSettings(method="saml", required_group=GROUP)
    identity = ProviderIdentity(
        "entra-oid-1",
        frozenset({GROUP}),
        "saml:id-1",
        dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
    )
    with transaction(db):
        assert sso_service.admit(db, identity, settings, today=TODAY).id == member.id
    with pytest.raises(SsoRefused, match="replayed"), transaction(db):
        sso_service.admit(db, identity, settings, today=TODAY)


def test_expired_requests_and_used_answers_are_swept(instance, db) -> None:  # type: ignore[no-untyped-def]
    from wb_cases.db import transaction
    from wb_cases.models import SsoRequest, SsoUsedToken
    from wb_cases.services import sso as sso_service

    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    with transaction(db):
        sso_service.remember_request(db, "old-request", moment=long_ago)
        db.add(SsoUsedToken(token_id="saml:old", expires=long_ago))
    with transaction(db):
        sso_service.remember_request(db, "new-request")
    assert [r.id for r in db.scalars(select(SsoRequest))] == ["new-request"]
    assert list(db.scalars(select(SsoUsedToken))) == []
    with transaction(db):
        assert sso_service.take_request(db, "old-request") is None
        assert sso_service.take_request(db, "new-request") == (None, None)
        assert sso_service.take_request(db, "new-request") is None


def test_members_not_seen_for_the_configured_days_are_listed_for_heads(
    instance, db, saml_unit: Saml
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
    from wb_cases.db import transaction

    member = add_sso_member(instance, db, "kaj", "entra-oid-1")
    head = db.scalar(select(Staff).where(Staff.username == ADMIN))
    with transaction(db):
        member.last_seen = TODAY - dt.timedelta(days=45)
        head.sso_subject, head.must_change_password = "entra-oid-head", False
    client = saml_unit.client()
    request_id, acs = _start(client, saml_unit)
    assert (
        _post(client, _answer(saml_unit, request_id, acs, subject="entra-oid-head")).status_code
        == 200
    )
    assert _passphrase(client, ADMIN_PASSWORD).status_code == 302
    page = client.get("/admin/staff").get_data(as_text=True)
    listed = page.split("Ikke set i 30 dage", 1)[1].split("</ul>", 1)[0]
    assert "Kaj (kaj)" in listed and "sidst set" in listed
    assert "Leder" not in listed  # the head signed in today
    assert "Fast id hos kommunens login" in page  # new members get their provider id here
