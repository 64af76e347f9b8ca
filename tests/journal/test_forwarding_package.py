"""Forwarding packages: cleaned, renamed files in a ZIP with no entry times, a cover
letter, an audit entry and the § 24g follow-up deadline."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile

import pikepdf
import pytest
from PIL import Image
from sqlalchemy import select

import policies
from policies.scenarios import SCENARIOS
from tests.wb_backoffice.conftest import post
from tests.wb_backoffice.flow import SETTINGS, Flow
from wb_cases.models import AuditEntry, Deadline, Note
from wb_cases.services import forwarding_package

from .conftest import CANARY, CANARY_CONTACT

FACTS = {s.key: s.facts for s in SCENARIOS}


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x013B] = "Artist Kanarie"  # Artist
    exif[0x0110] = "Telefon X"  # Model
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf_with_author() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Forfatter Kanarie"
    pdf.docinfo["/Producer"] = "Kontorpakke 9"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def zip_entries_have_no_times(data: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for info in archive.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.extra == b""  # no extended timestamp (0x5455) or NTFS time fields
    # The local headers too: DOS time and date words are the 1980-01-01 value, no extras.
    offset = 0
    for info in archive.infolist():
        offset = info.header_offset
        sig, _v, _f, _m, time_word, date_word = struct.unpack("<IHHHHH", data[offset : offset + 14])
        assert sig == 0x04034B50 and time_word == 0 and date_word == (0 << 9) | (1 << 5) | 1
        extra_len = struct.unpack("<H", data[offset + 28 : offset + 30])[0]
        assert extra_len == 0


def _forwarded(instance, db) -> Flow:  # type: ignore[no-untyped-def]
    from tests.helpers import file_report
    from wb_cases.services.intake import Identity

    flow = Flow(instance, db)
    filed = file_report(
        instance,
        db,
        anonymous=False,
        identity=Identity(CANARY, CANARY_CONTACT),
        answers={"what": "Dobbeltbetaling af fakturaer"},
        files=[("IMG_2041 Kanarie.jpg", jpeg_with_exif()), ("notat.pdf", pdf_with_author())],
    )
    flow.case_id, flow.receipt = filed.case_id, filed.receipt_code
    flow.acknowledge(employee=True).split("Dobbeltbetaling")
    decision = flow.triage(FACTS["E"])
    assert decision.route is policies.Route.INTERNAL_AUDIT
    return flow


def test_a_forwarding_package_holds_clean_renamed_files_no_times_a_letter_audit_and_24g(
    instance, db
):  # type: ignore[no-untyped-def]
    flow = _forwarded(instance, db)
    case = flow.case
    refs = ["report"] + sorted(f"attachment-{a.id}" for a in case.attachments)
    package_day = flow.later(5)
    package = flow.do(
        forwarding_package.build_forwarding_package,
        instance.backend.file_store,
        flow.keys,
        flow.matters[0],
        refs,
        staff_id=flow.sid,
        today=package_day,
        settings=SETTINGS,
    )
    assert package.paragraph == "§ 24c, stk. 3, nr. 1"
    zip_entries_have_no_times(package.data)
    archive = zipfile.ZipFile(io.BytesIO(package.data))
    names = archive.namelist()
    assert names[0] == "00-foelgebrev.pdf" and names[1] == "01-indberetning.pdf"
    assert sorted(names[2:]) == ["02-bilag.jpg", "03-bilag.pdf"] or sorted(names[2:]) == [
        "02-bilag.pdf",
        "03-bilag.jpg",
    ]
    for name in names:
        data = archive.read(name)
        assert b"Kanarie" not in data and b"KANARIE" not in data and b"kanarie" not in data
        assert CANARY_CONTACT.encode() not in data
        if name.endswith(".jpg"):
            image = Image.open(io.BytesIO(data))
            assert not dict(image.getexif()) and b"Exif" not in data
            assert b"Telefon X" not in data
        if name.endswith(".pdf"):
            with pikepdf.open(io.BytesIO(data)) as pdf:
                assert "/Author" not in pdf.docinfo and "/Producer" not in pdf.docinfo
                assert "/Metadata" not in pdf.Root
    letter = archive.read("00-foelgebrev.pdf")
    assert b"Kontorpakke" not in letter

    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "matter.forwarding_package"))
    assert entry.detail["paragraph"] == "§ 24c, stk. 3, nr. 1" and entry.detail["documents"] == 3
    deadline = db.scalar(
        select(Deadline).where(Deadline.kind == "await_instance_outcome", Deadline.done.is_(None))
    )
    assert deadline.started == package_day
    assert deadline.due == policies.outcome_followup_deadline(package_day, SETTINGS).due
    assert flow.matter().forwarded == package_day
    note = db.scalar(select(Note).where(Note.case_id == flow.case_id, Note.kind == "letter"))
    assert note.final is True


def test_a_matter_that_is_not_forwarded_gets_no_package(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(what="forhold").acknowledge(employee=True).split("x")
    flow.triage(FACTS["C"])
    with pytest.raises(forwarding_package.ForwardingError):
        flow.do(
            forwarding_package.build_forwarding_package,
            instance.backend.file_store,
            flow.keys,
            flow.matters[0],
            ["report"],
            staff_id=flow.sid,
            today=dt.date(2026, 4, 1),
            settings=SETTINGS,
        )


def test_the_forward_page_offers_the_documents_and_sends_the_zip(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = _forwarded(instance, db)
    page = head_client.get(f"/matters/{flow.matters[0]}/forward").get_data(as_text=True)
    assert "§ 24c, stk. 3, nr. 1" in page and "Indberetning" in page
    response = post(
        head_client,
        f"/matters/{flow.matters[0]}/forward",
        {"documents": ["report"]},
        token_from=f"/matters/{flow.matters[0]}/forward",
    )
    assert response.status_code == 200 and response.mimetype == "application/zip"
    zip_entries_have_no_times(response.data)
    assert zipfile.ZipFile(io.BytesIO(response.data)).namelist() == [
        "00-foelgebrev.pdf",
        "01-indberetning.pdf",
    ]


def test_a_package_can_carry_safe_copies_instead_of_the_original_files(instance, db):  # type: ignore[no-untyped-def]
    flow = _forwarded(instance, db)
    refs = sorted(f"attachment-{a.id}" for a in flow.case.attachments)
    package = flow.do(
        forwarding_package.build_forwarding_package,
        instance.backend.file_store,
        flow.keys,
        flow.matters[0],
        refs,
        staff_id=flow.sid,
        today=flow.later(5),
        settings=SETTINGS,
        safe_copies=True,
    )
    archive = zipfile.ZipFile(io.BytesIO(package.data))
    assert archive.namelist()[1:] == ["01-bilag.pdf", "02-bilag.pdf"]
    for name in archive.namelist()[1:]:
        data = archive.read(name)
        assert b"\xff\xd8\xff" not in data[:16]  # not the photo itself
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1 and "/Info" not in pdf.trailer
            # Pictures of pages only: no fonts, so no text the original carried along.
            assert "/Font" not in pdf.pages[0].obj.Resources
        assert b"Kanarie" not in data and b"Telefon X" not in data
