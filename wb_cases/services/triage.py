"""Triage per matter: split a report into matters, record facts, let `policies` decide.

Staff see the decision, its legal bases and explanation before they confirm
(`preview_triage`); confirming (`record_triage`) decides again from the same facts,
so nothing the browser sends back can change the decision. An override picks another
route and needs a reason, stored encrypted under the case's staff key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

import crypto
import policies
from policies import FollowUpKind as K
from policies import MatterStatus, Route, Scope

from ..models import Matter
from . import audit, contexts, duties
from .casefile import load_case, staff_key_for_staff
from .keyring import UnlockedKeys
from .workflow import WorkflowError, load_matter, queue_notice, sync_case_status

MAX_MATTERS = 20

#: Which scope an overridden route implies (the figures count matters by scope).
ROUTE_SCOPE: dict[Route, Scope] = {
    Route.REJECT_WITH_FEEDBACK: Scope.OUTSIDE,
    Route.FILE_WITHOUT_MORE: Scope.OUTSIDE,
    Route.DECLINED_24D: Scope.DECLINED_24D,
}
#: Routes whose matter leaves the unit and comes back with an outcome (§ 24g).
AWAY_ROUTES = frozenset(
    {
        Route.INTERNAL_AUDIT,
        Route.DIRECTORATE,
        Route.MAYOR,
        Route.EXTERNAL_INVESTIGATION,
        Route.WORK_ENVIRONMENT_PROCEDURE,
    }
)


@dataclass(frozen=True)
class TriageInput:
    """What staff submit for one matter."""

    facts: policies.MatterFacts
    administration: str | None = None
    override_route: Route | None = None
    override_reason: str = ""


def split_report(
    session: Session,
    keys: UnlockedKeys | None,
    case_id: str,
    titles: Sequence[str],
    *,
    staff_id: str,
    today: dt.date,
) -> list[int]:
    """Create one matter per title in one act (docs/decision-table.md step 2); titles encrypted."""
    case = load_case(session, case_id)
    if case.closed is not None:
        raise WorkflowError("the case is closed")
    titles = [t.strip() for t in titles] or [""]
    start = max((m.seq for m in case.matters), default=0)
    if start + len(titles) > MAX_MATTERS:
        raise WorkflowError(f"a case holds at most {MAX_MATTERS} matters")
    staff_key = staff_key_for_staff(case, keys)
    ids = []
    for offset, title in enumerate(titles, start=1):
        seq = start + offset
        matter = Matter(
            case_id=case.id,
            seq=seq,
            status=str(MatterStatus.UNTRIAGED),
            title=crypto.encrypt(
                staff_key, title.encode(), contexts.matter_field(case.id, seq, "title")
            )
            if title
            else None,
            outcomes=[],
            consequences=[],
        )
        session.add(matter)
        session.flush()
        ids.append(matter.id)
    sync_case_status(case)
    audit.record_action(
        session, staff_id, "case.split", today, case_id=case.id, detail={"matters": len(titles)}
    )
    return ids


def read_matter_text(case_id: str, matter: Matter, staff_key: bytes) -> dict[str, str]:
    """Decrypt a matter's title and override reason for the case page."""
    out = {"title": "", "override_reason": ""}
    for name in out:
        value = getattr(matter, name)
        if value:
            out[name] = crypto.decrypt(
                staff_key, value, contexts.matter_field(case_id, matter.seq, name)
            ).decode()
    return out


def preview_triage(
    facts: policies.MatterFacts, options: policies.UnitOptions = policies.UnitOptions()
) -> policies.Decision:
    """The decision staff see before they confirm (raises PolicyViolation on bad facts)."""
    return policies.decide(facts, options)


def record_triage(
    session: Session,
    keys: UnlockedKeys | None,
    matter_id: int,
    triage: TriageInput,
    *,
    staff_id: str,
    today: dt.date,
    options: policies.UnitOptions = policies.UnitOptions(),
    settings: policies.DeadlineSettings = policies.DeadlineSettings(),
) -> policies.Decision:
    """Decide, store facts and decision, start the follow-ups, move the matter on."""
    matter = load_matter(session, matter_id)
    case = matter.case
    decision = policies.decide(triage.facts, options)
    route = triage.override_route or decision.route
    overridden = route is not decision.route
    if overridden and not triage.override_reason.strip():
        raise WorkflowError("an override needs a reason")
    event = policies.ROUTE_EVENT[route]
    new_status = policies.transition(MatterStatus(matter.status), event)
    staff_key = staff_key_for_staff(case, keys)

    matter.status = str(new_status)
    matter.facts = triage.facts.to_dict()
    matter.decision = decision.to_dict()
    matter.scope = str(ROUTE_SCOPE.get(route, Scope.INSIDE) if overridden else decision.scope)
    matter.scope_reason = str(decision.reason)
    matter.route = str(route)
    matter.category = str(triage.facts.category)
    matter.administration = triage.administration or None
    matter.overridden = overridden
    matter.override_reason = (
        crypto.encrypt(
            staff_key,
            triage.override_reason.strip().encode(),
            contexts.matter_field(case.id, matter.seq, "override_reason"),
        )
        if overridden
        else None
    )
    matter.triaged = today
    if route in AWAY_ROUTES:
        matter.forwarded = today
    # docs/summaries.md: a rejection or a § 24d decline closes the matter on the decision.
    if new_status is MatterStatus.CLOSED or route is Route.DECLINED_24D:
        matter.closed = today
    if case.administration is None and matter.administration:
        case.administration = matter.administration

    follow_ups = policies.decide_follow_ups(triage.facts, route)
    _start_follow_ups(session, matter, follow_ups, today, settings)
    sync_case_status(case)
    audit.record_action(
        session,
        staff_id,
        "matter.triaged",
        today,
        case_id=case.id,
        detail={
            "matter": matter.seq,
            "scope": matter.scope,
            "route": matter.route,
            "overridden": overridden,
        },
    )
    return decision


def _start_follow_ups(
    session: Session,
    matter: Matter,
    follow_ups: Sequence[policies.FollowUp],
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> None:
    case = matter.case
    for fu in follow_ups:
        if fu.kind is K.AWAIT_INSTANCE_OUTCOME:
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
        elif fu.kind is K.AWAIT_ADMINISTRATION_REPORT:
            due = policies.administration_report_deadline(today, settings)
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
        elif fu.kind is K.COMMITTEE_NOTICE_24D_DECLINE:
            queue_notice(session, case, str(fu.kind), str(fu.paragraph), "declined_24d", today)
        elif fu.kind is K.RETALIATION_NOTICE:
            case.retaliation = True
            due = policies.as_soon_as_possible_deadline(today, fu.paragraph, settings)
            duties.add_policy_deadline(
                session,
                case,
                due,
                kind=str(fu.kind),
                matter_id=matter.id,
                started=today,
                recipient=str(fu.recipient),
            )
        # Acknowledgement, union information and feedback are case-level deadlines that
        # exist from intake; § 15 requests start when staff send one; identity requests
        # are registered (and notified) through `identity.register_identity_request`.
