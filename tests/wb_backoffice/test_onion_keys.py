"""Heads issue and withdraw members' keys for the back office's onion service; removing a
member withdraws theirs; the audit log records both acts, never the key."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.onion_helpers import make_onion_address
from wb_cases import onion
from wb_cases.models import AuditEntry, Staff
from wb_cases.models.staff import Role

from .conftest import add_member, post


def _staff_service(instance) -> onion.OnionPaths:  # type: ignore[no-untyped-def]
    """The staff service as tor would have left it: a directory with its hostname."""
    paths = instance.common.onion_paths
    onion.write_config(paths, onion.OnionSettings(staff=True), network=False)
    (paths.staff / "hostname").write_text(make_onion_address() + "\n")
    return paths


def test_no_key_buttons_without_a_staff_onion_service(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    add_member(instance, db, "kaj", Role.CASEWORKER)
    assert "Tor-nøgle" not in head_client.get("/admin/staff").get_data(as_text=True)


def test_a_head_issues_a_key_shown_once_and_removal_withdraws_it(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    paths = _staff_service(instance)
    add_member(instance, db, "kaj", Role.CASEWORKER)
    kaj = db.scalar(select(Staff).where(Staff.username == "kaj"))
    assert "Giv Tor-nøgle" in head_client.get("/admin/staff").get_data(as_text=True)

    page = post(head_client, f"/admin/staff/{kaj.id}/onion-key", token_from="/admin/staff")
    assert page.status_code == 200
    line = re.search(r"[a-z2-7]{56}:descriptor:x25519:[A-Z2-7]{52}", page.get_data(as_text=True))
    assert line, "the client line is shown"
    assert onion.client_members(paths) == [kaj.id]
    stored = (paths.clients / f"{kaj.id}.auth").read_text()
    assert line.group(0).rsplit(":", 1)[1] not in stored  # only the public half is kept

    response = post(head_client, f"/admin/staff/{kaj.id}/remove", token_from="/admin/staff")
    assert response.status_code == 302
    assert onion.client_members(paths) == []
    actions = [e.action for e in db.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
    assert "onion.key_issued" in actions and "onion.key_revoked" in actions
    details = " ".join(str(e.detail) for e in db.scalars(select(AuditEntry)))
    assert line.group(0).rsplit(":", 1)[1] not in details


def test_a_head_withdraws_a_key_without_removing_the_member(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    paths = _staff_service(instance)
    add_member(instance, db, "kaj", Role.CASEWORKER)
    kaj = db.scalar(select(Staff).where(Staff.username == "kaj"))
    post(head_client, f"/admin/staff/{kaj.id}/onion-key", token_from="/admin/staff")
    response = post(
        head_client, f"/admin/staff/{kaj.id}/onion-key/revoke", token_from="/admin/staff"
    )
    assert response.status_code == 302
    assert onion.client_members(paths) == []
    db.expire_all()
    assert db.get(Staff, kaj.id).active  # still a member, only without remote access
