"""What the unit tracks for each follow-up: a dated deadline, a committee notice, or neither.

A follow-up (`policies.followups.FollowUp`) says what the statute asks for; this module
says how the case file keeps it. The due date always comes from `deadline_for`, so the
rule that dates a follow-up is written once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .deadlines import Deadline, DeadlineKind, DeadlineSettings, deadline_for
from .followups import FollowUp, FollowUpKind

#: Follow-ups kept as a deadline on the matter, and the kind it is stored under.
#: Acknowledgement, union information and feedback are case deadlines from intake, and a
#: § 15 request starts when staff send one, so they are not in this table.
TRACKED_DEADLINES: dict[FollowUpKind, DeadlineKind] = {
    # § 24g, stk. 1: the instance reports its outcome; reminded until it does.
    FollowUpKind.AWAIT_INSTANCE_OUTCOME: DeadlineKind.AWAIT_INSTANCE_OUTCOME,
    # § 24d, stk. 2: the administration's account of a declined matter.
    FollowUpKind.AWAIT_ADMINISTRATION_REPORT: DeadlineKind.AWAIT_ADMINISTRATION_REPORT,
    # § 24f, stk. 3: whether the administration follows the recommendation.
    FollowUpKind.RECOMMENDATION_COMPLIANCE: DeadlineKind.RECOMMENDATION_COMPLIANCE,
    # § 24b, stk. 3: the directorate or mayor is told as soon as possible.
    FollowUpKind.RETALIATION_NOTICE: DeadlineKind.RETALIATION_NOTICE,
}

#: Follow-ups that queue a committee notice when they arise, with the general reason the
#: committee is told (never a case number or a person).
COMMITTEE_NOTICE_REASONS: dict[FollowUpKind, str] = {
    FollowUpKind.COMMITTEE_NOTICE_24D_DECLINE: "declined_24d",  # § 24d, stk. 2
    FollowUpKind.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE: "major_significance",  # § 24f, stk. 4
}


def follow_up_deadline(
    follow_up: FollowUp,
    start: date,
    settings: DeadlineSettings = DeadlineSettings(),  # noqa: B008 (frozen)
) -> Deadline | None:
    """The deadline a follow-up starts on ``start``, or None when it is not tracked as one.

    The date comes from the follow-up's rule (`deadline_for`), the paragraph from the
    follow-up, the kind from TRACKED_DEADLINES.
    """
    kind = TRACKED_DEADLINES.get(follow_up.kind)
    if kind is None:
        return None
    deadline = deadline_for(follow_up.rule, start, follow_up.paragraph, settings)
    if deadline is None:  # pragma: no cover - every tracked rule is dated (a test checks)
        raise ValueError(f"{follow_up.kind} has no dated rule")
    return replace(deadline, kind=kind)


def committee_notice_reason(follow_up: FollowUp) -> str | None:
    """The general reason of the committee notice a follow-up queues, or None."""
    return COMMITTEE_NOTICE_REASONS.get(follow_up.kind)
