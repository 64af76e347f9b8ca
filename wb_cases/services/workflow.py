"""The workflow after triage (docs/architecture.md § 5): every act is one function.

Acknowledgement, § 15 requests and extensions, § 19 stk. 2 hearings, § 24f outcomes and
§ 24f stk. 3 compliance, § 24g instance outcomes, § 24d accounts, § 24b stk. 3 retaliation
notices, feedback and closing. Matter statuses move only through `policies.transition`
(a refused event changes nothing); the case's status is derived from its matters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

import policies
from policies import CaseStatus, MatterEvent, MatterStatus

from ..errors import NotFoundError, WbError
from ..models import Case, CommitteeNotice, Deadline, Matter
from ..storage import FileStore
from . import audit, duties, letters
from .casefile import add_unit_message, load_case
from .keyring import UnlockedKeys

FEEDBACK_KINDS = ("feedback", "provisional_feedback")
REQUEST_KINDS = ("answer", "hearing")


class WorkflowError(WbError):
    """The act is not possible in the case's present state (shown as a form error)."""


# --- helpers ---------------------------------------------------------------------------


def load_matter(session: Session, matter_id: int) -> Matter:
    matter = session.get(Matter, matter_id)
    if matter is None or matter.case.purged is not None:
        raise NotFoundError("no such matter")
    return matter


def _cite(citation: str) -> str:
    """A registered paragraph's citation (KeyError for a typo: nothing cites by hand)."""
    return policies.paragraph(citation).cite()


def _move(matter: Matter, event: MatterEvent) -> None:
    matter.status = str(policies.transition(MatterStatus(matter.status), event))


def queue_notice(
    session: Session,
    case: Case | None,
    kind: str,
    paragraph: str,
    general_reason: str,
    today: dt.date,
) -> CommitteeNotice:
    """Queue a committee notice; it names the kind and a general reason, never a person."""
    notice = CommitteeNotice(
        case_id=case.id if case else None,
        kind=kind,
        paragraph=paragraph,
        general_reason=general_reason,
        queued=today,
        sent=None,
    )
    session.add(notice)
    session.flush()
    return notice


def sync_case_status(case: Case) -> None:
    """Derive the case's status from its matters (the case table's states, read off)."""
    if case.closed is not None:
        case.status = str(CaseStatus.CLOSED)
        return
    if case.acknowledged is None:
        case.status = str(CaseStatus.RECEIVED)
        return
    statuses = {m.status for m in case.matters}
    for wanted, result in (
        (MatterStatus.IN_INVESTIGATION, CaseStatus.IN_INVESTIGATION),
        (MatterStatus.AWAITING_INSTANCE, CaseStatus.AWAITING_INSTANCE),
        (MatterStatus.AWAITING_ADMINISTRATION_REPORT, CaseStatus.AWAITING_ADMINISTRATION_REPORT),
    ):
        if str(wanted) in statuses:
            case.status = str(result)
            return
    if not statuses or statuses == {str(MatterStatus.UNTRIAGED)}:
        case.status = str(CaseStatus.ACKNOWLEDGED)
    else:
        case.status = str(CaseStatus.IN_TRIAGE)


# --- acknowledgement and feedback -----------------------------------------------------


def acknowledge_case(
    session: Session,
    store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    *,
    staff_id: str,
    employee: bool,
    personal: str = "",
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> int:
    """Send the acknowledgement from the template; feedback becomes due 3 months from today."""
    case = load_case(session, case_id)
    if case.acknowledged is not None:
        raise WorkflowError("the case is already acknowledged")
    feedback = policies.feedback_deadline(today, settings)
    text = letters.acknowledgement_text(
        feedback_due=feedback.due, employee=employee, personal=personal
    )
    seq = add_unit_message(session, store, keys, case.id, text, staff_id=staff_id, today=today)
    case.acknowledged = today
    case.feedback_due = feedback.due
    duties.complete(session, case, ("acknowledgement", "provisional_feedback"), today)
    duties.add_policy_deadline(session, case, feedback, recipient="reporter")
    sync_case_status(case)
    audit.record_action(
        session,
        staff_id,
        "case.acknowledged",
        today,
        case_id=case.id,
        detail={"union_info": employee},
    )
    return seq


def send_feedback(
    session: Session,
    store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    text: str,
    *,
    staff_id: str,
    today: dt.date,
) -> int:
    """Send feedback on status or outcome (Whistleblower Act; § 24b stk. 1; § 24c stk. 1)."""
    case = load_case(session, case_id)
    if not text.strip():
        raise WorkflowError("write the feedback")
    seq = add_unit_message(session, store, keys, case.id, text, staff_id=staff_id, today=today)
    duties.complete(session, case, FEEDBACK_KINDS, today)
    audit.record_action(session, staff_id, "case.feedback_sent", today, case_id=case.id)
    return seq


# --- § 15 requests and § 19 stk. 2 hearings ------------------------------------------


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
        raise WorkflowError("requests and hearings belong to an investigation")
    due = policies.answer_deadline(today, settings)
    kind = "hearing" if hearing else "answer"
    paragraph = _cite("§ 19, stk. 2") if hearing else str(due.paragraph)
    row = duties.add_deadline(
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
    if row is None or row.kind not in REQUEST_KINDS:
        raise NotFoundError("no such request")
    if row.done is not None:
        raise WorkflowError("the request is already answered")
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
    """§ 15 stk. 1-2: a longer deadline set by the unit, or the administration's delay notice."""
    row = _open_request(session, deadline_id)
    started = row.started or today
    extension = policies.Extension(kind, today, new_due, reason_given)
    due = policies.answer_deadline(started, settings, [extension])
    if row.due is None or due.due > row.due:
        row.due = due.due
        row.paragraph = str(due.paragraph)
    duties.refresh_next_due(session, row.case)
    audit.record_action(
        session,
        staff_id,
        "matter.request_extended",
        today,
        case_id=row.case_id,
        detail={"deadline": row.id, "kind": str(kind), "due": row.due.isoformat()},
    )
    return row


def record_answer(session: Session, deadline_id: int, *, staff_id: str, today: dt.date) -> None:
    """The administration answered a request or the hearing."""
    row = _open_request(session, deadline_id)
    row.done = today
    if row.kind == "hearing" and row.matter_id is not None:
        matter = load_matter(session, row.matter_id)
        matter.hearing_recorded = today
    duties.refresh_next_due(session, row.case)
    audit.record_action(
        session,
        staff_id,
        f"matter.{row.kind}_answered",
        today,
        case_id=row.case_id,
        detail={"deadline": row.id},
    )


def hearing_given(session: Session, matter: Matter, today: dt.date) -> bool:
    """§ 19 stk. 2: the administration has had the chance to comment: it answered the
    hearing, or the hearing's deadline has passed (an answer is not required)."""
    if matter.hearing_recorded is not None:
        return True
    return any(
        d.kind == "hearing" and d.matter_id == matter.id and d.due is not None and d.due < today
        for d in matter.case.deadlines
    )


# --- outcomes (§ 24f), instance outcomes (§ 24g), § 24d accounts ----------------------


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
) -> tuple[policies.FollowUp, ...]:
    """Record the outcome of an own investigation; the § 19 stk. 2 guard runs in policies."""
    matter = load_matter(session, matter_id)
    if matter.status != MatterStatus.IN_INVESTIGATION:
        policies.transition(MatterStatus(matter.status), MatterEvent.RECORD_OUTCOME)
    record = policies.OutcomeRecord(
        outcomes=frozenset(outcomes),
        confirmed=confirmed,
        consequences=frozenset(consequences),
        major_significance=major_significance,
        hearing_recorded=hearing_given(session, matter, today),
        criticism_level=criticism_level,
    )
    follow_ups = policies.check_outcome(record, options)
    _move(matter, MatterEvent.RECORD_OUTCOME)
    _store_outcome(matter, record)
    case = matter.case
    tracked = (
        policies.FollowUpKind.RECOMMENDATION_COMPLIANCE,
        policies.FollowUpKind.AWAIT_INSTANCE_OUTCOME,
    )
    for fu in follow_ups:
        if fu.kind in tracked:
            if fu.kind is policies.FollowUpKind.RECOMMENDATION_COMPLIANCE:
                matter.compliance = str(policies.ComplianceStatus.PENDING)
            due = policies.outcome_followup_deadline(today, settings)
            duties.add_deadline(
                session,
                case,
                str(fu.kind),
                due.due,
                str(fu.paragraph),
                matter_id=matter.id,
                started=today,
                recipient=str(fu.recipient),
            )
        elif fu.kind is policies.FollowUpKind.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE:
            queue_notice(
                session, case, str(fu.kind), str(fu.paragraph), "major_significance", today
            )
    duties.complete(session, case, ("answer", "hearing"), today, matter_id=matter.id)
    sync_case_status(case)
    audit.record_action(
        session,
        staff_id,
        "matter.outcome_recorded",
        today,
        case_id=case.id,
        detail={"matter": matter.seq, **record.to_dict()},
    )
    return follow_ups


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
    staff_id: str,
    today: dt.date,
) -> None:
    """§ 24g stk. 1: Internal Audit, the directorate or the external investigator reports its
    outcome; it is recorded on the original matter."""
    matter = load_matter(session, matter_id)
    _move(matter, MatterEvent.RECORD_OUTCOME)
    matter.confirmed = confirmed
    matter.consequences = sorted(str(c) for c in consequences)
    matter.major_significance = major_significance
    if major_significance:
        queue_notice(
            session,
            matter.case,
            "committee_notice_major_significance",
            _cite("§ 24f, stk. 4"),
            "major_significance",
            today,
        )
    duties.complete(session, matter.case, ("await_instance_outcome",), today, matter_id=matter.id)
    sync_case_status(matter.case)
    audit.record_action(
        session,
        staff_id,
        "matter.instance_outcome",
        today,
        case_id=matter.case_id,
        detail={"matter": matter.seq, "confirmed": confirmed},
    )


def record_administration_report(
    session: Session,
    matter_id: int,
    *,
    staff_id: str,
    today: dt.date,
) -> None:
    """§ 24d stk. 2: the administration's account arrived; the committee is told (2nd notice)."""
    matter = load_matter(session, matter_id)
    if matter.route != policies.Route.DECLINED_24D:
        raise WorkflowError("only a matter declined under § 24d awaits an account")
    _move(matter, MatterEvent.RECORD_OUTCOME)
    queue_notice(
        session,
        matter.case,
        "committee_notice_24d_account",
        _cite("§ 24d, stk. 2"),
        "administration_account_received",
        today,
    )
    duties.complete(
        session, matter.case, ("await_administration_report",), today, matter_id=matter.id
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
    if (
        row is None
        or row.done is not None
        or row.kind
        not in (
            "await_instance_outcome",
            "await_administration_report",
            "recommendation_compliance",
        )
    ):
        raise NotFoundError("no such follow-up")
    row.reminders += 1
    row.due = policies.outcome_followup_deadline(
        row.started or today, settings, reminder=row.reminders + 1
    ).due
    duties.refresh_next_due(session, row.case)
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
) -> None:
    """§ 24f stk. 3: the administration followed the recommendation, or says it will not."""
    matter = load_matter(session, matter_id)
    if matter.compliance is None:
        raise WorkflowError("this matter has no recommendation to follow up")
    matter.compliance = str(status)
    if status is not policies.ComplianceStatus.PENDING:
        duties.complete(
            session, matter.case, ("recommendation_compliance",), today, matter_id=matter.id
        )
    if notify_committee:
        if not policies.may_notify_on_non_compliance(status):
            raise WorkflowError("the committee is told only of recommendations not followed")
        queue_notice(
            session,
            matter.case,
            "recommendation_not_followed",
            _cite("§ 24f, stk. 3"),
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


# --- § 24b stk. 3 retaliation -----------------------------------------------------------


def flag_retaliation(
    session: Session,
    case_id: str,
    *,
    to_mayor: bool,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> Deadline:
    """Information suggests reporting had significant negative consequences for an employee:
    the directorate (or the mayor) must be told as soon as possible."""
    case = load_case(session, case_id)
    case.retaliation = True
    due = policies.as_soon_as_possible_deadline(
        today, policies.paragraph("§ 24b, stk. 3"), settings
    )
    row = duties.add_policy_deadline(
        session,
        case,
        due,
        kind="retaliation_notice",
        started=today,
        recipient="mayor" if to_mayor else "directorate",
    )
    audit.record_action(session, staff_id, "case.retaliation_flagged", today, case_id=case.id)
    return row


def record_retaliation_notice(
    session: Session, case_id: str, *, staff_id: str, today: dt.date
) -> None:
    """The § 24b stk. 3 notice went to the directorate or mayor."""
    case = load_case(session, case_id)
    if not duties.complete(session, case, ("retaliation_notice",), today):
        raise WorkflowError("no retaliation notice is pending")
    audit.record_action(session, staff_id, "case.retaliation_notified", today, case_id=case.id)


# --- closing -------------------------------------------------------------------------


def close_matter(session: Session, matter_id: int, *, staff_id: str, today: dt.date) -> None:
    """Close a matter after its outcome (docs/summaries.md: the closed date counts)."""
    matter = load_matter(session, matter_id)
    _move(matter, MatterEvent.CLOSE)
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


def close_case(session: Session, case_id: str, *, staff_id: str, today: dt.date) -> None:
    """Close the case when every matter is closed; remaining duties end with it."""
    case = load_case(session, case_id)
    if case.closed is not None:
        raise WorkflowError("the case is already closed")
    if not case.matters:
        raise WorkflowError("split the report into matters and triage them first")
    if any(m.status != MatterStatus.CLOSED for m in case.matters):
        raise WorkflowError("close every matter first")
    if not policies.may_transition(CaseStatus.IN_TRIAGE, policies.CaseEvent.CLOSE):
        raise WorkflowError("the workflow does not allow closing")  # pragma: no cover
    for row in duties.open_deadlines(session, case):
        row.done = today
    case.closed = today
    duties.refresh_next_due(session, case)
    sync_case_status(case)
    audit.record_action(session, staff_id, "case.closed", today, case_id=case.id)
