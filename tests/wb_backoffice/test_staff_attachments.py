"""Staff attach files to a message; the reporter downloads them on the portal with the receipt."""

from __future__ import annotations

import io
import re

from sqlalchemy import select

from tests.helpers import file_report
from tests.wb_portal.actors import Reporter
from wb_cases.models import Attachment
from wb_portal import create_app as create_portal

from .conftest import post

PDF = b"%PDF-1.4\n% the unit's letter\n"


def _send(head_client, case_id: str, text: str, files: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    data = {"text": text, "attachments": [(io.BytesIO(content), name) for name, content in files]}
    return post(
        head_client,
        f"/cases/{case_id}/messages",
        data,
        token_from=f"/cases/{case_id}",
        content_type="multipart/form-data",
    )


def test_a_file_staff_attach_reaches_the_reporter_on_the_portal(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    response = _send(head_client, filed.case_id, "Se vedhæftede brev.", [("brev.pdf", PDF)])
    assert response.status_code == 302

    rows = list(db.scalars(select(Attachment).where(Attachment.case_id == filed.case_id)))
    assert [(r.message_seq, r.author) for r in rows] == [(1, "unit")]
    stored = instance.backend.file_store.path(rows[0].id)
    with open(stored, "rb") as blob:
        assert PDF not in blob.read()  # encrypted at rest
    assert not any(instance.backend.file_store.staging.iterdir())  # nothing left in staging

    staff_page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    report = staff_page.split('<section id="report">')[1].split("</section>")[0]
    thread = staff_page.split('<section id="messages">')[1].split("</section>")[0]
    assert "brev.pdf" in thread and "brev.pdf" not in report  # not one of the reporter's files

    reporter = Reporter(create_portal(instance.portal, TESTING=True).test_client())
    reporter.login(filed.receipt_code)
    page = reporter.case_page().get_data(as_text=True)
    assert "Se vedhæftede brev." in page and "brev.pdf" in page
    link = re.search(r'href="(/followup/files/[0-9a-f]+)"', page).group(1)
    download = reporter.client.get(link)
    assert download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_message_without_files_still_works_and_an_empty_file_input_is_ignored(  # type: ignore[no-untyped-def]
    instance, db, head_client
):
    filed = file_report(instance, db)
    data = {"text": "Kun tekst.", "attachments": (io.BytesIO(b""), "")}
    response = post(
        head_client,
        f"/cases/{filed.case_id}/messages",
        data,
        token_from=f"/cases/{filed.case_id}",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert list(db.scalars(select(Attachment).where(Attachment.case_id == filed.case_id))) == []


def test_too_many_files_get_a_413_page_and_nothing_is_kept(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    limit = instance.common.max_attachments
    response = _send(
        head_client, filed.case_id, "For mange.", [(f"f{i}.txt", b"x") for i in range(limit + 1)]
    )
    assert response.status_code == 413
    assert "Intet er gemt" in response.get_data(as_text=True)
    assert list(db.scalars(select(Attachment).where(Attachment.case_id == filed.case_id))) == []
    assert not any(instance.backend.file_store.staging.iterdir())
