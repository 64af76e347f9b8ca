"""Attach staged, encrypted uploads to a case, and read them back as streams."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

import crypto

from ..models import Attachment, Case
from ..models.case import Author
from ..storage import FileStore, StagedFile
from . import contexts


@dataclass(frozen=True)
class AttachmentView:
    id: str
    name: str
    content_type: str
    size: int
    sanitation: tuple[str, ...]
    message_seq: int | None
    author: str
    day: dt.date


def attach_files(
    session: Session,
    file_store: FileStore,
    case: Case,
    case_key: bytes,
    files: Sequence[StagedFile],
    today: dt.date,
    message_seq: int | None = None,
    author: Author = Author.REPORTER,
) -> list[Attachment]:
    """Promote staged blobs into the store and record them, name and type encrypted."""
    rows = []
    for staged in files:
        meta = json.dumps(
            {
                "name": staged.name,
                "type": staged.content_type,
                "size": staged.size,
                "sanitation": list(staged.sanitation),
            }
        ).encode()
        size = file_store.promote(session, staged.blob_id)
        row = Attachment(
            id=staged.blob_id,
            case_id=case.id,
            message_seq=message_seq,
            author=author,
            day=today,
            file_key_wrapped=crypto.wrap_key(
                case_key, staged.file_key, contexts.attachment_key(case.id, staged.blob_id)
            ),
            meta=crypto.encrypt(case_key, meta, contexts.attachment_meta(case.id, staged.blob_id)),
            ciphertext_size=size,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def describe(row: Attachment, case_key: bytes) -> AttachmentView:
    meta = json.loads(
        crypto.decrypt(case_key, row.meta, contexts.attachment_meta(row.case_id, row.id))
    )
    return AttachmentView(
        id=row.id,
        name=meta["name"],
        content_type=meta["type"],
        size=meta["size"],
        sanitation=tuple(meta.get("sanitation", ())),
        message_seq=row.message_seq,
        author=row.author,
        day=row.day,
    )


@dataclass(frozen=True)
class Download:
    """A decrypted attachment on its way out: its display name and its plaintext chunks."""

    name: str
    chunks: Iterator[bytes]


def stream_attachment(file_store: FileStore, row: Attachment, case_key: bytes) -> Iterator[bytes]:
    """Decrypt an attachment segment by segment, for a download."""
    file_key = crypto.unwrap_key(
        case_key, row.file_key_wrapped, contexts.attachment_key(row.case_id, row.id)
    )
    return file_store.iter_plaintext(row.id, file_key)
