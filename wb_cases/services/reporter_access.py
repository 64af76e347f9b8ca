"""The reporter's side after filing: open a case with the receipt, read it, write back.

A wrong code, a malformed code and a code for a deleted case all raise the
same `UnknownReceiptError`, so the portal gives one generic answer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import crypto
import policies

from ..errors import NotFoundError, UnknownReceiptError
from ..models import Attachment, Case
from ..models.case import Author
from ..storage import FileStore, StagedFile
from . import contexts
from .attachments import AttachmentView, Download, describe, stream_attachment
from .intake import IntakeKeys, receipt_param_sets
from .kdf_gate import run_gated
from .messaging import MessageView, add_message, read_messages


@dataclass(frozen=True, repr=False)
class ReporterAccess:
    """What a reporter's session holds: the case and the key their receipt opened."""

    case_id: str
    receipt_key: bytes

    def __repr__(self) -> str:
        return "ReporterAccess(…)"


@dataclass(frozen=True)
class ReporterCaseView:
    number: str
    status: str
    received: dt.date
    acknowledged: dt.date | None
    ack_due: dt.date
    feedback_due: dt.date
    closed: dt.date | None
    report: dict[str, str]
    messages: list[MessageView]
    attachments: list[AttachmentView]


def open_case_with_receipt(session: Session, code: str, keys: IntakeKeys) -> ReporterAccess:
    """Derive the lookup tag from the code and open the case it names."""
    try:
        normalized = crypto.normalize_receipt(code)
    except crypto.MalformedReceiptError:
        raise UnknownReceiptError() from None
    for params in receipt_param_sets(session, keys.kdf):
        derived = run_gated(
            lambda p=params: crypto.derive_receipt_keys(normalized, keys.receipt_salt, p)
        )
        case = session.scalar(select(Case).where(Case.receipt_lookup == derived.lookup_tag))
        if case is not None:
            access = ReporterAccess(case.id, derived.receipt_key)
            _case_key(case, access)  # proves the key opens it
            return access
    raise UnknownReceiptError()


def _load(session: Session, access: ReporterAccess) -> Case:
    case = session.get(Case, access.case_id)
    if case is None or case.case_key_receipt is None:
        raise UnknownReceiptError()
    return case


def _case_key(case: Case, access: ReporterAccess) -> bytes:
    if case.case_key_receipt is None:
        raise UnknownReceiptError()
    try:
        return crypto.unwrap_key(
            access.receipt_key, case.case_key_receipt, contexts.case_key_receipt(case.id)
        )
    except crypto.DecryptionError:
        raise UnknownReceiptError() from None


def read_case_as_reporter(session: Session, access: ReporterAccess) -> ReporterCaseView:
    """Everything the reporter may see: status, dates, their report, the thread."""
    case = _load(session, access)
    case_key = _case_key(case, access)
    report = json.loads(crypto.decrypt(case_key, case.report, contexts.report(case.id)))
    return ReporterCaseView(
        number=case.number,
        status=case.status,
        received=case.received,
        acknowledged=case.acknowledged,
        ack_due=case.ack_due,
        feedback_due=case.feedback_due,
        closed=case.closed,
        report=report,
        messages=read_messages(case, case_key),
        attachments=[describe(row, case_key) for row in case.attachments],
    )


def add_reporter_message(
    session: Session,
    access: ReporterAccess,
    text: str,
    file_store: FileStore,
    *,
    today: dt.date,
    attachments: Sequence[StagedFile] = (),
) -> int:
    """Add the reporter's answer or new information; fresh input postpones deletion."""
    case = _load(session, access)
    case_key = _case_key(case, access)
    seq = add_message(
        session, file_store, case, case_key, Author.REPORTER, text, today, attachments
    )
    case.last_reporter_activity = today
    case.work_notice_pending = True
    if policies.on_reporter_input(case.closed is not None).offer_reopening:
        case.input_after_closing = today  # § 24b, stk. 1: the inbox offers reopening
    session.flush()
    return seq


def case_key_for_reporter(session: Session, access: ReporterAccess) -> tuple[Case, bytes]:
    case = _load(session, access)
    return case, _case_key(case, access)


def open_attachment(
    session: Session, file_store: FileStore, access: ReporterAccess, file_id: str
) -> Download:
    """Decrypt one of the reporter's own case's files for download (another case's: none)."""
    case, case_key = case_key_for_reporter(session, access)
    row = session.scalar(
        select(Attachment).where(Attachment.id == file_id, Attachment.case_id == case.id)
    )
    if row is None:
        raise NotFoundError("no such file")
    return Download(describe(row, case_key).name, stream_attachment(file_store, row, case_key))
