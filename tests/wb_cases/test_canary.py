"""Promise 2: nothing a reporter wrote is readable from the database, files or portal config."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

import policies
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.helpers import file_report, intake_keys
from wb_cases.models import Staff
from wb_cases.services import casefile, keyring, staff
from wb_cases.services.identity import IdentityReason, open_identity, request_opening
from wb_cases.services.intake import Identity
from wb_cases.services.reporter_access import open_case_with_receipt, read_case_as_reporter

CANARIES = {
    "text": "CANARY-TEXT-7f3a9c",
    "name": "CANARY-NAME-b21d44.pdf",
    "content": "CANARY-CONTENT-55e0aa",
    "identity": "CANARY-IDENTITY-c0ffee",
}


def _everything_on_disk(instance, database_url: str) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    blobs = [
        (str(path), path.read_bytes())
        for path in Path(instance.common.data_dir).rglob("*")
        if path.is_file()
    ]
    if database_url.startswith("postgresql"):
        url = make_url(database_url)
        dump = subprocess.run(
            [
                "pg_dump",
                "-h",
                url.host or "127.0.0.1",
                "-p",
                str(url.port or 5432),
                "-U",
                url.username or "postgres",
                url.database or "",
            ],
            check=True,
            capture_output=True,
        ).stdout
        blobs.append(("pg_dump", dump))
    return blobs


def test_canaries_appear_nowhere_at_rest_and_read_back_with_receipt_and_staff_login(
    instance, db, database_url
):  # type: ignore[no-untyped-def]
    if database_url.startswith("postgresql") and shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is needed to inspect the PostgreSQL copy")
    filed = file_report(
        instance,
        db,
        anonymous=False,
        answers={"what": CANARIES["text"]},
        identity=Identity(name=CANARIES["identity"], contact="—"),
        files=[(CANARIES["name"], CANARIES["content"].encode() * 3)],
    )
    db.close()
    instance.backend.engine.dispose()  # flush SQLite's WAL into the main file too

    for where, content in _everything_on_disk(instance, database_url):
        for label, canary in CANARIES.items():
            assert canary.encode() not in content, f"{label} canary readable in {where}"
            assert canary.encode("utf-16-le") not in content, f"{label} canary in {where}"

    with instance.session() as session:
        access = open_case_with_receipt(session, filed.receipt_code, intake_keys(instance))
        view = read_case_as_reporter(session, access)
        assert view.report["what"] == CANARIES["text"]
        assert view.attachments[0].name == CANARIES["name"]
        row = session.get(casefile.Case, filed.case_id)
        assert row is not None
        from wb_cases.services.attachments import stream_attachment

        content = b"".join(
            stream_attachment(
                instance.backend.file_store,
                row.attachments[0],
                casefile.case_key_for_staff(row, _admin_keys(instance, session)),
            )
        )
        assert content == CANARIES["content"].encode() * 3

        keys = _admin_keys(instance, session)
        staff_view = casefile.read_case_as_staff(session, keys, filed.case_id)
        assert staff_view.report["what"] == CANARIES["text"]
        head = session.query(Staff).filter_by(username=ADMIN).one()
        asked = request_opening(
            session,
            keys,
            filed.case_id,
            staff_id=head.id,
            reason=IdentityReason.POLICE_OR_COURT,
            justification="Retten har pålagt udlevering.",
            today=filed_day(),
            options=policies.UnitOptions(),
        )
        shown = open_identity(
            session,
            keys,
            asked.id,
            staff_id=head.id,
            today=filed_day(),
            options=policies.UnitOptions(),
        )
        assert shown["name"] == CANARIES["identity"]


def filed_day():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 3, 3)


def _admin_keys(instance, session) -> keyring.UnlockedKeys:  # type: ignore[no-untyped-def]
    _, keys = staff.check_password(session, ADMIN, ADMIN_PASSWORD, instance.backoffice.pepper)
    assert keys is not None
    return keys


def test_portal_configuration_holds_no_private_key(instance):  # type: ignore[no-untyped-def]
    import dataclasses

    from wb_cases.config import PortalConfig

    names = {f.name for f in dataclasses.fields(PortalConfig)}
    assert not any("private" in name or "pepper" in name or "recovery" in name for name in names)
    with instance.session() as session:
        keys = _admin_keys(instance, session)
    portal_values = [v for v in dataclasses.astuple(instance.portal) if isinstance(v, bytes)]
    assert keys.unit_private not in portal_values
    assert keys.custodian_private not in portal_values
