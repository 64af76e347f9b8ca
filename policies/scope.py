"""decide_scope: is the matter inside the scheme, outside it, or declined under § 24d?

The rules are an ordered table; the first that applies decides. docs/decision-table.md
renders this table, so the order here is the order a lawyer reads there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from . import paragraphs as P
from .errors import MissingFactError
from .facts import (
    EXCLUSION_PARAGRAPH,
    Category,
    CommitteeChoice,
    Exclusion,
    MatterFacts,
    ReporterRelation,
    Subject,
    Threshold,
)
from .validation import check_consistency


class Scope(StrEnum):
    """The scope decision (conventions.md § 2 counts matters by it)."""

    INSIDE = "inside"
    OUTSIDE = "outside"
    DECLINED_24D = "declined_24d"


class Reason(StrEnum):
    """Why the matter got its scope (statute.md § 1.4 reason codes)."""

    NO_STANDING = "no_standing"
    RETALIATION_NOT_EMPLOYEE = "retaliation_not_employee"
    OUTSIDE_MUNICIPALITY = "outside_municipality"
    POLITICAL_SERVICE_LEVEL = "political_service_level"
    PERSONNEL_EMPLOYMENT = "personnel_employment"
    STATUTORY_COMPLAINT_BODY = "statutory_complaint_body"
    BROUGHT_BEFORE_SUPERVISOR_OMBUDSMAN_COURT = "brought_before_supervisor_ombudsman_court"
    DECIDED_BY_CITY_COUNCIL = "decided_by_city_council"
    ASSESSED_BY_COMMITTEE_OPTIONAL = "assessed_by_committee_optional"
    OUTSIDE_PURPOSE = "outside_purpose"
    NOT_MATERIAL = "not_material"
    BELOW_THRESHOLD = "below_threshold"
    DECLINED_MEDIA_POLITICAL_ATTENTION = "declined_media_political_attention"
    RETALIATION_REPORT = "retaliation_report"
    MEETS_THRESHOLD = "meets_threshold"


@dataclass(frozen=True)
class ScopeRule:
    """One row of the scope table: when it applies, what it decides, on which paragraphs."""

    reason: Reason
    scope: Scope
    paragraphs: tuple[P.Paragraph, ...]
    when_en: str
    when_da: str
    applies: Callable[[MatterFacts], bool]


@dataclass(frozen=True)
class ScopeDecision:
    """The scope step's result."""

    scope: Scope
    reason: Reason
    legal_bases: tuple[P.Paragraph, ...]
    rule: ScopeRule


def _committee_declines(f: MatterFacts) -> bool:
    """§ 7 stk. 4: a committee-assessed matter may be declined; the caseworker must choose."""
    if not f.committee_assessed:
        return False
    if f.committee_choice is None:
        raise MissingFactError(
            P.PAR_7_STK_4,
            "a committee has assessed the matter: record "
            "whether to decline it or proceed on the political assessment",
            ("committee_choice",),
        )
    return f.committee_choice is CommitteeChoice.DECLINE


def _declines_24d(f: MatterFacts) -> bool:
    """§ 24d stk. 1: may decline what the administration already handles under attention."""
    if not (f.political_or_media_attention and f.already_handled_by_administration):
        return False
    if f.decline_24d is None:
        raise MissingFactError(
            P.PAR_24D_STK_1,
            "§ 24d applies: record whether to decline "
            "(decline_24d true) or handle the matter (false)",
            ("decline_24d",),
        )
    return f.decline_24d


_OUT = (P.PAR_24C_STK_1,)
_H = (P.PAR_24H_STK_1,)

_EXCLUSION_TEXT: dict[Exclusion, tuple[Reason, str, str]] = {
    Exclusion.POLITICAL_SERVICE_LEVEL: (
        Reason.POLITICAL_SERVICE_LEVEL,
        "the matter concerns the politically adopted service level",
        "forholdet angår det politisk vedtagne serviceniveau",
    ),
    Exclusion.PERSONNEL_EMPLOYMENT: (
        Reason.PERSONNEL_EMPLOYMENT,
        "the matter is a personal personnel or employment grievance",
        "forholdet er et personligt personale- eller ansættelsesforhold",
    ),
    Exclusion.STATUTORY_COMPLAINT_BODY: (
        Reason.STATUTORY_COMPLAINT_BODY,
        "the question can be brought before a statutory complaint body",
        "spørgsmålet kan indbringes for et lovhjemlet klageorgan",
    ),
    Exclusion.BROUGHT_BEFORE_SUPERVISOR_OMBUDSMAN_COURT: (
        Reason.BROUGHT_BEFORE_SUPERVISOR_OMBUDSMAN_COURT,
        "the question has been brought "
        "before the municipal supervisor, the Ombudsman or the courts",
        "spørgsmålet er "
        "indbragt for det kommunale tilsyn, Folketingets Ombudsmand eller domstolene",
    ),
    Exclusion.DECIDED_BY_CITY_COUNCIL: (
        Reason.DECIDED_BY_CITY_COUNCIL,
        "the City Council has dealt with and decided the matter",
        "Borgerrepræsentationen har behandlet og taget stilling til forholdet",
    ),
}


def _exclusion_rule(ex: Exclusion) -> ScopeRule:
    reason, en, da = _EXCLUSION_TEXT[ex]
    return ScopeRule(
        reason,
        Scope.OUTSIDE,
        (EXCLUSION_PARAGRAPH[ex], *_H, *_OUT),
        en,
        da,
        lambda f: f.exclusion is ex,
    )


SCOPE_RULES: tuple[ScopeRule, ...] = (
    ScopeRule(
        Reason.NO_STANDING,
        Scope.OUTSIDE,
        (P.PAR_24A_STK_1, *_OUT),
        "the reporter has no work relation to the municipality (a citizen's complaint)",
        "indberetteren har ingen arbejdsrelation til kommunen (en borgerklage)",
        lambda f: f.reporter_relation is ReporterRelation.CITIZEN,
    ),
    ScopeRule(
        Reason.RETALIATION_NOT_EMPLOYEE,
        Scope.OUTSIDE,
        (P.PAR_24A_STK_1_PKT_2, *_OUT),
        "only employees may report retaliation against reporters, and the report alleges "
        "no gross or significant and repeated errors that would give standing anyway",
        "kun ansatte kan indberette negative konsekvenser for indberettere, og "
        "indberetningen angår ikke grove eller væsentlige og gentagne fejl",
        lambda f: (
            f.category is Category.RETALIATION_AGAINST_REPORTER
            and f.reporter_relation is not ReporterRelation.EMPLOYEE
            and f.threshold is Threshold.NEITHER
        ),
    ),
    ScopeRule(
        Reason.OUTSIDE_MUNICIPALITY,
        Scope.OUTSIDE,
        (P.PAR_7_STK_1, *_H, *_OUT),
        "the matter is not about the municipality's committees, mayors or administration",
        "forholdet angår ikke kommunens udvalg, borgmestre eller forvaltning",
        lambda f: f.subject is Subject.OUTSIDE_MUNICIPALITY,
    ),
    *(_exclusion_rule(ex) for ex in Exclusion if ex is not Exclusion.NONE),
    ScopeRule(
        Reason.ASSESSED_BY_COMMITTEE_OPTIONAL,
        Scope.OUTSIDE,
        (P.PAR_7_STK_4, *_H, *_OUT),
        "a committee has assessed the matter and the caseworker declines it",
        "et udvalg har bedømt forholdet, og sagsbehandleren afviser det",
        _committee_declines,
    ),
    ScopeRule(
        Reason.OUTSIDE_PURPOSE,
        Scope.OUTSIDE,
        (P.PAR_24A_STK_1, *_OUT),
        "the matter is none of the kinds § 24a stk. 1 lists",
        "forholdet er ikke af en art, som § 24a, stk. 1, nævner",
        lambda f: f.category is Category.NOT_LISTED,
    ),
    ScopeRule(
        Reason.NOT_MATERIAL,
        Scope.OUTSIDE,
        (P.PAR_24A_STK_1, *_OUT),
        "the information is not material to the municipality's tasks",
        "oplysningerne er ikke væsentlige for kommunens opgaveløsning",
        lambda f: not f.material_to_tasks,
    ),
    ScopeRule(
        Reason.BELOW_THRESHOLD,
        Scope.OUTSIDE,
        (P.PAR_24A_STK_1, *_OUT),
        "the report alleges neither gross nor significant and repeated errors",
        "indberetningen angår hverken grove eller væsentlige og gentagne fejl",
        lambda f: (
            f.threshold is Threshold.NEITHER
            and f.category is not Category.RETALIATION_AGAINST_REPORTER
        ),
    ),
    ScopeRule(
        Reason.DECLINED_MEDIA_POLITICAL_ATTENTION,
        Scope.DECLINED_24D,
        (P.PAR_24D_STK_1, P.PAR_24D_STK_3),
        "the administration already handles the matter satisfactorily under political "
        "or media attention, and the caseworker declines it",
        "forvaltningen behandler allerede forholdet betryggende efter politisk eller "
        "mediemæssig bevågenhed, og sagsbehandleren afviser det",
        _declines_24d,
    ),
    ScopeRule(
        Reason.RETALIATION_REPORT,
        Scope.INSIDE,
        (P.PAR_24A_STK_1_PKT_2,),
        "an employee reports negative consequences for a reporter",
        "en ansat indberetter negative konsekvenser for en indberetter",
        lambda f: (
            f.category is Category.RETALIATION_AGAINST_REPORTER
            and f.reporter_relation is ReporterRelation.EMPLOYEE
        ),
    ),
    ScopeRule(
        Reason.MEETS_THRESHOLD,
        Scope.INSIDE,
        (P.PAR_24A_STK_1,),
        "the report concerns gross, or significant and repeated, errors of a listed kind",
        "indberetningen angår grove eller væsentlige og gentagne fejl af en nævnt art",
        lambda f: True,
    ),
)


def decide_scope(facts: MatterFacts) -> ScopeDecision:
    """§ 24a stk. 1, § 7 stk. 1, 3-4 (via § 24h stk. 1), § 24c stk. 1, § 24d: decide scope
    (001:3758-3767, 3468-3496, 3895-3897, 3796-3799, 3827-3839)."""
    check_consistency(facts)
    for rule in SCOPE_RULES:
        if rule.applies(facts):
            bases = rule.paragraphs
            if rule.scope is Scope.INSIDE and facts.committee_assessed:
                # § 7 stk. 4: proceeding means the political handling is taken as given.
                bases = (*bases, P.PAR_7_STK_4)
            return ScopeDecision(rule.scope, rule.reason, bases, rule)
    raise AssertionError("the last scope rule always applies")  # pragma: no cover
