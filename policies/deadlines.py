"""Deadlines in calendar periods with month-end roll, and Danish working days (`holidays`).

docs/architecture.md § 6: "N days", "weeks" and "months" are calendar periods; a month period
ending on a day the month lacks ends on its last day; a deadline that falls on a Saturday,
Sunday or Danish public holiday moves to the next working day unless the unit turns that
off. The Whistleblower Act's deadlines and the statute's own (§ 15's answer period, the
§ 24g reminders) have separate switches (docs/policy-open-points.md). Every Deadline knows
its source paragraph.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

from . import paragraphs as P
from .errors import PolicyViolation, Refusal
from .followups import DeadlineRule
from .options import UnitOptions

# Lov om beskyttelse af whistleblowere (lov nr. 1436 af 29/06/2021) took effect on
# 17 December 2021; its acknowledgement (§ 12, stk. 2, nr. 1) and feedback (§ 12,
# stk. 2, nr. 3) deadlines do not apply to reports received before that day.
WHISTLEBLOWER_ACT_START = date(2021, 12, 17)


class DeadlineKind(StrEnum):
    """What a deadline is for: the one set of kinds a case's deadlines are stored under."""

    ACKNOWLEDGEMENT = "acknowledgement"
    FEEDBACK = "feedback"
    PROVISIONAL_FEEDBACK = "provisional_feedback"
    ANSWER = "answer"  # § 15: a request to the administration
    HEARING = "hearing"  # § 19, stk. 2: the hearing before criticism
    AWAIT_INSTANCE_OUTCOME = "await_instance_outcome"  # § 24g, stk. 1
    AWAIT_ADMINISTRATION_REPORT = "await_administration_report"  # § 24d, stk. 2
    RECOMMENDATION_COMPLIANCE = "recommendation_compliance"  # § 24f, stk. 3
    RETALIATION_NOTICE = "retaliation_notice"  # § 24b, stk. 3
    AS_SOON_AS_POSSIBLE = "as_soon_as_possible"


#: The kinds that are feedback to the reporter (sending feedback completes them).
FEEDBACK_KINDS = (DeadlineKind.FEEDBACK, DeadlineKind.PROVISIONAL_FEEDBACK)
#: The kinds that are a request to the administration awaiting its answer.
REQUEST_KINDS = (DeadlineKind.ANSWER, DeadlineKind.HEARING)
#: The kinds that await an outcome or an answer and are reminded again (§ 24g, § 24d, § 24f).
REMINDED_KINDS = (
    DeadlineKind.AWAIT_INSTANCE_OUTCOME,
    DeadlineKind.AWAIT_ADMINISTRATION_REPORT,
    DeadlineKind.RECOMMENDATION_COMPLIANCE,
)


@dataclass(frozen=True)
class DeadlineSettings:
    """Unit settings for deadlines; defaults documented in docs/deadlines.md."""

    #: The Whistleblower Act's deadlines (7 days, 3 months): an EU-law period ending on a
    #: closed day ends on the next working day.
    act_move_to_working_day: bool = True
    #: § 15's answer period and the statute's other dates (§ 24g, § 24d reminders, targets).
    statute_move_to_working_day: bool = True
    optional_holidays_closed: bool = False  # 1 May, 5 June, 24 and 31 Dec (holidays "optional")
    acknowledgement_days: int = 7  # Whistleblower Act § 12, stk. 2, nr. 1
    feedback_months: int = 3  # Whistleblower Act § 12, stk. 2, nr. 3
    answer_days: int = 21  # § 15 stk. 1: "inden tre uger"
    outcome_reminder_days: int = 42  # § 24g: two § 15 periods between reminders
    asap_target_days: int = 1  # "snarest muligt": internal target, flagged

    @classmethod
    def for_options(cls, options: UnitOptions, **overrides: object) -> DeadlineSettings:
        """2023 initiative 2: a lower service level doubles the answer period the
        unit sets under § 15 stk. 1 ("længere frist") and the § 24g reminder interval."""
        base = cls(**overrides)  # type: ignore[arg-type]
        if not options.lower_service_level:
            return base
        return replace(
            base,
            answer_days=2 * base.answer_days,
            outcome_reminder_days=2 * base.outcome_reminder_days,
        )


@dataclass(frozen=True)
class Deadline:
    """A due date with its kind, legal source and the "as soon as possible" flag."""

    kind: DeadlineKind
    due: date
    paragraph: P.Paragraph
    as_soon_as_possible: bool = False

    def to_dict(self) -> dict[str, object]:
        """Render as a JSON-safe dict."""
        return {
            "kind": self.kind.value,
            "due": self.due.isoformat(),
            "paragraph": self.paragraph.cite(),
            "as_soon_as_possible": self.as_soon_as_possible,
        }


class ExtensionKind(StrEnum):
    """What was recorded about a § 15 answer deadline."""

    LONGER_DEADLINE_SET = "longer_deadline_set"  # stk. 1: the Citizen Advisor sets a longer one
    DELAY_NOTICE = "delay_notice"  # stk. 2: the administration says when it expects to answer


@dataclass(frozen=True)
class Extension:
    """A recorded § 15 event: a longer deadline the unit set (``new_due`` binds), or the
    administration's delay notice (``new_due`` is the date it *expects* to answer)."""

    kind: ExtensionKind
    recorded: date
    new_due: date
    reason_given: bool = True


def add_months(d: date, n: int) -> date:
    """Add n calendar months; a day the target month lacks becomes its last day."""
    month0 = d.month - 1 + n
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=64)
def _closed_days(year: int, optional: bool) -> frozenset[date]:
    cats: tuple[str, ...] = ("public", "optional") if optional else ("public",)
    return frozenset(holidays.country_holidays("DK", years=year, categories=cats))


def is_working_day(d: date, *, optional_holidays_closed: bool = False) -> bool:
    """Monday to Friday and not a Danish public holiday (for that year) per `holidays`."""
    return d.weekday() < 5 and d not in _closed_days(d.year, optional_holidays_closed)


def next_working_day(d: date, *, optional_holidays_closed: bool = False) -> date:
    """Return d if it is a working day, else the first working day after it."""
    while not is_working_day(d, optional_holidays_closed=optional_holidays_closed):
        d += timedelta(days=1)
    return d


def _settle(d: date, settings: DeadlineSettings, *, act: bool = False) -> date:
    """Roll d to a working day if the switch for its source is on (act: Whistleblower Act)."""
    roll = settings.act_move_to_working_day if act else settings.statute_move_to_working_day
    if not roll:
        return d
    return next_working_day(d, optional_holidays_closed=settings.optional_holidays_closed)


def acknowledgement_deadline(
    received: date, settings: DeadlineSettings = DeadlineSettings()
) -> Deadline:
    """Whistleblower Act § 12, stk. 2, nr. 1: acknowledge within 7 days (not in docs/sources/)."""
    due = received + timedelta(days=settings.acknowledgement_days)
    return Deadline(
        DeadlineKind.ACKNOWLEDGEMENT, _settle(due, settings, act=True), P.WBL_12_STK_2_NR_1
    )


def feedback_deadline(
    acknowledged: date, settings: DeadlineSettings = DeadlineSettings()
) -> Deadline:
    """Whistleblower Act § 12, stk. 2, nr. 3: feedback within 3 months of acknowledgement."""
    due = add_months(acknowledged, settings.feedback_months)
    return Deadline(DeadlineKind.FEEDBACK, _settle(due, settings, act=True), P.WBL_12_STK_2_NR_3)


def provisional_feedback_deadline(
    received: date, settings: DeadlineSettings = DeadlineSettings()
) -> Deadline:
    """Whistleblower Act § 12, stk. 2, nr. 3: without an acknowledgement, 3 months from the
    end of the 7-day period; replaced once the acknowledgement is sent (docs/architecture.md
    § 5)."""
    end_of_period = received + timedelta(days=settings.acknowledgement_days)
    due = add_months(end_of_period, settings.feedback_months)
    return Deadline(
        DeadlineKind.PROVISIONAL_FEEDBACK, _settle(due, settings, act=True), P.WBL_12_STK_2_NR_3
    )


def answer_deadline(
    sent: date,
    settings: DeadlineSettings = DeadlineSettings(),
    extensions: Sequence[Extension] = (),
) -> Deadline:
    """§ 15, stk. 1: answer within three weeks unless the Citizen Advisor sets a longer
    deadline; only that moves the binding date. § 15, stk. 2: the administration's notice
    that it cannot answer in time is checked (reason, expected date) but moves nothing, so
    the answer is overdue once the binding date passes (``expected_answer`` gives the date
    the administration named)."""
    due = _settle(sent + timedelta(days=settings.answer_days), settings)
    for ext in extensions:
        check_extension(sent, ext)
        if ext.kind is ExtensionKind.LONGER_DEADLINE_SET and ext.new_due > due:
            due = _settle(ext.new_due, settings)
    return Deadline(DeadlineKind.ANSWER, due, P.PAR_15_STK_1)


def check_extension(sent: date, ext: Extension) -> None:
    """§ 15, stk. 1-2: a delay notice gives the reason and the expected date; nothing
    recorded ends before the request was sent."""
    if ext.kind is ExtensionKind.DELAY_NOTICE and not ext.reason_given:
        raise PolicyViolation(
            P.PAR_15_STK_2,
            "a delay notice must give the reason and the expected answer date",
            code=Refusal.DELAY_NOTICE_WITHOUT_REASON,
        )
    if ext.new_due < sent:
        paragraph = P.PAR_15_STK_2 if ext.kind is ExtensionKind.DELAY_NOTICE else P.PAR_15_STK_1
        raise PolicyViolation(
            paragraph,
            "the date cannot be before the request was sent",
            code=Refusal.DATE_BEFORE_REQUEST,
        )


def expected_answer(extensions: Sequence[Extension]) -> date | None:
    """§ 15, stk. 2: the latest date the administration said it expects to answer by."""
    dates = [e.new_due for e in extensions if e.kind is ExtensionKind.DELAY_NOTICE]
    return max(dates, default=None)


def is_overdue(deadline: Deadline, today: date) -> bool:
    """A deadline is overdue the day after its due date, whatever notice was given."""
    return today > deadline.due


def done_late(deadline: Deadline, done_on: date) -> bool:
    """Whether a duty was carried out after its deadline (e.g. a late acknowledgement)."""
    return done_on > deadline.due


def acknowledgement_late(
    received: date, acknowledged: date, settings: DeadlineSettings = DeadlineSettings()
) -> bool:
    """Whistleblower Act § 12, stk. 2, nr. 1: the acknowledgement came after the 7 days."""
    return done_late(acknowledgement_deadline(received, settings), acknowledged)


def outcome_followup_deadline(
    forwarded: date, settings: DeadlineSettings = DeadlineSettings(), reminder: int = 1
) -> Deadline:
    """§ 24g stk. 1: remind the instance every ``outcome_reminder_days`` until its outcome
    arrives; ``reminder`` counts from 1."""
    if reminder < 1:
        raise ValueError("reminder counts from 1")
    due = forwarded + timedelta(days=settings.outcome_reminder_days * reminder)
    return Deadline(DeadlineKind.AWAIT_INSTANCE_OUTCOME, _settle(due, settings), P.PAR_24G_STK_1)


def administration_report_deadline(
    declined: date, settings: DeadlineSettings = DeadlineSettings(), reminder: int = 1
) -> Deadline:
    """§ 24d stk. 2: remind the administration of its account while it is outstanding;
    same interval as § 24g."""
    d = outcome_followup_deadline(declined, settings, reminder)
    return Deadline(DeadlineKind.AWAIT_ADMINISTRATION_REPORT, d.due, P.PAR_24D_STK_2)


def as_soon_as_possible_deadline(
    arose: date, paragraph: P.Paragraph, settings: DeadlineSettings = DeadlineSettings()
) -> Deadline:
    """ "Snarest (muligt)" (§ 24b stk. 3, § 24d stk. 2): flagged; the date is a target."""
    due = _settle(arose + timedelta(days=settings.asap_target_days), settings)
    return Deadline(DeadlineKind.AS_SOON_AS_POSSIBLE, due, paragraph, as_soon_as_possible=True)


def deadline_for(
    rule: DeadlineRule,
    start: date,
    paragraph: P.Paragraph,
    settings: DeadlineSettings = DeadlineSettings(),
) -> Deadline | None:
    """Compute a follow-up's first deadline from its rule; None for event-driven rules."""
    if rule is DeadlineRule.ACKNOWLEDGEMENT_7_DAYS:
        return replace(acknowledgement_deadline(start, settings), paragraph=paragraph)
    if rule is DeadlineRule.FEEDBACK_3_MONTHS:
        return replace(feedback_deadline(start, settings), paragraph=paragraph)
    if rule is DeadlineRule.ANSWER_3_WEEKS:
        return replace(answer_deadline(start, settings), paragraph=paragraph)
    if rule is DeadlineRule.OUTCOME_REMINDER:
        return replace(outcome_followup_deadline(start, settings), paragraph=paragraph)
    if rule is DeadlineRule.AS_SOON_AS_POSSIBLE:
        return as_soon_as_possible_deadline(start, paragraph, settings)
    return None  # NEXT_COMMITTEE_BATCH, ON_EVENT: no date of their own
