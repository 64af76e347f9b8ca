"""decide: facts in, one Decision out (scope, route, legal bases, follow-ups, explanation)."""

from __future__ import annotations

from dataclasses import dataclass

from . import paragraphs as P
from .facts import MatterFacts, ReporterRelation
from .followups import DeadlineRule as R
from .followups import FollowUp
from .followups import FollowUpKind as K
from .followups import Recipient as To
from .options import UnitOptions
from .routing import CLOSING_ROUTES, ROUTE_ACTION, Route, RouteDecision, decide_route
from .scope import Reason, Scope, ScopeDecision, decide_scope


@dataclass(frozen=True)
class Decision:
    """The triage decision for one matter, with its legal basis and what it sets in motion."""

    scope: Scope
    reason: Reason
    route: Route
    legal_bases: tuple[P.Paragraph, ...]
    follow_ups: tuple[FollowUp, ...]
    explanation_da: str
    explanation_en: str

    def to_dict(self) -> dict[str, object]:
        """Render as a JSON-safe dict; paragraphs as their citation strings."""
        return {
            "scope": self.scope.value,
            "reason": self.reason.value,
            "route": self.route.value,
            "legal_bases": [p.cite() for p in self.legal_bases],
            "follow_ups": [f.to_dict() for f in self.follow_ups],
            "explanation_da": self.explanation_da,
            "explanation_en": self.explanation_en,
        }


_AWAIT: dict[Route, tuple[P.Paragraph, To]] = {
    Route.INTERNAL_AUDIT: (P.PAR_24G_STK_1, To.INTERNAL_AUDIT),
    Route.DIRECTORATE: (P.PAR_24G_STK_1, To.DIRECTORATE),
    Route.MAYOR: (P.PAR_24G_STK_1, To.MAYOR),
    Route.EXTERNAL_INVESTIGATION: (P.PROP_2023_4, To.EXTERNAL_INVESTIGATOR),
    Route.WORK_ENVIRONMENT_PROCEDURE: (P.PROP_2023_1, To.WORK_ENVIRONMENT_PROCEDURE),
}


def decide_follow_ups(facts: MatterFacts, route: Route) -> tuple[FollowUp, ...]:
    """List the obligations a decision creates, each with its paragraph and deadline rule.

    Whistleblower Act § 12, stk. 2 (acknowledgement, feedback; not in docs/sources/);
    § 24b stk. 1-3; § 24c stk. 1; § 15; § 24d stk. 2; § 24f stk. 1 nr. 4; § 24g stk. 1;
    § 24a stk. 2.
    """
    out = [
        FollowUp(K.ACKNOWLEDGE_RECEIPT, P.WBL_12_STK_2_NR_1, R.ACKNOWLEDGEMENT_7_DAYS, To.REPORTER)
    ]
    if facts.reporter_relation is ReporterRelation.EMPLOYEE:
        out.append(
            FollowUp(
                K.UNION_REPRESENTATIVE_INFO, P.PAR_24B_STK_2, R.ACKNOWLEDGEMENT_7_DAYS, To.REPORTER
            )
        )
    if route is Route.REJECT_WITH_FEEDBACK:
        out.append(
            FollowUp(K.REJECTION_FEEDBACK, P.PAR_24C_STK_1, R.FEEDBACK_3_MONTHS, To.REPORTER)
        )
    elif route in CLOSING_ROUTES and route is not Route.FILE_WITHOUT_MORE:
        out.append(
            FollowUp(K.CLOSING_FEEDBACK, P.PAR_24F_STK_1_NR_4, R.FEEDBACK_3_MONTHS, To.REPORTER)
        )
    elif route is not Route.FILE_WITHOUT_MORE:
        out.append(
            FollowUp(K.REPORTER_FEEDBACK, P.WBL_12_STK_2_NR_3, R.FEEDBACK_3_MONTHS, To.REPORTER)
        )
    if route in _AWAIT:
        par, to = _AWAIT[route]
        out.append(FollowUp(K.AWAIT_INSTANCE_OUTCOME, par, R.OUTCOME_REMINDER, to))
    if route is Route.OWN_INVESTIGATION:
        out.append(
            FollowUp(
                K.REQUEST_ADMINISTRATION_STATEMENT,
                P.PAR_15_STK_1,
                R.ANSWER_3_WEEKS,
                To.ADMINISTRATION,
            )
        )
    if route is Route.DECLINED_24D:
        out += [
            FollowUp(
                K.AWAIT_ADMINISTRATION_REPORT,
                P.PAR_24D_STK_2,
                R.OUTCOME_REMINDER,
                To.ADMINISTRATION,
            ),
            FollowUp(
                K.COMMITTEE_NOTICE_24D_DECLINE, P.PAR_24D_STK_2, R.AS_SOON_AS_POSSIBLE, To.COMMITTEE
            ),
            FollowUp(K.COMMITTEE_NOTICE_24D_ACCOUNT, P.PAR_24D_STK_2, R.ON_EVENT, To.COMMITTEE),
        ]
    if facts.retaliation_indication:
        to = To.MAYOR if facts.retaliation_notice_to_mayor else To.DIRECTORATE
        out.append(FollowUp(K.RETALIATION_NOTICE, P.PAR_24B_STK_3, R.AS_SOON_AS_POSSIBLE, to))
    if facts.identity_requested:
        out.append(
            FollowUp(
                K.COMMITTEE_NOTICE_IDENTITY_REQUEST,
                P.PAR_24A_STK_2,
                R.NEXT_COMMITTEE_BATCH,
                To.COMMITTEE,
            )
        )
    return tuple(out)


_SCOPE_WORD = {
    Scope.INSIDE: ("inden for ordningen", "inside the scheme"),
    Scope.OUTSIDE: ("uden for ordningen", "outside the scheme"),
    Scope.DECLINED_24D: ("afvist efter § 24d", "declined under § 24d"),
}


def _explain(
    scope: ScopeDecision,
    route: RouteDecision,
    follow_ups: tuple[FollowUp, ...],
    bases: tuple[P.Paragraph, ...],
) -> tuple[str, str]:
    cites = "; ".join(p.cite() for p in bases)
    da_scope, en_scope = _SCOPE_WORD[scope.scope]
    da = [
        f"Forholdet er {da_scope}, fordi {scope.rule.when_da}.",
        f"Spor: {ROUTE_ACTION[route.route][0]}, fordi {route.when_da}.",
    ]
    en = [
        f"The matter is {en_scope} because {scope.rule.when_en}.",
        f"Route: {ROUTE_ACTION[route.route][1]}, because {route.when_en}.",
    ]
    for fu in follow_ups:
        if fu.kind is K.RETALIATION_NOTICE:
            who_da, who_en = (
                ("borgmesteren", "the mayor")
                if fu.recipient is To.MAYOR
                else ("direktionen", "the directorate")
            )
            da.append(
                f"Tegn på negative konsekvenser: {who_da} orienteres snarest muligt "
                f"({fu.paragraph})."
            )
            en.append(
                f"Indication of retaliation: {who_en} is told as soon as possible ({fu.paragraph})."
            )
        if fu.kind is K.COMMITTEE_NOTICE_IDENTITY_REQUEST:
            da.append(f"Anmodning om identitet: udvalget orienteres ({fu.paragraph}).")
            en.append(f"Identity request: the committee is informed ({fu.paragraph}).")
    da.append(f"Hjemmel: {cites}.")
    en.append(f"Legal basis: {cites}.")
    return " ".join(da), " ".join(en)


def decide(facts: MatterFacts, options: UnitOptions = UnitOptions()) -> Decision:  # noqa: B008 (frozen)
    """Decide scope, route and follow-ups for one matter (§§ 24a–24h; docs/decision-table.md).

    Contradictory facts raise ContradictoryFactsError naming the fields; a choice the
    statute leaves to the caseworker, if needed and missing, raises MissingFactError.
    """
    scope = decide_scope(facts)
    route = decide_route(facts, scope, options)
    bases = tuple(dict.fromkeys((*scope.legal_bases, *route.legal_bases)))
    follow_ups = decide_follow_ups(facts, route.route)
    da, en = _explain(scope, route, follow_ups, bases)
    return Decision(scope.scope, scope.reason, route.route, bases, follow_ups, da, en)
