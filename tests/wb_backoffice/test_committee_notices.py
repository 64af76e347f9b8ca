"""The head of unit marks the queued committee notices as sent from the committee page."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import TODAY
from wb_cases.db import transaction
from wb_cases.models import AuditEntry, CommitteeNotice
from wb_cases.models.staff import Role
from wb_cases.services.notices import queue_notice

from .conftest import PASSWORD, add_member, enrol, login, post

PAGE = "/committee/?year=2026"


def _queue(db, count: int) -> None:  # type: ignore[no-untyped-def]
    with transaction(db):
        for _ in range(count):
            queue_notice(
                db,
                None,
                "identity_opened",
                "§ 24a, stk. 2",
                "identitet åbnet af hensyn til undersøgelsen",
                TODAY,
            )


def test_the_head_marks_queued_notices_sent_and_the_page_shows_the_day(db, head_client):  # type: ignore[no-untyped-def]
    _queue(db, 2)
    page = head_client.get(PAGE).get_data(as_text=True)
    assert "Marker 2 ventende orienteringer som sendt i dag" in page
    response = post(head_client, "/committee/notices/sent", token_from=PAGE)
    assert response.status_code == 302 and response.headers["Location"].endswith("#notices")
    db.expire_all()
    assert [n.sent for n in db.scalars(select(CommitteeNotice))] == [TODAY, TODAY]
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "notices.sent")) is not None
    after = head_client.get(PAGE).get_data(as_text=True)
    assert "2 orienteringer er markeret som sendt." in after
    assert "ventende orientering" not in after and str(TODAY) in after


def test_marking_needs_the_csrf_token(db, head_client):  # type: ignore[no-untyped-def]
    _queue(db, 1)
    assert head_client.post("/committee/notices/sent").status_code == 400
    db.expire_all()
    assert db.scalar(select(CommitteeNotice)).sent is None


def test_a_caseworker_or_committee_reader_cannot_mark_notices_sent(instance, db, client):  # type: ignore[no-untyped-def]
    _queue(db, 1)
    for username, role in (("sagsbeh", Role.CASEWORKER), ("udvalg", Role.COMMITTEE)):
        add_member(instance, db, username, role)
        secret = enrol(instance, db, username)
        assert login(client, db, username, PASSWORD, secret).status_code == 302
        assert "ventende orientering" not in client.get(PAGE).get_data(as_text=True)
        assert post(client, "/committee/notices/sent", token_from=PAGE).status_code == 403
        post(client, "/logout", token_from=PAGE)
    db.expire_all()
    assert db.scalar(select(CommitteeNotice)).sent is None
