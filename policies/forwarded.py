"""The outcome of a matter another instance handled (§ 24g), and what it offers staff."""

from __future__ import annotations

from enum import StrEnum

from . import paragraphs as P
from .errors import ContradictoryFactsError
from .outcomes import OutcomeCheck


class InformWhom(StrEnum):
    """Whom the Citizen Advisor *may* inform of a forwarded matter's outcome (§ 24g, stk. 2)."""

    COMMITTEE = "committee"  # Borgerrådgiverudvalget
    STANDING_COMMITTEE = "standing_committee"
    CITY_COUNCIL = "city_council"


def check_instance_outcome(*, confirmed: bool | None, major_significance: bool) -> OutcomeCheck:
    """§ 24g: the outcome of a matter another instance handled. § 24f, stk. 4's duty to tell
    the committee of errors of major significance covers the Citizen Advisor's own
    investigations (§ 24f opens "På baggrund af undersøgelser som nævnt i § 24c, stk. 5");
    for a forwarded matter § 24g, stk. 2 only allows it ("kan orientere"), so it is offered,
    never queued as a duty."""
    if major_significance and confirmed is False:
        raise ContradictoryFactsError(
            P.PAR_24G_STK_1,
            "an error of major significance cannot be found in an unconfirmed matter",
            ("major_significance", "confirmed"),
        )
    return OutcomeCheck((P.PAR_24G_STK_1, P.PAR_24G_STK_2), (), tuple(w.value for w in InformWhom))
