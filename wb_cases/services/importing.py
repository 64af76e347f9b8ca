"""Import earlier cases from another system (`wb import`, docs/import-format.md).

Only plain figures travel: dates, flags and codes. Imported cases hold no
report text, so their encrypted columns are empty and they have no receipt.
The import is all-or-nothing (the caller owns the transaction and the service
validates every case before it adds one) and idempotent by reference: a case
already imported with the same figures is skipped; with different figures the
whole file is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import crypto
import policies

from ..errors import WbError
from ..instance import key_id
from ..models import Case, CommitteeNotice, Matter
from ..models.case import Channel
from . import contexts
from .audit import record_action
from .intake import next_case_number

FORMAT = "wb-cases/1"
# The receipt_kdf of a case that has no receipt (never a parameter set).
NO_RECEIPT = "none"
SCOPES = ("inside", "outside", "declined_24d")
CASE_FIELDS = {
    "committee_notices",
    "major",
    "reference",
    "received",
    "anonymous",
    "matters",
    "administration",
    "acknowledged",
    "feedback_given",
    "closed",
}
MATTER_FIELDS = {
    "scope",
    "scope_reason",
    "route",
    "administration",
    "category",
    "closed",
    "confirmed",
    "consequences",
    "outcomes",
}


class ImportFormatError(WbError, ValueError):
    """The file is not a valid import; the message names the case and the field."""


@dataclass(frozen=True)
class MatterRecord:
    scope: str | None
    scope_reason: str | None
    route: str | None
    administration: str | None
    category: str | None
    closed: dt.date | None
    confirmed: bool | None
    consequences: tuple[str, ...]
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class NoticeRecord:
    """A notice the committee received about the case in the earlier system."""

    kind: str
    queued: dt.date
    sent: dt.date | None


# Committee notices an import may carry, with the paragraph each is sent under.
NOTICE_KINDS = {
    "committee_notice_24d_decline": "§ 24d",
    "committee_notice_24d_account": "§ 24d, stk. 2",
    "committee_notice_identity_request": "§ 24a, stk. 2",
    "committee_notice_major_significance": "§ 24f, stk. 4",
}
NOTICE_FIELDS = {"kind", "queued", "sent"}
# No case is older than this; a year such as 1900 is a typing or conversion mistake.
EARLIEST_RECEIVED = dt.date(1990, 1, 1)


@dataclass(frozen=True)
class CaseRecord:
    reference: str
    received: dt.date
    anonymous: bool
    administration: str | None
    acknowledged: dt.date | None
    feedback_given: dt.date | None
    closed: dt.date | None
    matters: tuple[MatterRecord, ...]
    notices: tuple[NoticeRecord, ...] = ()
    major: bool = False  # § 24h: described on its own in the annual report


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int
    matters: int


class _Field:
    """Reads and checks one object's fields, naming the place in every error."""

    def __init__(self, data: Any, where: str, allowed: set[str]) -> None:
        if not isinstance(data, dict):
            raise ImportFormatError(f"{where}: must be an object")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ImportFormatError(f"{where}: unknown field {unknown[0]!r}")
        self.data, self.where = data, where

    def fail(self, name: str, problem: str) -> ImportFormatError:
        return ImportFormatError(f"{self.where}: field {name!r} {problem}")

    def date(self, name: str, required: bool = False) -> dt.date | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.fail(name, "is required (a date YYYY-MM-DD)")
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(name, f"must be a date YYYY-MM-DD, not {value!r}") from None

    def flag(self, name: str, required: bool = False) -> bool | None:
        value = self.data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, bool):
            raise self.fail(name, f"must be true or false, not {value!r}")
        return value

    def text(self, name: str, limit: int, required: bool = False) -> str | None:
        value = self.data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise self.fail(name, f"must be a non-empty text of at most {limit} characters")
        return value.strip()

    def code(self, name: str, allowed: Sequence[str]) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if value not in allowed:
            raise self.fail(name, f"must be one of {', '.join(allowed)}, not {value!r}")
        return str(value)

    def codes(self, name: str, enum: type[StrEnum]) -> tuple[str, ...]:
        value = self.data.get(name, [])
        allowed = [str(member) for member in enum]
        if not isinstance(value, list):
            raise self.fail(name, "must be a list (it may be empty)")
        for item in value:
            if item not in allowed:
                raise self.fail(name, f"holds {item!r}; allowed: {', '.join(allowed)}")
        return tuple(dict.fromkeys(value))


def _matter(data: Any, where: str, received: dt.date) -> MatterRecord:
    f = _Field(data, where, MATTER_FIELDS)
    if "scope" not in f.data:
        raise f.fail("scope", "is required (inside, outside, declined_24d or null if untriaged)")
    closed = f.date("closed")
    if closed is not None and closed < received:
        raise f.fail("closed", f"({closed}) is before the case was received ({received})")
    return MatterRecord(
        scope=f.code("scope", SCOPES),
        scope_reason=f.code("scope_reason", [str(r) for r in policies.Reason]),
        route=f.code("route", [str(r) for r in policies.Route]),
        administration=f.text("administration", 64),
        category=f.code("category", [str(c) for c in policies.Category]),
        closed=closed,
        confirmed=f.flag("confirmed"),
        consequences=f.codes("consequences", policies.Consequence),
        outcomes=f.codes("outcomes", policies.Outcome),
    )


def _notice(data: Any, where: str, received: dt.date) -> NoticeRecord:
    f = _Field(data, where, NOTICE_FIELDS)
    kind = f.code("kind", list(NOTICE_KINDS))
    queued = f.date("queued", required=True)
    if kind is None or queued is None:
        raise f.fail("kind", f"is required: one of {', '.join(NOTICE_KINDS)}")
    if queued < received:
        raise f.fail("queued", f"({queued}) is before the case was received ({received})")
    sent = f.date("sent")
    if sent is not None and sent < queued:
        raise f.fail("sent", f"({sent}) is before the notice was queued ({queued})")
    return NoticeRecord(kind, queued, sent)


def _plausible(f: _Field, name: str, day: dt.date | None, today: dt.date) -> None:
    if day is None:
        return
    if day < EARLIEST_RECEIVED:
        raise f.fail(name, f"({day}) is implausible: before {EARLIEST_RECEIVED.year}")
    if day > today:
        raise f.fail(name, f"({day}) is in the future (today is {today})")


def _case(data: Any, index: int, today: dt.date) -> CaseRecord:
    where = f"cases[{index}]"
    reference = data.get("reference") if isinstance(data, dict) else None
    if isinstance(reference, str):
        where += f" (reference {reference!r})"
    f = _Field(data, where, CASE_FIELDS)
    reference = f.text("reference", 64, required=True)
    received = f.date("received", required=True)
    assert reference is not None and received is not None
    anonymous = f.flag("anonymous", required=True)
    _plausible(f, "received", received, today)
    for name in ("acknowledged", "feedback_given", "closed"):
        day = f.date(name)
        _plausible(f, name, day, today)
        if day is not None and day < received:
            raise f.fail(name, f"({day}) is before the case was received ({received})")
    notices = f.data.get("committee_notices", [])
    if not isinstance(notices, list):
        raise f.fail("committee_notices", "must be a list (it may be empty)")
    matters = f.data.get("matters")
    if not isinstance(matters, list):
        raise f.fail("matters", "is required: a list of matters (it may be empty)")
    return CaseRecord(
        reference=reference,
        received=received,
        anonymous=bool(anonymous),
        administration=f.text("administration", 64),
        acknowledged=f.date("acknowledged"),
        feedback_given=f.date("feedback_given"),
        closed=f.date("closed"),
        matters=tuple(
            _matter(m, f"{where}: matters[{i}]", received) for i, m in enumerate(matters)
        ),
        notices=tuple(
            _notice(n, f"{where}: committee_notices[{i}]", received) for i, n in enumerate(notices)
        ),
        major=bool(f.flag("major")),
    )


def parse_import(
    document: Any,
    *,
    today: dt.date,
    scheme_start: dt.date | None = None,
    before_scheme_start: bool = False,
) -> list[CaseRecord]:
    """Check a whole import document; the first problem raises, naming case and field.

    A case received before 1990 or after today is refused as implausible, and one
    received before the scheme started (WB_SCHEME_START) unless `before_scheme_start`
    says it is meant."""
    if not isinstance(document, dict):
        raise ImportFormatError("the file must hold a JSON object")
    unknown = sorted(set(document) - {"format", "source", "cases"})
    if unknown:
        raise ImportFormatError(f"unknown top-level field {unknown[0]!r}")
    if document.get("format") != FORMAT:
        raise ImportFormatError(
            f"field 'format' must be {FORMAT!r}, not {document.get('format')!r}"
        )
    cases = document.get("cases")
    if not isinstance(cases, list):
        raise ImportFormatError("field 'cases' must be a list")
    records = [_case(data, index, today) for index, data in enumerate(cases)]
    if scheme_start is not None and not before_scheme_start:
        for index, record in enumerate(records):
            if record.received < scheme_start:
                raise ImportFormatError(
                    f"cases[{index}] (reference {record.reference!r}): field 'received' "
                    f"({record.received}) is before the scheme started ({scheme_start}); "
                    "import it with --before-scheme-start if that is meant"
                )
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record.reference in seen:
            raise ImportFormatError(
                f"cases[{index}] (reference {record.reference!r}): field "
                f"'reference' repeats cases[{seen[record.reference]}]"
            )
        seen[record.reference] = index
    return records


def _stored(matter: Matter) -> MatterRecord:
    return MatterRecord(
        matter.scope,
        matter.scope_reason,
        matter.route,
        matter.administration,
        matter.category,
        matter.closed,
        matter.confirmed,
        tuple(matter.consequences or ()),
        tuple(matter.outcomes or ()),
    )


def _difference(case: Case, record: CaseRecord) -> str | None:
    """The first field where a stored imported case differs from the file, if any."""
    for name in (
        "received",
        "anonymous",
        "administration",
        "acknowledged",
        "feedback_given",
        "major",
    ):
        if getattr(case, name) != getattr(record, name):
            return name
    stored = [_stored(m) for m in case.matters]
    if len(stored) != len(record.matters):
        return "matters"
    for i, (old, new) in enumerate(zip(stored, record.matters, strict=True)):
        if old != new:
            changed = next(
                k for k in MatterRecord.__dataclass_fields__ if getattr(old, k) != getattr(new, k)
            )
            return f"matters[{i}].{changed}"
    return None


def _statuses(record: CaseRecord) -> tuple[str, dt.date | None]:
    closed = record.closed
    if closed is None and record.matters and all(m.closed for m in record.matters):
        closed = max(m.closed for m in record.matters if m.closed)
    if closed is not None:
        return str(policies.CaseStatus.CLOSED), closed
    if any(m.scope is None for m in record.matters) or not record.matters:
        return str(policies.CaseStatus.IN_TRIAGE), None
    return str(policies.CaseStatus.IN_INVESTIGATION), None


def _empty_keys(case_id: str, unit_public_key: bytes) -> dict[str, Any]:
    """Fresh case and staff keys sealed to the unit, and an empty report under the case key.

    Nothing encrypted travels with an import and no receipt exists; the case still
    gets its own keys so staff open it and add notes like any other case, and a
    key rotation re-seals it. Sealing needs only the public key.
    """
    case_key = crypto.new_key()
    return {
        "unit_key_id": key_id(unit_public_key),
        "case_key_sealed": crypto.seal(
            unit_public_key, case_key, contexts.case_key_sealed(case_id)
        ),
        "staff_key_sealed": crypto.seal(
            unit_public_key, crypto.new_key(), contexts.staff_key_sealed(case_id)
        ),
        "report": crypto.encrypt(case_key, b"{}", contexts.report(case_id)),
    }


def _give_keys(session: Session, unit_public_key: bytes) -> int:
    """Give keys to cases imported before imports made them (their pages failed to open)."""
    keyless = session.scalars(
        select(Case).where(Case.channel == Channel.IMPORT.value, Case.case_key_sealed == b"")
    ).all()
    for case in keyless:
        for name, value in _empty_keys(case.id, unit_public_key).items():
            setattr(case, name, value)
    return len(keyless)


def _add_case(session: Session, record: CaseRecord, unit_public_key: bytes) -> Case:
    status, closed = _statuses(record)
    case_id = secrets.token_hex(16)
    ack = policies.acknowledgement_deadline(record.received)
    feedback = (
        policies.feedback_deadline(record.acknowledged)
        if record.acknowledged
        else policies.provisional_feedback_deadline(record.received)
    )
    case = Case(
        id=case_id,
        **_empty_keys(case_id, unit_public_key),
        number=next_case_number(session, record.received.year),
        external_reference=record.reference,
        received=record.received,
        status=status,
        channel=Channel.IMPORT.value,
        anonymous=record.anonymous,
        major=record.major,
        administration=record.administration,
        receipt_lookup=None,
        receipt_kdf=NO_RECEIPT,
        case_key_receipt=None,
        identity_sealed=None,
        acknowledged=record.acknowledged,
        feedback_given=record.feedback_given,
        ack_due=ack.due,
        feedback_due=feedback.due,
        closed=closed,
        next_due=None,
        last_reporter_activity=record.received,
        message_count=0,
        purged=None,
    )
    for seq, m in enumerate(record.matters, start=1):
        matter_status = (
            policies.MatterStatus.CLOSED
            if m.closed
            else policies.MatterStatus.UNTRIAGED
            if m.scope is None
            else policies.MatterStatus.IN_INVESTIGATION
        )
        case.matters.append(
            Matter(
                seq=seq,
                title=None,
                status=str(matter_status),
                administration=m.administration,
                category=m.category,
                facts=None,
                decision=None,
                scope=m.scope,
                scope_reason=m.scope_reason,
                route=m.route,
                overridden=False,
                triaged=record.received if m.scope else None,
                outcomes=list(m.outcomes),
                confirmed=m.confirmed,
                consequences=list(m.consequences),
                closed=m.closed,
            )
        )
    for notice in record.notices:
        session.add(
            CommitteeNotice(
                case_id=case.id,
                kind=notice.kind,
                paragraph=NOTICE_KINDS[notice.kind],
                general_reason="imported",
                queued=notice.queued,
                sent=notice.sent,
            )
        )
    session.add(case)
    return case


def import_cases(
    session: Session,
    document: Mapping[str, Any],
    *,
    unit_public_key: bytes,
    today: dt.date,
    staff_id: str = "import",
    scheme_start: dt.date | None = None,
    before_scheme_start: bool = False,
) -> ImportResult:
    """Validate the whole document, then add the cases not yet imported; the caller commits."""
    records = parse_import(
        document, today=today, scheme_start=scheme_start, before_scheme_start=before_scheme_start
    )
    existing: dict[str, Case] = {}
    references = [r.reference for r in records]
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        for case in session.scalars(select(Case).where(Case.external_reference.in_(chunk))):
            existing[str(case.external_reference)] = case
    for index, record in enumerate(records):
        known = existing.get(record.reference)
        if known is None:
            continue
        where = f"cases[{index}] (reference {record.reference!r})"
        if known.channel != Channel.IMPORT.value:
            raise ImportFormatError(f"{where}: field 'reference' belongs to a case not imported")
        changed = _difference(known, record)
        if changed:
            raise ImportFormatError(
                f"{where}: field {changed!r} differs from the case imported "
                "earlier with this reference; an import never changes a case"
            )
    fresh = [r for r in records if r.reference not in existing]
    _give_keys(session, unit_public_key)
    for record in fresh:
        _add_case(session, record, unit_public_key)
    session.flush()
    result = ImportResult(
        imported=len(fresh),
        skipped=len(records) - len(fresh),
        matters=sum(len(r.matters) for r in fresh),
    )
    if fresh:
        digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
        record_action(
            session,
            staff_id,
            "cases.imported",
            today,
            detail={
                "format": FORMAT,
                "imported": result.imported,
                "skipped": result.skipped,
                "matters": result.matters,
                "sha256": digest,
            },
        )
    return result
