"""Reports taken by staff: received orally, by letter or in a meeting (issue 9).

The Whistleblower Act requires oral channels as well as written ones. Staff register
the report with its channel; the system issues a receipt code, shown once, for staff to
hand to the reporter. The minutes are a message under the case key, so the reporter
reads them on the portal and approves them, or writes a correction, which becomes a
message of its own (and, like any input, postpones deletion).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import policies

from ..models import Case, Message
from ..models.case import Author, Channel
from ..storage import FileStore
from . import audit
from .casefile import case_key_for_staff
from .intake import FiledReport, Identity, IntakeKeys, NewReport, file_report
from .keyring import UnlockedKeys
from .messaging import add_message
from .minutes import Approval, MinutesState, minutes_state

STAFF_CHANNELS = (Channel.ORAL, Channel.LETTER, Channel.MEETING)


@dataclass(frozen=True)
class StaffReport:
    channel: Channel
    what: str
    minutes: str
    anonymous: bool = True
    identity: Identity | None = None


def register_staff_report(
    session: Session,
    report: StaffReport,
    keys: IntakeKeys,
    file_store: FileStore,
    staff_keys: UnlockedKeys | None,
    *,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> FiledReport:
    """File a report received by staff and send its minutes for the reporter's approval."""
    if report.channel not in STAFF_CHANNELS:
        raise ValueError("staff register oral, letter and meeting reports only")
    if not report.what.strip() or not report.minutes.strip():
        raise ValueError("write what was reported and the minutes")
    filed = file_report(
        session,
        NewReport(
            answers={"what": report.what.strip()},
            anonymous=report.anonymous,
            identity=report.identity,
            channel=report.channel,
        ),
        keys,
        file_store,
        today=today,
        settings=settings,
    )
    case = session.get(Case, filed.case_id)
    assert case is not None
    case_key = case_key_for_staff(case, staff_keys)
    seq = add_message(
        session,
        file_store,
        case,
        case_key,
        Author.UNIT,
        report.minutes.strip(),
        today,
        staff_id=staff_id,
    )
    message = _message(session, case.id, seq)
    message.kind, message.approval = "minutes", str(Approval.PENDING)
    session.flush()
    audit.record_action(
        session,
        staff_id,
        "case.registered_by_staff",
        today,
        case_id=case.id,
        detail={"channel": str(report.channel), "minutes": seq},
    )
    return filed


def _message(session: Session, case_id: str, seq: int) -> Message:
    row = session.scalar(select(Message).where(Message.case_id == case_id, Message.seq == seq))
    assert row is not None
    return row


__all__ = ["Approval", "MinutesState", "StaffReport", "minutes_state", "register_staff_report"]
