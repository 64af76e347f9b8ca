"""A damaged attachment gets an error page before any byte is sent, to staff and reporter alike.

A cut file used to be streamed with 200 and break off at the damaged segment,
leaving the downloader a partial file that looks whole.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import file_report
from tests.wb_portal.actors import Reporter
from wb_cases.models import Attachment
from wb_portal import create_app as create_portal

CONTENT = bytes(range(256)) * 800  # about 200 KB: several 64 KiB segments


def _cut(path: Path) -> None:
    """Drop the last segment and a bit: what a full disk or a bad copy leaves."""
    os.truncate(path, path.stat().st_size - 70_000)


def _flip(path: Path) -> None:
    """Flip one bit in the last bytes: what a bit rot or a tamperer leaves."""
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_cut, _flip])
def test_staff_get_an_error_page_and_no_byte_of_a_damaged_file(instance, db, head_client, damage):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, files=[("bilag.bin", CONTENT)])
    row = db.scalar(select(Attachment).where(Attachment.case_id == filed.case_id))
    damage(instance.backend.file_store.path(row.id))
    response = head_client.get(f"/cases/{filed.case_id}/files/{row.id}")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert CONTENT[:1024] not in response.data
    assert "beskadiget" in response.get_data(as_text=True)


@pytest.mark.parametrize("damage", [_cut, _flip])
def test_a_reporter_gets_an_error_page_and_no_byte_of_a_damaged_file(instance, db, damage):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, files=[("bilag.bin", CONTENT)])
    row = db.scalar(select(Attachment).where(Attachment.case_id == filed.case_id))
    damage(instance.backend.file_store.path(row.id))
    reporter = Reporter(create_portal(instance.portal).test_client())
    assert reporter.login(filed.receipt_code).status_code == 303
    response = reporter.client.get(f"/followup/files/{row.id}")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert CONTENT[:1024] not in response.data


def test_an_intact_file_still_downloads_whole(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, files=[("bilag.bin", CONTENT)])
    row = db.scalar(select(Attachment).where(Attachment.case_id == filed.case_id))
    response = head_client.get(f"/cases/{filed.case_id}/files/{row.id}")
    assert response.status_code == 200 and response.data == CONTENT
