"""§ 15 requests to the administration, their extensions and answers, and the § 19, stk. 2
hearing before criticism (same answer period)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

import policies
from policies import DeadlineKind, MatterStatus

from ..errors import NotFoundError, Refused, WorkflowError
from ..models import Deadline, Matter
from . import audit, deadlines
from .matters import cite, load_matter


def send_request(
    session: Session,
    matter_id: int,
    *,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
    hearing: bool = False,
) -> Deadline:
    """Register a request to the administration (§ 14/§ 15: answer within three weeks), or
    the § 19 stk. 2 hearing before criticism (same answer period)."""
    matter = load_matter(session, matter_id)
    if matter.status not in (MatterStatus.IN_INVESTIGATION, MatterStatus.OUTCOME_RECORDED):
        raise WorkflowError(
            "requests and hearings belong to an investigation",
            code=Refused.REQUEST_OUTSIDE_INVESTIGATION,
        )
    due = policies.answer_deadline(today, settings)
    kind = DeadlineKind.HEARING if hearing else DeadlineKind.ANSWER
    paragraph = cite("§ 19, stk. 2") if hearing else str(due.paragraph)
    row = deadlines.add_deadline(
        session,
        matter.case,
        kind,
        due.due,
        paragraph,
        matter_id=matter.id,
        started=today,
        recipient="administration",
    )
    audit.record_action(
        session,
        staff_id,
        f"matter.{kind}_requested",
        today,
        case_id=matter.case_id,
        detail={"matter": matter.seq, "due": due.due.isoformat()},
    )
    return row


def _open_request(session: Session, deadline_id: int) -> Deadline:
    row = session.get(Deadline, deadline_id)
    if row is None or row.kind not in policies.REQUEST_KINDS:
        raise NotFoundError("no such request")
    if row.done is not None:
        raise WorkflowError("the request is already answered", code=Refused.REQUEST_ANSWERED)
    return row


def extend_request(
    session: Session,
    deadline_id: int,
    *,
    kind: policies.ExtensionKind,
    new_due: dt.date,
    reason_given: bool,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> Deadline:
    """§ 15, stk. 1: a longer deadline the unit sets moves the due date. § 15, stk. 2: the
    administration's delay notice records the date it expects to answer; the due date stays,
    so the request shows as overdue when it passes."""
    row = _open_request(session, deadline_id)
    started = row.started or today
    extension = policies.Extension(kind, today, new_due, reason_given)
    due = policies.answer_deadline(started, settings, [extension])
    if kind is policies.ExtensionKind.DELAY_NOTICE:
        row.expected = policies.expected_answer([extension])
    elif row.due is None or due.due > row.due:
        row.due = due.due
        row.paragraph = str(due.paragraph)
    deadlines.refresh_next_due(session, row.case)
    audit.record_action(
        session,
        staff_id,
        "matter.request_extended",
        today,
        case_id=row.case_id,
        detail={"deadline": row.id, "kind": str(kind), "due": str(row.due), "new": str(new_due)},
    )
    return row


def record_answer(session: Session, deadline_id: int, *, staff_id: str, today: dt.date) -> None:
    """The administration answered a request or the hearing."""
    row = _open_request(session, deadline_id)
    row.done = today
    if row.kind is DeadlineKind.HEARING and row.matter_id is not None:
        matter = load_matter(session, row.matter_id)
        matter.hearing_recorded = today
    deadlines.refresh_next_due(session, row.case)
    audit.record_action(
        session,
        staff_id,
        f"matter.{row.kind}_answered",
        today,
        case_id=row.case_id,
        detail={"deadline": row.id},
    )


def hearing_given(matter: Matter, today: dt.date) -> bool:
    """§ 19, stk. 2: whether the administration has had its chance to comment on this
    matter (`policies.hearing_given` over its hearings)."""
    return policies.hearing_given(
        answered=matter.hearing_recorded,
        hearing_dues=[
            d.due
            for d in matter.case.deadlines
            if d.kind is DeadlineKind.HEARING and d.matter_id == matter.id
        ],
        today=today,
    )
