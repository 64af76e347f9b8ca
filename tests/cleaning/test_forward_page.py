"""Staff see, before a file leaves the unit, what it may still hold: the forward page lists
it in plain words, refuses to send it silently, and sends it with a recorded reason."""

from __future__ import annotations

import io
import tarfile
import zipfile
from typing import Any

from sqlalchemy import select

from tests.wb_backoffice.conftest import app, client, head_client, post  # noqa: F401
from wb_cases.models import AuditEntry

from .conftest import file_cleaned, needs_sandbox

pytestmark = needs_sandbox


def _tar() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo("liste.txt")
        info.size = 8
        archive.addfile(info, io.BytesIO(b"to filer"))
    return out.getvalue()


def test_a_file_that_cannot_be_cleaned_leaves_only_with_a_reason(
    instance: Any, db: Any, head_client: Any
) -> None:
    flow = file_cleaned(instance, db, {"bilag.tar": _tar()})
    ref = f"attachment-{flow.case.attachments[0].id}"
    path = f"/matters/{flow.matters[0]}/forward"
    page = head_client.get(path).get_data(as_text=True)
    assert "Filer, der stadig kan indeholde skjulte oplysninger" in page
    assert "vi kan ikke rense denne filtype" in page and "kept:" not in page

    refused = post(head_client, path, {"documents": ["report", ref]}, token_from=path)
    assert refused.status_code == 409
    assert "kunne ikke renses helt" in refused.get_data(as_text=True)

    sent = post(
        head_client,
        path,
        {"documents": ["report", ref], "as_is": [ref], "reason": "Arkivet er selve beviset"},
        token_from=path,
    )
    assert sent.status_code == 200 and sent.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(sent.data)).namelist()
    assert len(names) == 3
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "matter.forwarding_package"))
    assert entry.detail["sent_as_is"][0]["reason"] == "Arkivet er selve beviset"
    assert entry.detail["sent_as_is"][0]["holds"] == ["kept:unsupported"]


def test_the_case_page_shows_what_cleaning_did_in_words_not_codes(
    instance: Any, db: Any, head_client: Any
) -> None:
    flow = file_cleaned(instance, db, {"bilag.tar": _tar()})
    page = head_client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert "Gemt som sendt: vi kan ikke rense denne filtype." in page
    assert "kept:unsupported" not in page
