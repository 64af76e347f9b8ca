"""The staff side of a case: open it with the unit key, read it, write to the reporter."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

import crypto

from ..errors import NotFoundError, PermissionDeniedError
from ..models import Case, Note
from ..models.case import Author
from ..storage import FileStore, StagedFile
from . import audit, contexts
from .attachments import AttachmentView, describe
from .keyring import UnlockedKeys
from .messaging import MessageView, add_message, read_messages


@dataclass(frozen=True)
class NoteView:
    seq: int
    kind: str
    staff_id: str | None
    day: dt.date
    text: str


@dataclass(frozen=True)
class CaseFile:
    id: str
    number: str
    status: str
    received: dt.date
    anonymous: bool
    has_identity: bool
    acknowledged: dt.date | None
    ack_due: dt.date
    feedback_due: dt.date
    closed: dt.date | None
    report: dict[str, str]
    messages: list[MessageView]
    notes: list[NoteView]
    attachments: list[AttachmentView]


def load_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.purged is not None:
        raise NotFoundError("no such case")
    return case


def case_key_for_staff(case: Case, keys: UnlockedKeys | None) -> bytes:
    if keys is None:
        raise PermissionDeniedError("this role cannot open cases")
    return crypto.open_sealed(
        keys.unit_private, case.case_key_sealed, contexts.case_key_sealed(case.id)
    )


def staff_key_for_staff(case: Case, keys: UnlockedKeys | None) -> bytes:
    if keys is None:
        raise PermissionDeniedError("this role cannot open cases")
    return crypto.open_sealed(
        keys.unit_private, case.staff_key_sealed, contexts.staff_key_sealed(case.id)
    )


def read_case_as_staff(session: Session, keys: UnlockedKeys | None, case_id: str) -> CaseFile:
    """Decrypt a case for a caseworker or head of unit (never the identity)."""
    return case_file_of(load_case(session, case_id), keys)


def case_file_of(case: Case, keys: UnlockedKeys | None) -> CaseFile:
    """Decrypt a loaded case for a caseworker or head of unit (never the identity)."""
    case_key = case_key_for_staff(case, keys)
    staff_key = staff_key_for_staff(case, keys)
    report = json.loads(crypto.decrypt(case_key, case.report, contexts.report(case.id)))
    notes = [
        NoteView(
            n.seq,
            n.kind,
            n.staff_id,
            n.day,
            crypto.decrypt(staff_key, n.body, contexts.note_body(case.id, n.seq)).decode(),
        )
        for n in case.notes
    ]
    return CaseFile(
        id=case.id,
        number=case.number,
        status=case.status,
        received=case.received,
        anonymous=case.anonymous,
        has_identity=case.identity_sealed is not None,
        acknowledged=case.acknowledged,
        ack_due=case.ack_due,
        feedback_due=case.feedback_due,
        closed=case.closed,
        report=report,
        messages=read_messages(case, case_key),
        notes=notes,
        attachments=[describe(row, case_key) for row in case.attachments],
    )


def add_unit_message(
    session: Session,
    file_store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
    attachments: Sequence[StagedFile] = (),
) -> int:
    """Send a message to the reporter; they read it on the portal with their receipt."""
    case = load_case(session, case_id)
    case_key = case_key_for_staff(case, keys)
    seq = add_message(
        session, file_store, case, case_key, Author.UNIT, text, today, attachments, staff_id
    )
    audit.record_action(
        session, staff_id, "message.sent", today, case_id=case.id, detail={"seq": seq}
    )
    return seq


def add_note(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
    kind: str = "note",
) -> int:
    """Add an internal note under the staff key: a receipt code never opens it."""
    case = load_case(session, case_id)
    staff_key = staff_key_for_staff(case, keys)
    seq = max((n.seq for n in case.notes), default=0) + 1
    case.notes.append(  # through the relationship, so a second note in this act counts it
        Note(
            case_id=case.id,
            seq=seq,
            kind=kind,
            staff_id=staff_id,
            day=today,
            body=crypto.encrypt(staff_key, text.encode(), contexts.note_body(case.id, seq)),
        )
    )
    session.flush()
    audit.record_action(
        session, staff_id, "note.added", today, case_id=case.id, detail={"seq": seq}
    )
    return seq
