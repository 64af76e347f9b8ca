"""Closing a matter after its outcome, and the case once every matter is closed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from policies import MatterEvent, MatterStatus

from ..errors import Refused, WorkflowError
from . import audit, deadlines, reporter_duties
from .casefile import load_case
from .matters import MatterRef, load_matter, matter_ref, move_matter, sync_case_status


def close_matter(session: Session, matter_id: int, *, staff_id: str, today: dt.date) -> MatterRef:
    """Close a matter after its outcome (docs/summaries.md: the closed date counts)."""
    matter = load_matter(session, matter_id)
    move_matter(matter, MatterEvent.CLOSE)
    if matter.closed is None:  # a § 24d decline closed on its decision date
        matter.closed = today
    sync_case_status(matter.case)
    audit.record_action(
        session,
        staff_id,
        "matter.closed",
        today,
        case_id=matter.case_id,
        detail={"matter": matter.seq},
    )
    return matter_ref(matter)


def close_case(session: Session, case_id: str, *, staff_id: str, today: dt.date) -> None:
    """Close the case when every matter is closed and no feedback is owed (§ 24b, stk. 1);
    remaining deadlines lapse with it (never marked done)."""
    case = load_case(session, case_id)
    if case.closed is not None:
        raise WorkflowError("the case is already closed", code=Refused.CASE_ALREADY_CLOSED)
    if not case.matters:
        raise WorkflowError(
            "split the report into matters and triage them first", code=Refused.SPLIT_FIRST
        )
    if any(m.status != MatterStatus.CLOSED for m in case.matters):
        raise WorkflowError("close every matter first", code=Refused.CLOSE_MATTERS_FIRST)
    reporter_duties.close_open_duties(session, case, today)
    case.closed = today
    deadlines.refresh_next_due(session, case)
    sync_case_status(case)
    audit.record_action(session, staff_id, "case.closed", today, case_id=case.id)
