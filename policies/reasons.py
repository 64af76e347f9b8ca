"""Choices the statute leaves to staff "in very special cases" need a recorded reason.

The reason itself is free text and stays in the encrypted case notes; this module only
says which choices need one, on which paragraph, and refuses a decision without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import paragraphs as P
from .errors import MissingFactError, Refusal
from .facts import MatterFacts
from .options import UnitOptions
from .routing import top_official_without_external


@dataclass(frozen=True)
class ReasonNeeded:
    """One choice that needs a written reason: the fact it explains and its paragraph."""

    field: str
    paragraph: P.Paragraph
    label_en: str
    label_da: str


MAYOR_ROUTE = ReasonNeeded(
    "employment_to_mayor",
    P.PAR_24C_STK_3_NR_2,
    "why this is a very special case for the mayor",
    "hvorfor dette er et helt særligt tilfælde for borgmesteren",
)
RETALIATION_TO_MAYOR = ReasonNeeded(
    "retaliation_notice_to_mayor",
    P.PAR_24B_STK_3,
    "why the retaliation notice goes to the mayor",
    "hvorfor orienteringen om negative konsekvenser går til borgmesteren",
)
TOP_OFFICIAL_ROUTE = ReasonNeeded(
    "top_official_route",
    P.PAR_24C_STK_2,
    "why this route for a matter about a top official",
    "hvorfor dette spor for en sag om en topperson",
)


def reasons_needed(
    facts: MatterFacts,
    options: UnitOptions = UnitOptions(),  # noqa: B008 (frozen)
) -> tuple[ReasonNeeded, ...]:
    """§ 24c, stk. 3, nr. 2 and § 24b, stk. 3 ("i helt særlige tilfælde"), and a top
    official's route chosen by staff: the choices recorded in these facts that need a reason."""
    out = []
    if facts.employment_to_mayor:
        out.append(MAYOR_ROUTE)
    if facts.retaliation_notice_to_mayor:
        out.append(RETALIATION_TO_MAYOR)
    if facts.top_official_route is not None and top_official_without_external(facts, options):
        out.append(TOP_OFFICIAL_ROUTE)
    return tuple(out)


def check_reasons(
    facts: MatterFacts,
    reasons: Mapping[str, str],
    options: UnitOptions = UnitOptions(),  # noqa: B008 (frozen)
) -> None:
    """§ 24c, stk. 3, nr. 2, § 24b, stk. 3 and § 24c, stk. 2: refuse the decision when a
    choice that needs a reason has none (blank counts as none)."""
    missing = [n for n in reasons_needed(facts, options) if not reasons.get(n.field, "").strip()]
    if missing:
        raise MissingFactError(
            missing[0].paragraph,
            "record a reason: " + "; ".join(n.label_en for n in missing),
            tuple(n.field for n in missing),
            code=Refusal.MISSING_REASON,
        )
