"""File a report: encrypt everything the reporter wrote, issue the receipt code.

The portal holds public keys only, so intake can seal but never open
(design.md § 2). The caller commits through `transaction()` and only then
shows the receipt (promise 4).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

import crypto
import policies
from crypto import KdfParams

from ..models import Case, Counter, Deadline
from ..models.case import Channel
from ..storage import FileStore, StagedFile
from . import contexts
from .attachments import attach_files
from .kdf_gate import run_gated


@dataclass(frozen=True)
class Identity:
    """A confidential reporter's name and contact, sealed to the custodian key."""

    name: str
    contact: str = ""


@dataclass(frozen=True)
class NewReport:
    answers: Mapping[str, str]
    anonymous: bool
    identity: Identity | None = None
    attachments: Sequence[StagedFile] = ()
    channel: Channel = Channel.PORTAL


@dataclass(frozen=True)
class IntakeKeys:
    """The public material intake needs; nothing here can open a case."""

    unit_public_key: bytes
    custodian_public_key: bytes
    receipt_salt: bytes
    kdf: KdfParams = field(default_factory=KdfParams)


@dataclass(frozen=True, repr=False)
class FiledReport:
    case_id: str
    number: str
    receipt_code: str
    ack_due: dt.date  # the reporter is told both dates on the receipt page
    feedback_due: dt.date

    def __repr__(self) -> str:  # the code must never reach a log line
        return f"FiledReport(number={self.number!r})"


def kdf_label(params: KdfParams) -> str:
    return f"argon2id$m={params.memory_kib},t={params.time_cost},p={params.parallelism}"


def next_case_number(session: Session, year: int) -> str:
    """Allocate the next number of the year with one atomic UPDATE … RETURNING."""
    name = f"case:{year}"
    if session.get(Counter, name) is None:
        dialect = session.get_bind().dialect.name
        stmt = insert(Counter).values(name=name, value=0)
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            stmt = pg_insert(Counter).values(name=name, value=0).on_conflict_do_nothing()
        elif dialect == "sqlite":
            stmt = stmt.prefix_with("OR IGNORE")
        session.execute(stmt)
    value = session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar_one()
    return f"WB-{year}-{value:04d}"


def initial_deadlines(
    received: dt.date, settings: policies.DeadlineSettings
) -> list[policies.Deadline]:
    """The 7-day acknowledgement and the provisional 3-month feedback (design.md § 4.1)."""
    return [
        policies.acknowledgement_deadline(received, settings),
        policies.provisional_feedback_deadline(received, settings),
    ]


def file_report(
    session: Session,
    report: NewReport,
    keys: IntakeKeys,
    file_store: FileStore,
    *,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> FiledReport:
    """Store a new report and return its receipt code (shown once, after commit)."""
    if not report.anonymous and report.identity is None:
        raise ValueError("a confidential report needs the reporter's identity")
    code = crypto.new_receipt_code()
    receipt = run_gated(lambda: crypto.derive_receipt_keys(code, keys.receipt_salt, keys.kdf))
    case_id = secrets.token_hex(16)
    case_key = crypto.new_key()
    staff_key = crypto.new_key()
    ack, feedback = initial_deadlines(today, settings)
    identity_sealed = None
    if not report.anonymous and report.identity is not None:
        identity_json = json.dumps(
            {"name": report.identity.name, "contact": report.identity.contact}
        )
        identity_sealed = crypto.seal(
            keys.custodian_public_key, identity_json.encode(), contexts.identity(case_id)
        )
    case = Case(
        id=case_id,
        number=next_case_number(session, today.year),
        received=today,
        status=str(policies.CaseStatus.RECEIVED),
        channel=report.channel,
        anonymous=report.anonymous,
        administration=None,
        receipt_lookup=receipt.lookup_tag,
        receipt_kdf=kdf_label(keys.kdf),
        case_key_sealed=crypto.seal(
            keys.unit_public_key, case_key, contexts.case_key_sealed(case_id)
        ),
        case_key_receipt=crypto.wrap_key(
            receipt.receipt_key, case_key, contexts.case_key_receipt(case_id)
        ),
        staff_key_sealed=crypto.seal(
            keys.unit_public_key, staff_key, contexts.staff_key_sealed(case_id)
        ),
        report=crypto.encrypt(
            case_key, json.dumps(dict(report.answers)).encode(), contexts.report(case_id)
        ),
        identity_sealed=identity_sealed,
        acknowledged=None,
        ack_due=ack.due,
        feedback_due=feedback.due,
        closed=None,
        next_due=ack.due,
        last_reporter_activity=today,
        message_count=0,
        work_notice_pending=True,
        purged=None,
    )
    session.add(case)
    session.flush()
    for deadline in (ack, feedback):
        session.add(
            Deadline(
                case_id=case_id,
                kind=deadline.kind,
                due=deadline.due,
                as_soon_as_possible=deadline.as_soon_as_possible,
                paragraph=str(deadline.paragraph),
            )
        )
    attach_files(session, file_store, case, case_key, report.attachments, today)
    return FiledReport(
        case_id=case_id,
        number=case.number,
        receipt_code=code,
        ack_due=ack.due,
        feedback_due=feedback.due,
    )


def receipt_param_sets(session: Session, current: KdfParams) -> list[KdfParams]:
    """The Argon2 parameters to try for a receipt: the current ones first, then older ones."""
    labels = session.scalars(select(Case.receipt_kdf).distinct()).all()
    result = [current]
    for label in labels:
        if label != kdf_label(current):
            parts = dict(part.split("=") for part in label.split("$", 1)[1].split(","))
            result.append(
                KdfParams(
                    time_cost=int(parts["t"]),
                    memory_kib=int(parts["m"]),
                    parallelism=int(parts["p"]),
                )
            )
    return result
