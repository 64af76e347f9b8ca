"""Plain helper functions the tests share (actors, factories)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

import policies
from wb_cases.db import transaction
from wb_cases.services import intake
from wb_cases.services.intake import FiledReport, Identity, IntakeKeys, NewReport
from wb_cases.storage import FileStore, StagedFile

DEFAULT_ANSWERS = {
    "what": "Udbetalinger uden bilag i regnskabet",
    "where": "Økonomiafdelingen",
}


def intake_keys(instance) -> IntakeKeys:  # type: ignore[no-untyped-def]
    portal = instance.portal
    return IntakeKeys(
        portal.unit_public_key,
        portal.custodian_public_key,
        portal.receipt_salt,
        instance.common.kdf,
    )


def stage(
    file_store: FileStore, name: str, content: bytes, content_type: str = "application/octet-stream"
) -> StagedFile:
    return file_store.stage_stream(io.BytesIO(content), name, content_type, limit=1 << 30)


def file_report(
    instance,
    session: Session,
    *,
    answers: Mapping[str, str] = DEFAULT_ANSWERS,  # type: ignore[no-untyped-def]
    anonymous: bool = True,
    identity: Identity | None = None,
    files: Sequence[tuple[str, bytes]] = (),
    today: dt.date = dt.date(2026, 3, 2),
) -> FiledReport:
    file_store = instance.backend.file_store
    staged = [stage(file_store, name, content) for name, content in files]
    with transaction(session):
        return intake.file_report(
            session,
            NewReport(answers=answers, anonymous=anonymous, identity=identity, attachments=staged),
            intake_keys(instance),
            file_store,
            today=today,
            settings=policies.DeadlineSettings(),
        )
