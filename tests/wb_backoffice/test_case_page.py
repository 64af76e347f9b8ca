"""The case page: decrypted report, safe downloads, messages, notes, an inert XSS corpus."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from tests.helpers import file_report, intake_keys
from wb_cases.db import transaction
from wb_cases.models import Attachment, AuditEntry, Note
from wb_cases.services import reporter_access
from wb_cases.services.intake import Identity

from .conftest import post

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg/onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
    "</textarea><script>alert(2)</script>",
    "{{ 7*7 }}{% raw %}",
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
    "\x00\x07\x1b[31mkontrol\u202eevil\u200b",
    "<!--",
    "]]>",
    "&lt;script&gt;",
]


def test_a_hostile_report_renders_inert_in_every_field(instance, db, head_client):  # type: ignore[no-untyped-def]
    answers = {f"field{i}": payload for i, payload in enumerate(XSS)}
    answers["<b>key</b>"] = "<b>bold</b>"
    filed = file_report(
        instance,
        db,
        answers=answers,
        anonymous=False,
        identity=Identity("<script>alert('name')</script>", "<img src=x>"),
        files=[("<script>x</script>.html", b"<html><script>alert(1)</script>")],
    )
    case_id = filed.case_id
    access = reporter_access.open_case_with_receipt(db, filed.receipt_code, intake_keys(instance))
    with transaction(db):
        reporter_access.add_reporter_message(
            db, access, XSS[1] + XSS[0], instance.backend.file_store, today=dt.date(2026, 3, 3)
        )
    post(
        head_client,
        f"/cases/{case_id}/split",
        {"titles": "<script>alert('t')</script>"},
        token_from=f"/cases/{case_id}",
    )
    post(
        head_client,
        f"/cases/{case_id}/notes",
        {"text": "<script>alert('n')</script>"},
        token_from=f"/cases/{case_id}",
    )
    html = head_client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<svg/onload" not in html and "<iframe" not in html
    assert "<style>body" not in html and "<b>bold</b>" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert "&amp;lt;script&amp;gt;" in html  # double-escaped, not decoded
    assert len(re.findall(r"<script", html, re.I)) == 0


def test_attachments_download_as_octet_stream_attachments_with_safe_names(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, files=[("../../etc/pass wd\r\n<x>.html", b"<html>hi</html>")])
    row = db.scalar(select(Attachment).where(Attachment.case_id == filed.case_id))
    response = head_client.get(f"/cases/{filed.case_id}/files/{row.id}")
    assert response.status_code == 200
    assert response.data == b"<html>hi</html>"
    assert response.mimetype == "application/octet-stream"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "/" not in disposition.split("filename=")[1].split(";")[0]
    assert "\r" not in disposition and "\n" not in disposition and "<" not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "attachment.downloaded"))


def test_a_file_of_another_case_is_not_served(instance, db, head_client):  # type: ignore[no-untyped-def]
    first = file_report(instance, db, files=[("a.txt", b"a")])
    second = file_report(instance, db)
    row = db.scalar(select(Attachment).where(Attachment.case_id == first.case_id))
    assert head_client.get(f"/cases/{second.case_id}/files/{row.id}").status_code == 404


def test_a_message_from_the_unit_reaches_the_reporter(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    response = post(
        head_client,
        f"/cases/{filed.case_id}/messages",
        {"text": "Kan du uddybe?"},
        token_from=f"/cases/{filed.case_id}",
    )
    assert response.status_code == 302
    access = reporter_access.open_case_with_receipt(db, filed.receipt_code, intake_keys(instance))
    view = reporter_access.read_case_as_reporter(db, access)
    assert [m.text for m in view.messages] == ["Kan du uddybe?"]


def test_internal_notes_are_encrypted_and_never_reach_the_reporter(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/notes",
        {"text": "intern vurdering"},
        token_from=f"/cases/{filed.case_id}",
    )
    note = db.scalar(select(Note).where(Note.case_id == filed.case_id))
    assert b"intern vurdering" not in note.body
    assert "intern vurdering" in head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)


def test_the_inbox_lists_cases_with_deadlines_and_filters(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    page = head_client.get("/").get_data(as_text=True)
    assert filed.number in page and "2026-03-09" in page
    assert filed.number not in head_client.get("/?status=closed").get_data(as_text=True)
    assert filed.number not in head_client.get("/?route=internal_audit").get_data(as_text=True)
    assert filed.number in head_client.get("/?overdue=&sort=received_desc").get_data(as_text=True)


def test_a_file_name_with_a_direction_override_cannot_fake_its_type(instance, db, head_client):  # type: ignore[no-untyped-def]
    """`rapport\u202efdp.exe` would display as `rapportexe.pdf`; it must not."""
    filed = file_report(
        instance,
        db,
        anonymous=False,
        identity=Identity("Navn\u202eevil", "\u2066kontakt"),
        files=[("rapport\u202efdp.exe", b"MZ")],
    )
    html = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert "\u202e" not in html and "\u2066" not in html
    assert "rapport\ufffdfdp.exe" in html


def test_the_report_is_shown_with_the_portal_questions_not_field_codes(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, answers={"relation": "partner", "what": "Snyd"})
    html = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert "<dt>Hvad skete der?</dt>" in html
    assert "<dt>Tilknytning til kommunen</dt>" in html
    assert "ansat hos leverandør eller samarbejdspartner" in html
