"""When a closed case may be deleted (docs/retention.md); periods are unit settings.

The statute fixes no retention periods. The defaults below are the code's proposal, chosen
so that a matter outlives the periods in which it may be asked about again: a reporter's
follow-up questions, a later report on the same matter, the committee's annual report
(§ 24h stk. 2) and the next audit. See docs/deadlines.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .deadlines import add_months
from .routing import Route


class RetentionClass(StrEnum):
    """What kind of closure the retention period depends on."""

    OUTSIDE_SCOPE = "outside_scope"
    DECLINED_24D = "declined_24d"
    CLOSED_WITHOUT_INVESTIGATION = "closed_without_investigation"
    INVESTIGATED_NOT_CONFIRMED = "investigated_not_confirmed"
    INVESTIGATED_CONFIRMED = "investigated_confirmed"


DEFAULT_RETENTION_MONTHS: dict[RetentionClass, int] = {
    RetentionClass.OUTSIDE_SCOPE: 6,  # time for the reporter's questions about the rejection
    RetentionClass.DECLINED_24D: 24,  # the administration's account and the next annual report
    RetentionClass.CLOSED_WITHOUT_INVESTIGATION: 12,  # a renewed report can be compared
    RetentionClass.INVESTIGATED_NOT_CONFIRMED: 24,  # a later report on the same matter
    RetentionClass.INVESTIGATED_CONFIRMED: 60,  # consequences, compliance, disciplinary steps
}


@dataclass(frozen=True)
class RetentionSettings:
    """Months to keep a closed case per retention class."""

    months: dict[RetentionClass, int] = field(
        default_factory=lambda: dict(DEFAULT_RETENTION_MONTHS)
    )

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.months.items())))


def retention_class(route: Route, confirmed: bool | None) -> RetentionClass:
    """Map a matter's route and confirmation to its retention class."""
    if route in (Route.REJECT_WITH_FEEDBACK, Route.FILE_WITHOUT_MORE):
        return RetentionClass.OUTSIDE_SCOPE
    if route is Route.DECLINED_24D:
        return RetentionClass.DECLINED_24D
    if route in (Route.CLOSE_NOT_GRAVE, Route.CLOSE_NOT_DOCUMENTABLE, Route.CLOSE_ON_VOUCHING):
        return RetentionClass.CLOSED_WITHOUT_INVESTIGATION
    if confirmed:
        return RetentionClass.INVESTIGATED_CONFIRMED
    return RetentionClass.INVESTIGATED_NOT_CONFIRMED


def retention_until(
    closed: date, outcome_kind: RetentionClass, settings: RetentionSettings = RetentionSettings()
) -> date:
    """The first day the closed case may be deleted: closed + the class's months (month-end
    roll as for deadlines; no working-day move, nobody acts on it)."""
    months = settings.months[outcome_kind]
    if months < 0:
        raise ValueError("retention months must not be negative")
    return add_months(closed, months)
