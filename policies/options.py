"""Unit options: the 2023 proposals and the unit's own stricter choices, as switches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import paragraphs as P
from .serde import check_types, from_dict, to_dict


def _opt(default: bool, doc: str, par: P.Paragraph) -> Any:
    return field(default=default, metadata={"doc": doc, "paragraph": par})


@dataclass(frozen=True)
class UnitOptions:
    """Switches for the 2023 proposals and the four-eyes rule for identities; defaults follow
    the statute, the top-official route on."""

    external_investigation_top_officials: bool = _opt(
        True,
        "Matters whose subject is a City Council member, mayor, chief executive, the "
        "head of audit or the Citizen Advisor are investigated externally.",
        P.PROP_2023_4,
    )
    close_less_serious_on_vouching: bool = _opt(
        False,
        "Less serious matters (significant and repeated, not gross) that would get an "
        "own investigation may be closed on the administration's vouching.",
        P.PROP_2023_3,
    )
    work_environment_procedure: bool = _opt(
        False,
        "Work-environment matters follow the unit's separate procedure instead of an "
        "own investigation.",
        P.PROP_2023_1,
    )
    lower_service_level: bool = _opt(
        False,
        "The unit lowers its service level towards the administrations: a longer "
        "answer period under § 15 stk. 1 and fewer § 24g reminders "
        "(see DeadlineSettings.for_options).",
        P.PROP_2023_2,
    )

    identity_four_eyes: bool = _opt(
        False,
        "Opening a reporter's identity needs a second head of unit's approval besides "
        "the written justification (the unit's own stricter discretion).",
        P.PAR_24A_STK_2,
    )

    def __post_init__(self) -> None:
        check_types(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> UnitOptions:
        """Parse strictly: unknown keys or non-boolean values raise FactsFormatError."""
        return from_dict(cls, data)

    def to_dict(self) -> dict[str, object]:
        """Render as a JSON-safe dict."""
        return to_dict(self)
