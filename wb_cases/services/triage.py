"""Triage per matter: split a report into matters, record facts, let `policies` decide.

Staff see the decision, its legal bases and explanation before they confirm
(`preview_triage`); confirming (`record_triage`) decides again from the same facts,
so nothing the browser sends back can change the decision. An override picks another
route and needs a reason, stored encrypted under the case's staff key.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

import crypto
import policies
from policies import DeadlineKind, MatterStatus, Route

from ..errors import Refused, WorkflowError
from ..models import Matter
from . import audit, contexts
from .casefile import add_note, case_key_for_staff, load_case, staff_key_for_staff
from .followups import start_follow_ups
from .keyring import UnlockedKeys
from .matters import load_matter, sync_case_status

MAX_MATTERS = 20


@dataclass(frozen=True)
class TriageInput:
    """What staff submit for one matter."""

    facts: policies.MatterFacts
    administration: str | None = None
    override_route: Route | None = None
    override_reason: str = ""
    #: Written reasons for choices made "i helt særlige tilfælde" (policies.reasons_needed).
    reasons: Mapping[str, str] = field(default_factory=dict)


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
        raise WorkflowError("the case is closed", code=Refused.CASE_CLOSED)
    titles = [t.strip() for t in titles] or [""]
    start = max((m.seq for m in case.matters), default=0)
    if start + len(titles) > MAX_MATTERS:
        raise WorkflowError(
            f"a case holds at most {MAX_MATTERS} matters",
            code=Refused.TOO_MANY_MATTERS,
            data={"max": MAX_MATTERS},
        )
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


# The portal's answers that are also triage facts, as the reporter gave them.
_RELATION = {
    "employee": policies.ReporterRelation.EMPLOYEE,
    "partner": policies.ReporterRelation.PARTNER_SUPPLIER,
    "other": policies.ReporterRelation.OTHER,
}


def facts_from_report(
    case_id: str, case_report: bytes, case_key: bytes, anonymous: bool
) -> dict[str, object]:
    """The triage facts the reporter already answered: their relation to the municipality,
    whether they chose anonymity, and whether they say they suffered for reporting
    (§ 24b, stk. 3). Staff see them marked and may change them."""
    answers = json.loads(crypto.decrypt(case_key, case_report, contexts.report(case_id)))
    given: dict[str, object] = {"anonymous": anonymous}
    relation = _RELATION.get(str(answers.get("relation") or ""))
    if relation is not None:
        given["reporter_relation"] = relation
    if answers.get("retaliation") == "yes":
        given["retaliation_indication"] = True
    return given


def reporter_given_facts(
    session: Session, keys: UnlockedKeys | None, case_id: str
) -> dict[str, object]:
    """`facts_from_report` for a stored case, decrypting its report with the member's keys."""
    case = load_case(session, case_id)
    return facts_from_report(case.id, case.report, case_key_for_staff(case, keys), case.anonymous)


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
    policies.check_reasons(triage.facts, triage.reasons, options)
    route = triage.override_route or decision.route
    overridden = route is not decision.route
    if overridden and not triage.override_reason.strip():
        raise WorkflowError("an override needs a reason", code=Refused.OVERRIDE_REASON_MISSING)
    event = policies.ROUTE_EVENT[route]
    new_status = policies.transition(MatterStatus(matter.status), event)
    staff_key = staff_key_for_staff(case, keys)

    matter.status = str(new_status)
    matter.facts = triage.facts.to_dict()
    matter.decision = decision.to_dict()
    matter.scope = str(policies.route_scope(route, decision.scope, overridden=overridden))
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
    if policies.awaits_outcome(route):
        matter.forwarded = today
    if policies.closes_on_decision(route):
        matter.closed = today
    if case.administration is None and matter.administration:
        case.administration = matter.administration

    _record_reasons(session, keys, matter, triage, staff_id, today, options)
    follow_ups = policies.decide_follow_ups(triage.facts, route)
    started = start_follow_ups(session, matter, follow_ups, today, settings)
    if DeadlineKind.RETALIATION_NOTICE in started:
        case.retaliation = True
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


def _record_reasons(
    session: Session,
    keys: UnlockedKeys | None,
    matter: Matter,
    triage: TriageInput,
    staff_id: str,
    today: dt.date,
    options: policies.UnitOptions,
) -> None:
    """§ 24c, stk. 3, nr. 2, § 24b, stk. 3 and a top official's route: each reason becomes
    an encrypted note on the case, naming the matter and the paragraph."""
    for need in policies.reasons_needed(triage.facts, options):
        text = f"{matter.seq} · {need.paragraph}: {triage.reasons[need.field].strip()}"
        add_note(session, keys, matter.case_id, text, staff_id=staff_id, today=today, kind="reason")
