"""Outcomes: an own investigation's (§ 24f), an instance's (§ 24g), the administration's
§ 24d account, the reminders while one is awaited, and § 24f, stk. 3 compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

import policies
from policies import DeadlineKind, MatterEvent, MatterStatus

from ..errors import NotFoundError, Refused, WorkflowError
from ..models import Deadline, Matter
from . import audit, deadlines
from .followups import start_follow_ups
from .matters import MatterRef, cite, load_matter, matter_ref, move_matter, sync_case_status
from .notices import queue_notice
from .requests import hearing_given


@dataclass(frozen=True)
class InstanceOutcome:
    """What recording another instance's outcome did: where the matter sits, and the
    check (§ 24g: no follow-ups of the unit's own; what staff may tell the committee)."""

    matter: MatterRef
    check: policies.OutcomeCheck


def record_outcome(
    session: Session,
    matter_id: int,
    *,
    outcomes: Iterable[policies.Outcome],
    confirmed: bool | None,
    consequences: Iterable[policies.Consequence] = (),
    major_significance: bool = False,
    criticism_level: policies.CriticismLevel | None = None,
    staff_id: str,
    today: dt.date,
    options: policies.UnitOptions = policies.UnitOptions(),
    settings: policies.DeadlineSettings = policies.DeadlineSettings(),
) -> MatterRef:
    """Record the outcome of an own investigation; the § 19 stk. 2 guard runs in policies.
    Its follow-ups start as deadlines on the case."""
    matter = load_matter(session, matter_id)
    if matter.status != MatterStatus.IN_INVESTIGATION:
        policies.transition(MatterStatus(matter.status), MatterEvent.RECORD_OUTCOME)
    record = policies.OutcomeRecord(
        outcomes=frozenset(outcomes),
        confirmed=confirmed,
        consequences=frozenset(consequences),
        major_significance=major_significance,
        hearing_recorded=hearing_given(matter, today),
        criticism_level=criticism_level,
    )
    follow_ups = policies.check_outcome(record, options).follow_ups
    move_matter(matter, MatterEvent.RECORD_OUTCOME)
    _store_outcome(matter, record)
    case = matter.case
    started = start_follow_ups(session, matter, follow_ups, today, settings)
    if DeadlineKind.RECOMMENDATION_COMPLIANCE in started:
        matter.compliance = str(policies.ComplianceStatus.PENDING)
    deadlines.complete(session, case, policies.REQUEST_KINDS, today, matter_id=matter.id)
    sync_case_status(case)
    audit.record_action(
        session,
        staff_id,
        "matter.outcome_recorded",
        today,
        case_id=case.id,
        detail={"matter": matter.seq, **record.to_dict()},
    )
    return matter_ref(matter)


def _store_outcome(matter: Matter, record: policies.OutcomeRecord) -> None:
    matter.outcomes = sorted(str(o) for o in record.outcomes)
    matter.confirmed = record.confirmed
    matter.consequences = sorted(str(c) for c in record.consequences)
    matter.major_significance = record.major_significance
    matter.criticism_level = str(record.criticism_level) if record.criticism_level else None


def record_instance_outcome(
    session: Session,
    matter_id: int,
    *,
    confirmed: bool | None,
    consequences: Iterable[policies.Consequence] = (),
    major_significance: bool = False,
    inform_committee: bool = False,
    staff_id: str,
    today: dt.date,
) -> InstanceOutcome:
    """§ 24g, stk. 1: Internal Audit, the directorate or the external investigator reports its
    outcome; it is recorded on the original matter. § 24g, stk. 2: staff *may* inform the
    committee of it; § 24f, stk. 4's duty covers only the unit's own investigations."""
    matter = load_matter(session, matter_id)
    check = policies.check_instance_outcome(
        confirmed=confirmed, major_significance=major_significance
    )
    move_matter(matter, MatterEvent.RECORD_OUTCOME)
    matter.confirmed = confirmed
    matter.consequences = sorted(str(c) for c in consequences)
    matter.major_significance = major_significance
    if inform_committee:
        queue_notice(
            session,
            matter.case,
            "committee_notice_instance_outcome",
            cite("§ 24g, stk. 2"),
            "major_significance" if major_significance else "instance_outcome",
            today,
        )
    deadlines.complete(
        session, matter.case, (DeadlineKind.AWAIT_INSTANCE_OUTCOME,), today, matter_id=matter.id
    )
    sync_case_status(matter.case)
    audit.record_action(
        session,
        staff_id,
        "matter.instance_outcome",
        today,
        case_id=matter.case_id,
        detail={"matter": matter.seq, "confirmed": confirmed, "informed": inform_committee},
    )
    return InstanceOutcome(matter_ref(matter), check)


def record_administration_report(
    session: Session,
    matter_id: int,
    *,
    staff_id: str,
    today: dt.date,
) -> MatterRef:
    """§ 24d stk. 2: the administration's account arrived; the committee is told (2nd notice)."""
    matter = load_matter(session, matter_id)
    if matter.route != policies.Route.DECLINED_24D:
        raise WorkflowError(
            "only a matter declined under § 24d awaits an account", code=Refused.NOT_DECLINED_24D
        )
    move_matter(matter, MatterEvent.RECORD_OUTCOME)
    queue_notice(
        session,
        matter.case,
        str(policies.FollowUpKind.COMMITTEE_NOTICE_24D_ACCOUNT),
        cite("§ 24d, stk. 2"),
        "administration_account_received",
        today,
    )
    deadlines.complete(
        session,
        matter.case,
        (DeadlineKind.AWAIT_ADMINISTRATION_REPORT,),
        today,
        matter_id=matter.id,
    )
    sync_case_status(matter.case)
    audit.record_action(
        session,
        staff_id,
        "matter.administration_report",
        today,
        case_id=matter.case_id,
        detail={"matter": matter.seq},
    )
    return matter_ref(matter)


def remind_instance(
    session: Session,
    deadline_id: int,
    *,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> Deadline:
    """Send the next § 24g / § 24d reminder: the awaited outcome is due again later."""
    row = session.get(Deadline, deadline_id)
    if row is None or row.done is not None or row.kind not in policies.REMINDED_KINDS:
        raise NotFoundError("no such follow-up")
    row.reminders += 1
    row.due = policies.outcome_followup_deadline(
        row.started or today, settings, reminder=row.reminders + 1
    ).due
    deadlines.refresh_next_due(session, row.case)
    audit.record_action(
        session,
        staff_id,
        "matter.reminder_sent",
        today,
        case_id=row.case_id,
        detail={"deadline": row.id, "reminder": row.reminders},
    )
    return row


def record_compliance(
    session: Session,
    matter_id: int,
    status: policies.ComplianceStatus,
    *,
    staff_id: str,
    today: dt.date,
    notify_committee: bool = False,
) -> MatterRef:
    """§ 24f stk. 3: the administration followed the recommendation, or says it will not."""
    matter = load_matter(session, matter_id)
    if matter.compliance is None:
        raise WorkflowError(
            "this matter has no recommendation to follow up", code=Refused.NO_RECOMMENDATION
        )
    matter.compliance = str(status)
    if status is not policies.ComplianceStatus.PENDING:
        deadlines.complete(
            session,
            matter.case,
            (DeadlineKind.RECOMMENDATION_COMPLIANCE,),
            today,
            matter_id=matter.id,
        )
    if notify_committee:
        if not policies.may_notify_on_non_compliance(status):
            raise WorkflowError(
                "the committee is told only of recommendations not followed",
                code=Refused.COMMITTEE_ONLY_NOT_FOLLOWED,
            )
        queue_notice(
            session,
            matter.case,
            "recommendation_not_followed",
            cite("§ 24f, stk. 3"),
            "recommendation_not_followed",
            today,
        )
    audit.record_action(
        session,
        staff_id,
        "matter.compliance",
        today,
        case_id=matter.case_id,
        detail={"matter": matter.seq, "status": str(status)},
    )
    return matter_ref(matter)
