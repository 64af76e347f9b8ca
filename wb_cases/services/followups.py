"""Start the follow-ups a triage decision or an outcome sets in motion.

Which follow-ups become a deadline on the matter, and which queue a committee notice, is
`policies.tracking`'s to say; this module only writes what it says into the case file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

import policies
from policies import DeadlineKind

from ..models import Matter
from . import deadlines
from .notices import queue_notice


def start_follow_ups(
    session: Session,
    matter: Matter,
    follow_ups: Iterable[policies.FollowUp],
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> set[DeadlineKind]:
    """Add the deadline or queue the committee notice each follow-up needs, from today.

    Returns the kinds of the deadlines started, so the caller can mark what they imply.
    """
    started: set[DeadlineKind] = set()
    for follow_up in follow_ups:
        due = policies.follow_up_deadline(follow_up, today, settings)
        if due is not None:
            deadlines.add_policy_deadline(
                session,
                matter.case,
                due,
                matter_id=matter.id,
                started=today,
                recipient=str(follow_up.recipient),
            )
            started.add(due.kind)
        reason = policies.committee_notice_reason(follow_up)
        if reason is not None:
            queue_notice(
                session, matter.case, str(follow_up.kind), str(follow_up.paragraph), reason, today
            )
    return started
