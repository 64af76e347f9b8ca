"""The message thread between unit and reporter: ordered by sequence, dated by day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

import crypto

from ..models import Case, Message
from ..models.case import Author
from ..storage import FileStore, StagedFile
from . import contexts
from .attachments import AttachmentView, attach_files, describe


@dataclass(frozen=True)
class MessageView:
    seq: int
    author: str
    day: dt.date
    text: str
    attachments: tuple[AttachmentView, ...] = ()


def add_message(
    session: Session,
    file_store: FileStore,
    case: Case,
    case_key: bytes,
    author: Author,
    text: str,
    today: dt.date,
    attachments: Sequence[StagedFile] = (),
    staff_id: str | None = None,
) -> int:
    """Append one message (and its files) under the case key."""
    seq = case.message_count + 1
    case.message_count = seq
    session.add(
        Message(
            case_id=case.id,
            seq=seq,
            author=author,
            staff_id=staff_id,
            day=today,
            body=crypto.encrypt(case_key, text.encode(), contexts.message_body(case.id, seq)),
            read_by_unit=author == Author.UNIT,
        )
    )
    session.flush()
    attach_files(
        session, file_store, case, case_key, attachments, today, message_seq=seq, author=author
    )
    return seq


def read_messages(case: Case, case_key: bytes) -> list[MessageView]:
    by_message: dict[int, list[AttachmentView]] = {}
    for row in case.attachments:
        if row.message_seq is not None:
            by_message.setdefault(row.message_seq, []).append(describe(row, case_key))
    return [
        MessageView(
            seq=m.seq,
            author=m.author,
            day=m.day,
            text=crypto.decrypt(case_key, m.body, contexts.message_body(case.id, m.seq)).decode(),
            attachments=tuple(by_message.get(m.seq, ())),
        )
        for m in case.messages
    ]


def mark_read_by_unit(session: Session, case_id: str) -> int:
    """A member opened the case: the reporter's messages are read (the inbox mark goes)."""
    result = session.execute(
        update(Message)
        .where(
            Message.case_id == case_id,
            Message.author == Author.REPORTER,
            Message.read_by_unit.is_(False),
        )
        .values(read_by_unit=True)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
