"""The figures of conventions.md § 2, counted over plain fields only (tombstones included)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Case, Matter

KEYS = ("reports_received", "anonymous", "matters", "inside", "outside", "declined_24d",
        "untriaged", "matters_closed", "investigations_closed", "confirmed",
        "with_consequences")


def count_figures(session: Session, start: dt.date, end: dt.date) -> dict[str, int]:
    """Count one inclusive period [start, end] the way conventions.md § 2 defines it."""
    received = (Case.received >= start) & (Case.received <= end)
    out = dict.fromkeys(KEYS, 0)
    out["reports_received"] = session.scalar(select(func.count()).where(received)) or 0
    out["anonymous"] = session.scalar(
        select(func.count()).where(received, Case.anonymous.is_(True))) or 0
    for scope, count in session.execute(
        select(Matter.scope, func.count()).join(Case, Matter.case_id == Case.id)
        .where(received).group_by(Matter.scope)
    ):
        out["matters"] += count
        out[scope if scope in ("inside", "outside", "declined_24d") else "untriaged"] += count
    for scope, confirmed, consequences in session.execute(
        select(Matter.scope, Matter.confirmed, Matter.consequences)
        .where(Matter.closed >= start, Matter.closed <= end)
    ):
        out["matters_closed"] += 1
        out["investigations_closed"] += scope == "inside"
        out["confirmed"] += confirmed is True
        out["with_consequences"] += bool(consequences)
    return out
