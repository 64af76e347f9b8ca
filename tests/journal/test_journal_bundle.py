"""The journal bundle: PDF/A with embedded fonts, original files, metadata, manifest, and
never the sealed identity."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.conftest import TODAY
from wb_cases.cli import main
from wb_cases.db import transaction
from wb_cases.models import AuditEntry, JournalEntry
from wb_cases.services import casefile, journal, journal_bundle

from .conftest import CANARY, CANARY_CONTACT


def assert_pdfa(data: bytes) -> None:
    """PDF/A check with pikepdf: XMP identification, an output intent, fonts embedded."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") in {"2", "3"}
        assert meta.get("pdfaid:conformance") == "B"
        intents = pdf.Root.get("/OutputIntents")
        assert intents is not None and len(intents) >= 1
        assert intents[0].get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intents[0]
        descriptors = 0
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            for _name, font in fonts.items():
                parts = [font] + list(font.get("/DescendantFonts", []))
                for part in parts:
                    descriptor = part.get("/FontDescriptor")
                    if descriptor is None:
                        continue
                    descriptors += 1
                    assert any(
                        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    ), font
        assert descriptors > 0


def _bundle_dir(tmp_path: Path, instance, confidential_case) -> Path:  # type: ignore[no-untyped-def]
    env = {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
    }
    result = CliRunner().invoke(
        main,
        ["export-case", confidential_case.number, "--out", str(tmp_path / "out")],
        input=instance.recovery_key + "\n",
        env=env,
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / confidential_case.number


def test_export_case_writes_a_pdfa_the_original_files_metadata_and_a_matching_manifest(
    tmp_path, instance, db, flow, confidential_case
):  # type: ignore[no-untyped-def]
    with transaction(db):
        seq = casefile.add_note(
            db,
            flow.keys,
            confidential_case.case_id,
            "Endeligt notat om sagen",
            staff_id=flow.sid,
            today=TODAY,
        )
        casefile.add_note(
            db,
            flow.keys,
            confidential_case.case_id,
            "Kladde, ikke endelig",
            staff_id=flow.sid,
            today=TODAY,
        )
        from wb_cases.models import Note

        db.scalar(
            select(Note).where(Note.case_id == confidential_case.case_id, Note.seq == seq)
        ).final = True
    out = _bundle_dir(tmp_path, instance, confidential_case)
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names == [
        "bilag/01-faktura_aeoeaa.pdf",
        "bilag/02-foto.txt",
        "manifest-sha256.txt",
        "metadata.json",
        "sag.pdf",
    ]
    assert (out / "bilag/01-faktura_aeoeaa.pdf").read_bytes() == b"%PDF-1.4\n% bilag et\n"
    assert_pdfa((out / "sag.pdf").read_bytes())

    manifest = (out / "manifest-sha256.txt").read_text().splitlines()
    assert len(manifest) == 4
    for line in manifest:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest

    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["case_number"] == confidential_case.number
    assert metadata["received"] == "2026-03-02"
    refs = {d["document"]: d for d in metadata["documents"]}
    assert (
        refs["report"]["description"] == "Indberetning" and refs["report"]["date"] == "2026-03-02"
    )
    assert sum(d["document"].startswith("attachment-") for d in metadata["documents"]) == 2
    assert [d["document"] for d in metadata["documents"] if d["document"].startswith("note-")] == [
        f"note-{seq}"
    ]

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "sag.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert "Fakturaer betalt to gange" in text and "Endeligt notat" in text
    assert "Kladde" not in text
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (CANARY, CANARY_CONTACT, "KANARIE"):
                assert secret.encode() not in data, path
                assert secret.encode("utf-16-be") not in data, path
    assert "KANARIE" not in text and "kanarie" not in text
    db.expire_all()
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "case.exported"))


def test_export_case_refuses_a_wrong_recovery_key(tmp_path, instance, confidential_case):  # type: ignore[no-untyped-def]
    env = {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
    }
    result = CliRunner().invoke(
        main,
        ["export-case", confidential_case.number, "--out", str(tmp_path)],
        input="AAAA-BBBB\n",
        env=env,
    )
    assert result.exit_code != 0 and not (tmp_path / confidential_case.number).exists()


def test_journal_references_are_recorded_per_document_and_open_ones_listed(
    instance, db, flow, confidential_case
):  # type: ignore[no-untyped-def]
    case = casefile.load_case(db, confidential_case.case_id)
    before = journal.journal_status(db, case)
    assert {r.ref for r in before if r.journal_ref is None} == {r.ref for r in before}
    with transaction(db):
        journal.record_journal_ref(
            db, case.id, "report", "26/01234-1", staff_id=flow.sid, today=TODAY
        )
    after = {r.ref: r.journal_ref for r in journal.journal_status(db, case)}
    assert after["report"] == "26/01234-1"
    assert sum(v is None for v in after.values()) == len(before) - 1
    with pytest.raises(journal.JournalError), transaction(db):
        journal.record_journal_ref(db, case.id, "message-99", "x", staff_id=flow.sid, today=TODAY)
    assert db.scalar(select(JournalEntry.document)) == "report"


def test_the_back_office_exports_a_zip_without_entry_times_and_shows_unjournalised_documents(
    instance, db, head_client, confidential_case
):  # type: ignore[no-untyped-def]
    from tests.wb_backoffice.conftest import post

    page = head_client.get(f"/cases/{confidential_case.case_id}").get_data(as_text=True)
    assert "Ikke journaliseret" in page and "Indberetning" in page
    response = post(
        head_client,
        f"/cases/{confidential_case.case_id}/journal",
        {"document": "report", "journal_ref": "26/0001-7"},
        token_from=f"/cases/{confidential_case.case_id}",
    )
    assert response.status_code == 302
    page = head_client.get(f"/cases/{confidential_case.case_id}").get_data(as_text=True)
    assert "26/0001-7" in page
    response = post(
        head_client,
        f"/cases/{confidential_case.case_id}/export",
        token_from=f"/cases/{confidential_case.case_id}",
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert all(i.extra == b"" for i in archive.infolist())
    assert f"{confidential_case.number}/sag.pdf" in archive.namelist()
    assert_pdfa(archive.read(f"{confidential_case.number}/sag.pdf"))
    for name in archive.namelist():
        assert b"KANARIE" not in archive.read(name)
    assert journal_bundle.PDF_NAME == "sag.pdf"


def test_the_bundle_holds_a_major_case_approved_text_and_never_its_draft(
    tmp_path, instance, db, flow, confidential_case
):  # type: ignore[no-untyped-def]
    from wb_cases.services import major_cases

    approved = (
        "En større sag om dobbeltbetalte fakturaer viste svigt i kontrollen over flere år. "
        "Forvaltningen har skærpet sit tilsyn."
    )
    case_id = confidential_case.case_id
    flow.do(major_cases.set_major, case_id, True, staff_id=flow.sid, today=TODAY)
    flow.do(major_cases.approve, flow.keys, case_id, approved, staff_id=flow.sid, today=TODAY)
    flow.do(
        major_cases.save_draft,
        flow.keys,
        case_id,
        "Kladde til ny tekst",
        staff_id=flow.sid,
        today=TODAY,
    )
    out = _bundle_dir(tmp_path, instance, confidential_case)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "sag.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert "Større sag" in text and "skærpet sit tilsyn" in text
    assert "Kladde til ny tekst" not in text
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["major"] is True
    assert metadata["major_summary_approved"] == TODAY.isoformat()


def test_a_major_text_edited_in_the_database_stays_out_of_the_bundle(
    tmp_path, instance, db, flow, confidential_case
):  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from wb_cases.models import MajorSummary
    from wb_cases.services import major_cases

    case_id = confidential_case.case_id
    approved = "En større sag om dobbeltbetalte fakturaer viste svigt i kontrollen over flere år."
    flow.do(major_cases.set_major, case_id, True, staff_id=flow.sid, today=TODAY)
    flow.do(major_cases.approve, flow.keys, case_id, approved, staff_id=flow.sid, today=TODAY)
    with transaction(db):
        db.execute(update(MajorSummary).values(published="Jens Hansen var skyldig."))
    out = _bundle_dir(tmp_path, instance, confidential_case)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "sag.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert "Jens Hansen" not in text and "stemmer ikke med godkendelsen" in text
    assert json.loads((out / "metadata.json").read_text())["major_summary_approved"] is None
