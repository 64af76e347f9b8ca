"""Consistency rules: fact combinations that contradict each other are refused, never guessed.

Each rule names the conflicting fields and the paragraph that makes the combination
meaningless. Missing choices are checked lazily, on the decision path that needs them
(scope.py, routing.py), so a caseworker never answers questions the statute does not ask.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import paragraphs as P
from .errors import ContradictoryFactsError
from .facts import Area, Category, Exclusion, Gravity, MatterFacts, Threshold, TopOfficial


@dataclass(frozen=True)
class ConsistencyRule:
    """A combination of facts that cannot all be true."""

    fields: tuple[str, ...]
    paragraph: P.Paragraph
    reason_en: str
    conflict: Callable[[MatterFacts], bool]


CONSISTENCY_RULES: tuple[ConsistencyRule, ...] = (
    ConsistencyRule(
        ("top_official", "top_official_is_subject"),
        P.PROP_2023_4,
        "the matter cannot have a top official as its subject when no top official is named",
        lambda f: f.top_official is TopOfficial.NONE and f.top_official_is_subject,
    ),
    ConsistencyRule(
        ("top_official_route", "top_official_is_subject"),
        P.PAR_24C_STK_2,
        "a route chosen for a top official needs a top official as the matter's subject",
        lambda f: f.top_official_route is not None and not f.top_official_is_subject,
    ),
    ConsistencyRule(
        ("committee_assessed", "committee_choice"),
        P.PAR_7_STK_4,
        "a § 7 stk. 4 choice is recorded although no committee has assessed the matter",
        lambda f: not f.committee_assessed and f.committee_choice is not None,
    ),
    ConsistencyRule(
        ("decline_24d", "political_or_media_attention", "already_handled_by_administration"),
        P.PAR_24D_STK_1,
        "a § 24d decline needs political or media attention and the administration already "
        "handling the matter satisfactorily",
        lambda f: (
            f.decline_24d is True
            and not (f.political_or_media_attention and f.already_handled_by_administration)
        ),
    ),
    ConsistencyRule(
        ("threshold", "gravity"),
        P.PAR_24C_STK_2,
        "the matter is assessed as gross or significant and repeated although the report "
        "alleges neither",
        lambda f: (
            f.threshold is Threshold.NEITHER
            and f.category is not Category.RETALIATION_AGAINST_REPORTER
            and f.gravity in (Gravity.GROSS, Gravity.SIGNIFICANT_AND_REPEATED)
        ),
    ),
    ConsistencyRule(
        ("category", "exclusion"),
        P.PAR_24A_STK_1_PKT_2,
        "a report of retaliation against a reporter is not a personal employment grievance "
        "under § 7 stk. 3 nr. 2: § 24a stk. 1, 2. pkt. puts it inside the scheme",
        lambda f: (
            f.category is Category.RETALIATION_AGAINST_REPORTER
            and f.exclusion is Exclusion.PERSONNEL_EMPLOYMENT
        ),
    ),
    ConsistencyRule(
        ("employment_to_mayor", "predominant_area"),
        P.PAR_24C_STK_3_NR_2,
        "the mayor special case applies only to matters predominantly about employment law",
        lambda f: f.employment_to_mayor and f.predominant_area is not Area.EMPLOYMENT,
    ),
    ConsistencyRule(
        ("retaliation_notice_to_mayor", "retaliation_indication"),
        P.PAR_24B_STK_3,
        "a retaliation notice to the mayor needs an indication of retaliation",
        lambda f: f.retaliation_notice_to_mayor and not f.retaliation_indication,
    ),
)


def check_consistency(facts: MatterFacts) -> None:
    """Raise ContradictoryFactsError for the first contradictory combination of facts."""
    for rule in CONSISTENCY_RULES:
        if rule.conflict(facts):
            raise ContradictoryFactsError(rule.paragraph, rule.reason_en, rule.fields)
