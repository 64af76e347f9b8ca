"""The corpus through intake: what staff download, what a forwarding package carries and
what a journal bundle holds contain nothing planted; a file that is only partly clean
leaves in a package only when staff say so and why. One report through the portal too."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers import intake_keys
from tests.wb_backoffice.flow import SETTINGS, Flow
from tests.wb_portal.conftest import app, client, reporter  # noqa: F401
from wb_cases.models import AuditEntry
from wb_cases.services import forwarding_package, journal_bundle
from wb_cases.services.attachments import stream_attachment
from wb_cases.services.casefile import case_key_for_staff, load_case
from wb_cases.services.reporter_access import open_case_with_receipt
from wb_cases.services.keyring import unlock_with_recovery_key

from .conftest import file_cleaned, needs_sandbox
from .inspect import photos_with_gps, planted

pytestmark = needs_sandbox

# Photos inside a PDF, a DOCX and a ZIP, a HEIC and a video: each path the cleaner takes.
DELIVERED = ["iphone.heic", "notat.pdf", "dokument.docx", "bilag.zip", "video.mp4"]
REASON = "Kommentarerne er en del af beviset"


def _package(flow: Flow, instance: Any, refs: list[str], as_is: dict[str, str]) -> Any:
    return flow.do(
        forwarding_package.build_forwarding_package,
        instance.backend.file_store,
        flow.keys,
        flow.matters[0],
        refs,
        staff_id=flow.sid,
        today=flow.later(3),
        settings=SETTINGS,
        as_is=as_is,
    )


def test_nothing_planted_reaches_staff_a_forwarding_package_or_a_journal_bundle(
    instance: Any, db: Any, planted_files: dict[str, bytes]
) -> None:
    flow = file_cleaned(instance, db, {n: planted_files[n] for n in DELIVERED})
    file_store, case = instance.backend.file_store, flow.case
    case_key = case_key_for_staff(case, flow.keys)
    downloads = [b"".join(stream_attachment(file_store, row, case_key)) for row in case.attachments]
    assert len(downloads) == len(DELIVERED)
    for data in downloads:
        assert planted(data) == set() and photos_with_gps(data) == 0

    refs = [f"attachment-{row.id}" for row in case.attachments]
    uncleaned = forwarding_package.uncleaned_documents(flow.matter(), flow.keys)
    assert uncleaned, "the DOCX keeps its comments' text: staff must decide"
    with pytest.raises(forwarding_package.UncleanableFileError):
        _package(flow, instance, refs, {})
    package = _package(flow, instance, refs, {u.ref: REASON for u in uncleaned})
    archive = zipfile.ZipFile(io.BytesIO(package.data))
    assert len(archive.namelist()) == len(DELIVERED) + 1  # and the cover letter
    for name in archive.namelist():
        assert planted(archive.read(name)) == set()
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "matter.forwarding_package"))
    assert {d["reason"] for d in entry.detail["sent_as_is"]} == {REASON}

    bundle = flow.do(
        journal_bundle.build_bundle,
        file_store,
        flow.keys,
        case.id,
        staff_id=flow.sid,
        today=flow.later(1),
    )
    for file in bundle.files:
        assert planted(file.data) == set() and photos_with_gps(file.data) == 0


def test_a_report_through_the_portal_reaches_staff_clean(
    reporter: Any, instance: Any, planted_files: dict[str, bytes]
) -> None:
    code = reporter.file(
        files=[(n, planted_files[n]) for n in ("dokument.docx", "iphone.heic", "foto.jpg")]
    )
    with instance.session() as session:
        access = open_case_with_receipt(session, code, intake_keys(instance))
        keys = unlock_with_recovery_key(session, instance.recovery_key)
        case = load_case(session, access.case_id)
        case_key = case_key_for_staff(case, keys)
        stored = [
            b"".join(stream_attachment(instance.backend.file_store, row, case_key))
            for row in case.attachments
        ]
    assert len(stored) == 3
    for data in stored:
        assert planted(data) == set() and photos_with_gps(data) == 0
