"""decide_route: where a matter goes once its scope is decided.

Outside scope: § 24c stk. 1 (feedback to a named reporter; anonymous ones filed without
more). Declined: § 24d. Inside: the ordered ROUTE_RULES table below (statute.md § 1.16).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from . import paragraphs as P
from .errors import MissingFactError
from .facts import Area, Gravity, MatterFacts, TopOfficial
from .options import UnitOptions
from .scope import Scope, ScopeDecision


class Route(StrEnum):
    """Where the matter goes."""

    OWN_INVESTIGATION = "own_investigation"
    INTERNAL_AUDIT = "internal_audit"
    DIRECTORATE = "directorate"
    MAYOR = "mayor"
    EXTERNAL_INVESTIGATION = "external_investigation"
    WORK_ENVIRONMENT_PROCEDURE = "work_environment_procedure"
    CLOSE_ON_VOUCHING = "close_on_vouching"
    CLOSE_NOT_GRAVE = "close_not_grave"
    CLOSE_NOT_DOCUMENTABLE = "close_not_documentable"
    REJECT_WITH_FEEDBACK = "reject_with_feedback"
    FILE_WITHOUT_MORE = "file_without_more"
    DECLINED_24D = "declined_24d"


FORWARDING_ROUTES = frozenset({Route.INTERNAL_AUDIT, Route.DIRECTORATE, Route.MAYOR})
CLOSING_ROUTES = frozenset(
    {
        Route.CLOSE_ON_VOUCHING,
        Route.CLOSE_NOT_GRAVE,
        Route.CLOSE_NOT_DOCUMENTABLE,
        Route.REJECT_WITH_FEEDBACK,
        Route.FILE_WITHOUT_MORE,
    }
)


ROUTE_ACTION: dict[Route, tuple[str, str]] = {
    Route.OWN_INVESTIGATION: (
        "Borgerrådgiveren undersøger selv forholdet",
        "the Citizen Advisor investigates",
    ),
    Route.INTERNAL_AUDIT: ("videresendes til Intern Revision", "forwarded to Internal Audit"),
    Route.DIRECTORATE: (
        "videresendes til den ansvarlige direktion",
        "forwarded to the responsible directorate",
    ),
    Route.MAYOR: (
        "videresendes til den ansvarlige borgmester",
        "forwarded to the responsible mayor",
    ),
    Route.EXTERNAL_INVESTIGATION: ("undersøges eksternt", "investigated externally"),
    Route.WORK_ENVIRONMENT_PROCEDURE: (
        "behandles efter arbejdsmiljøproceduren",
        "handled under the work-environment procedure",
    ),
    Route.CLOSE_ON_VOUCHING: (
        "afsluttes på forvaltningens indeståelse",
        "closed on the administration's vouching",
    ),
    Route.CLOSE_NOT_GRAVE: ("henlægges med tilbagemelding", "closed with feedback"),
    Route.CLOSE_NOT_DOCUMENTABLE: ("henlægges med tilbagemelding", "closed with feedback"),
    Route.REJECT_WITH_FEEDBACK: ("afvises med tilbagemelding", "rejected with feedback"),
    Route.FILE_WITHOUT_MORE: ("henlægges uden videre", "filed without more"),
    Route.DECLINED_24D: ("afvises efter § 24d", "declined under § 24d"),
}


@dataclass(frozen=True)
class RouteRule:
    """One row of the routing table for matters inside scope."""

    route: Route
    paragraphs: tuple[P.Paragraph, ...]
    when_en: str
    when_da: str
    applies: Callable[[MatterFacts, UnitOptions], bool]
    #: The route is staff's recorded choice (``top_official_route``), not ``route``.
    chosen_by_staff: bool = False


@dataclass(frozen=True)
class RouteDecision:
    """The routing step's result."""

    route: Route
    legal_bases: tuple[P.Paragraph, ...]
    when_en: str
    when_da: str


_A = (P.PAR_24C_STK_2,)


def _about_top_official(f: MatterFacts) -> bool:
    return f.top_official_is_subject and f.top_official is not TopOfficial.NONE


def top_official_without_external(f: MatterFacts, o: UnitOptions) -> bool:
    """Proposal 4 is off and a top official is the subject: staff choose the route."""
    return not o.external_investigation_top_officials and _about_top_official(f)


def _chosen_route(facts: MatterFacts, rule: RouteRule) -> RouteDecision:
    """A top official is the subject and the external route is off: staff must choose, so
    the matter never goes silently to the official's own directorate or office. The chosen
    route rests on its own row's paragraphs (TopOfficialRoute values are Route values)."""
    if facts.top_official_route is None:
        why = "a top official is the subject and is not investigated externally: choose a route"
        raise MissingFactError(P.PAR_24C_STK_2, why, ("top_official_route",))
    route = Route(facts.top_official_route.value)
    own = next(r for r in ROUTE_RULES if r.route is route and not r.chosen_by_staff)
    return RouteDecision(route, (*rule.paragraphs, *own.paragraphs), rule.when_en, rule.when_da)


ROUTE_RULES: tuple[RouteRule, ...] = (
    RouteRule(
        Route.CLOSE_NOT_GRAVE,
        (*_A, P.PAR_24F_STK_1_NR_4),
        "on the face of it the matter is neither gross nor significant and repeated; it "
        "is closed with feedback (open point 2)",
        "forholdet er umiddelbart hverken groft eller væsentligt og gentaget; sagen "
        "henlægges med tilbagemelding",
        lambda f, o: f.gravity is Gravity.LESS_SERIOUS,
    ),
    RouteRule(
        Route.CLOSE_NOT_DOCUMENTABLE,
        (*_A, P.PAR_24F_STK_1_NR_4),
        "further investigation could not document the matter; it is closed with "
        "feedback (open point 2)",
        "forholdet kan ikke dokumenteres gennem videre undersøgelser; sagen henlægges "
        "med tilbagemelding",
        lambda f, o: f.documentable is False,
    ),
    RouteRule(
        Route.EXTERNAL_INVESTIGATION,
        (*_A, P.PROP_2023_4),
        "a top official is the subject and the unit investigates such matters externally",
        "en topperson er genstand for forholdet, og enheden lader sådanne sager undersøge eksternt",
        lambda f, o: o.external_investigation_top_officials and _about_top_official(f),
    ),
    RouteRule(
        Route.OWN_INVESTIGATION,  # stands for the route staff chose (_chosen_route)
        (*_A,),
        "a top official is the subject, the unit does not investigate such matters "
        "externally, and staff chose the route and recorded why",
        "en topperson er genstand for forholdet, enheden lader ikke sådanne sager undersøge "
        "eksternt, og medarbejderen har valgt sporet og begrundet valget",
        top_official_without_external,
        chosen_by_staff=True,
    ),
    RouteRule(
        Route.INTERNAL_AUDIT,
        (*_A, P.PAR_24C_STK_3_NR_1, P.PAR_24C_STK_4),
        "the matter predominantly concerns the municipality's finances",
        "forholdet vedrører overvejende kommunens økonomiske forhold",
        lambda f, o: f.predominant_area is Area.FINANCE,
    ),
    RouteRule(
        Route.MAYOR,
        (*_A, P.PAR_24C_STK_3_NR_2, P.PAR_24C_STK_4),
        "the matter predominantly concerns employment law and is a very special case",
        "forholdet vedrører overvejende ansættelsesretlige forhold og er et helt særligt tilfælde",
        lambda f, o: f.predominant_area is Area.EMPLOYMENT and f.employment_to_mayor,
    ),
    RouteRule(
        Route.DIRECTORATE,
        (*_A, P.PAR_24C_STK_3_NR_2, P.PAR_24C_STK_4),
        "the matter predominantly concerns employment law",
        "forholdet vedrører overvejende ansættelsesretlige forhold",
        lambda f, o: f.predominant_area is Area.EMPLOYMENT,
    ),
    RouteRule(
        Route.WORK_ENVIRONMENT_PROCEDURE,
        (*_A, P.PROP_2023_1),
        "the matter predominantly concerns the work environment and the unit has a "
        "separate procedure for it",
        "forholdet vedrører overvejende arbejdsmiljø, og enheden har en særlig procedure",
        lambda f, o: f.predominant_area is Area.WORK_ENVIRONMENT and o.work_environment_procedure,
    ),
    RouteRule(
        Route.CLOSE_ON_VOUCHING,
        (*_A, P.PROP_2023_3),
        "a less serious matter (significant and repeated, not gross) that the "
        "administration has investigated, corrected and vouches for",
        "en mindre alvorlig sag, som forvaltningen har undersøgt, rettet op på og indestår for",
        lambda f, o: (
            o.close_less_serious_on_vouching
            and f.administration_vouches
            and f.gravity is Gravity.SIGNIFICANT_AND_REPEATED
        ),
    ),
    RouteRule(
        Route.OWN_INVESTIGATION,
        (*_A, P.PAR_24C_STK_5),
        "the matter is grave and documentable and is not forwarded under § 24c, stk. 3",
        "forholdet er groft eller væsentligt og gentaget, kan dokumenteres og skal ikke "
        "videresendes efter § 24c, stk. 3",
        lambda f, o: True,
    ),
)


def decide_route(
    facts: MatterFacts,
    scope: ScopeDecision,
    options: UnitOptions = UnitOptions(),  # noqa: B008 (frozen)
) -> RouteDecision:
    """§ 24c stk. 1-5, § 24d and the 2023 options: route the matter
    (001:3796-3825, 3827-3839; 000:88-92)."""
    if scope.scope is Scope.OUTSIDE:
        if facts.anonymous:
            return RouteDecision(
                Route.FILE_WITHOUT_MORE,
                (P.PAR_24C_STK_1, P.PAR_24A_STK_3),
                "the reporter is anonymous",
                "indberetteren er anonym",
            )
        return RouteDecision(
            Route.REJECT_WITH_FEEDBACK,
            (P.PAR_24C_STK_1,),
            "the reporter is named and gets feedback",
            "indberetteren er kendt og får tilbagemelding",
        )
    if scope.scope is Scope.DECLINED_24D:
        return RouteDecision(
            Route.DECLINED_24D,
            (P.PAR_24D_STK_1, P.PAR_24D_STK_2, P.PAR_24D_STK_3),
            "the administration must report its outcome, the committee is "
            "told, and the case stays registered",
            "forvaltningen skal redegøre for udfaldet, udvalget orienteres, "
            "og sagen forbliver registreret",
        )
    missing = tuple(n for n in ("gravity", "documentable") if getattr(facts, n) is None)
    if missing:
        raise MissingFactError(
            P.PAR_24C_STK_2,
            "every matter inside the scheme needs an assessment of gravity and documentability",
            missing,
        )
    for rule in ROUTE_RULES:
        if rule.applies(facts, options):
            if rule.chosen_by_staff:
                return _chosen_route(facts, rule)
            return RouteDecision(rule.route, rule.paragraphs, rule.when_en, rule.when_da)
    raise AssertionError("the last route rule always applies")  # pragma: no cover


#: § 24c, stk. 1 and § 24d, stk. 1: the scope a route implies when staff override the
#: decided route (the figures count matters by scope); any other route is inside scope.
OVERRIDE_SCOPE: dict[Route, Scope] = {
    Route.REJECT_WITH_FEEDBACK: Scope.OUTSIDE,
    Route.FILE_WITHOUT_MORE: Scope.OUTSIDE,
    Route.DECLINED_24D: Scope.DECLINED_24D,
}

#: § 24c, stk. 3 and § 24g, stk. 1: routes whose matter leaves the unit and comes back
#: with an outcome (the matter is forwarded on the decision date).
AWAY_ROUTES = frozenset(
    {
        Route.INTERNAL_AUDIT,
        Route.DIRECTORATE,
        Route.MAYOR,
        Route.EXTERNAL_INVESTIGATION,
        Route.WORK_ENVIRONMENT_PROCEDURE,
    }
)


def route_scope(route: Route, decided: Scope, *, overridden: bool) -> Scope:
    """The scope recorded for a matter: the decided one, or the one an override implies."""
    if not overridden:
        return decided
    return OVERRIDE_SCOPE.get(route, Scope.INSIDE)


def awaits_outcome(route: Route) -> bool:
    """§ 24g, stk. 1: whether the matter is forwarded and awaits the instance's outcome."""
    return route in AWAY_ROUTES


def closes_on_decision(route: Route) -> bool:
    """Whether the matter's closed date is the decision date (the figures count a matter's
    handling time up to its closed date): a rejection or closing route ends the matter at once; a
    § 24d, stk. 1 decline ends the unit's handling, though the matter stays open until the
    administration's account arrives (§ 24d, stk. 2)."""
    return route in CLOSING_ROUTES or route is Route.DECLINED_24D
