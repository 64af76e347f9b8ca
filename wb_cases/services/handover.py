"""Case assignment and hand-over when a member leaves.

`hand_over_cases` moves every live case of one member to another in one act, before
the member is removed; the audit log shows the hand-over and each case it moved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, Refused, WbError
from ..models import Case, Staff
from ..models.staff import Role
from . import audit

CASE_ROLES = (Role.CASEWORKER, Role.HEAD)


class HandOverError(WbError):
    """The hand-over is not possible (same member, or a member who cannot hold cases)."""


def _member(session: Session, staff_id: str) -> Staff:
    member = session.get(Staff, staff_id)
    if member is None:
        raise NotFoundError("no such staff member")
    return member


def receivers(session: Session) -> list[Staff]:
    """Members who may own cases: active caseworkers and heads of unit, by name."""
    return list(
        session.scalars(
            select(Staff)
            .where(Staff.active.is_(True), Staff.role.in_(CASE_ROLES))
            .order_by(Staff.display_name)
        )
    )


def _receiver(session: Session, staff_id: str) -> Staff:
    member = _member(session, staff_id)
    if not member.active or member.role not in CASE_ROLES:
        raise HandOverError(
            "cases go to an active caseworker or head of unit",
            code=Refused.HANDOVER_TARGET_CANNOT_HOLD,
        )
    return member


def assign_case(
    session: Session, case_id: str, assignee_id: str | None, *, staff_id: str, today: dt.date
) -> None:
    """Make one member responsible for a case (None: nobody); ``staff_id`` acts."""
    case = session.get(Case, case_id)
    if case is None or case.purged is not None:
        raise NotFoundError("no such case")
    if assignee_id is not None:
        _receiver(session, assignee_id)
    case.assigned_staff_id = assignee_id
    session.flush()
    audit.record_action(
        session, staff_id, "case.assigned", today, case_id=case.id, detail={"staff": assignee_id}
    )


def cases_of(session: Session, staff_id: str) -> list[Case]:
    return list(
        session.scalars(
            select(Case)
            .where(Case.assigned_staff_id == staff_id, Case.purged.is_(None))
            .order_by(Case.number)
        )
    )


def hand_over_cases(
    session: Session, from_staff_id: str, to_staff_id: str, *, staff_id: str, today: dt.date
) -> list[str]:
    """Reassign all of a member's cases to another member; return the case numbers."""
    if from_staff_id == to_staff_id:
        raise HandOverError("choose another member to take over", code=Refused.HANDOVER_SAME_MEMBER)
    _member(session, from_staff_id)
    _receiver(session, to_staff_id)
    moved = cases_of(session, from_staff_id)
    for case in moved:
        case.assigned_staff_id = to_staff_id
        session.flush()
        audit.record_action(
            session,
            staff_id,
            "case.reassigned",
            today,
            case_id=case.id,
            detail={"from": from_staff_id, "to": to_staff_id},
        )
    audit.record_action(
        session,
        staff_id,
        "staff.cases_handed_over",
        today,
        detail={"from": from_staff_id, "to": to_staff_id, "cases": len(moved)},
    )
    return [c.number for c in moved]


@dataclass(frozen=True)
class HandOverOverview:
    """What the hand-over page shows: who may hand over or take over, and who holds what."""

    members: list[Staff]  # everyone but the committee reader, by user name
    case_counts: dict[str, int]  # staff id -> live cases assigned
    names: dict[str, str]  # staff id -> display name


def hand_over_overview(session: Session) -> HandOverOverview:
    """The members, their display names and how many live cases each holds."""
    members = list(
        session.scalars(select(Staff).where(Staff.role != Role.COMMITTEE).order_by(Staff.username))
    )
    counts = {
        staff_id: count
        for staff_id, count in session.execute(
            select(Case.assigned_staff_id, func.count())
            .where(Case.assigned_staff_id.is_not(None), Case.purged.is_(None))
            .group_by(Case.assigned_staff_id)
        ).all()
        if staff_id is not None
    }
    names = {m.id: m.display_name for m in session.scalars(select(Staff))}
    return HandOverOverview(members, counts, names)


def unit_members(session: Session) -> list[tuple[str, str]]:
    """Active caseworkers and heads of unit (id, display name): who a case can be assigned to."""
    rows = session.scalars(
        select(Staff)
        .where(Staff.active.is_(True), Staff.role.in_([str(r) for r in CASE_ROLES]))
        .order_by(Staff.username)
    )
    return [(s.id, s.display_name) for s in rows]
