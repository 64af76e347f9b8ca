"""The figures as staff and the committee read them in the back office: built and audited.

`wb_cases.summaries` counts; this records who looked at which period and version (the
caller commits it with the view's transaction).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..summaries import Period, Summary, build_summary
from . import audit


def read_figures(
    session: Session,
    period: Period,
    *,
    internal: bool,
    threshold: int,
    staff_id: str,
    today: dt.date,
) -> Summary:
    """Count the period's figures and record that ``staff_id`` viewed them."""
    summary = build_summary(session, period, internal=internal, today=today, threshold=threshold)
    audit.record_action(
        session,
        staff_id,
        "figures.viewed",
        today,
        detail={
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "version": summary.version,
        },
    )
    return summary
