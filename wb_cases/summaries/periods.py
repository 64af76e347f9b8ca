"""Reporting periods: months, quarters, half-years, calendar and reporting years, ranges.

The committee's version is for whole periods only, since arbitrary ranges
could be differenced down to a single day (docs/summaries.md); the unit's own
view may use any range. Dates are inclusive Copenhagen days.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from babel.dates import format_date

from policies.deadlines import add_months

from .errors import PeriodError

DA_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def english_day(value: dt.date) -> str:
    """ "31 March 2017": a date as English writes it (Babel's CLDR month names)."""
    return format_date(value, "d MMMM y", locale="en")


def english_month(value: dt.date) -> str:
    """ "March 2017"."""
    return format_date(value, "MMMM y", locale="en")


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"  # January–June or July–December
    REPORTING_HALF = "reporting_half"  # April–September or October–March of a reporting year
    YEAR = "year"  # calendar year
    REPORTING_YEAR = "reporting_year"  # beretningsåret, 1 April – 31 March
    RANGE = "range"  # any other span: the unit's internal view only


# Summaries reach back a few years for comparisons; years outside this span are typing
# mistakes (0, 9999) and would only give date arithmetic errors.
MIN_YEAR, MAX_YEAR = 1990, 2200
WHOLE_KINDS = frozenset(PeriodKind) - {PeriodKind.RANGE}


def _last_day(year: int, month: int) -> dt.date:
    return add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)


def _da(day: dt.date) -> str:
    return f"{day.day}. {DA_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive span of days, classified by what kind of period it is."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        for day in (self.start, self.end):
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise PeriodError(f"{day}: the year must be between {MIN_YEAR} and {MAX_YEAR}")
        if self.end < self.start:
            raise PeriodError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def kind(self) -> PeriodKind:
        start, end = self.start, self.end
        if start.day != 1 or end != _last_day(end.year, end.month):
            return PeriodKind.RANGE
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return PeriodKind.MONTH
        if months == 3 and start.month in (1, 4, 7, 10):
            return PeriodKind.QUARTER
        if months == 6 and start.month in (1, 7):
            return PeriodKind.HALF_YEAR
        if months == 6 and start.month in (4, 10):
            return PeriodKind.REPORTING_HALF
        if months == 12 and start.month == 1:
            return PeriodKind.YEAR
        if months == 12 and start.month == 4:
            return PeriodKind.REPORTING_YEAR
        return PeriodKind.RANGE

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """A Danish label, e.g. "Beretningsåret 2016 (1. april 2016 – 31. marts 2017)"."""
        kind, start = self.kind, self.start
        span = f"{_da(start)} – {_da(self.end)}"
        if kind is PeriodKind.MONTH:
            return f"{DA_MONTHS[start.month - 1].capitalize()} {start.year}"
        if kind is PeriodKind.QUARTER:
            return f"{(start.month - 1) // 3 + 1}. kvartal {start.year}"
        if kind is PeriodKind.HALF_YEAR:
            return f"{1 if start.month == 1 else 2}. halvår {start.year}"
        if kind is PeriodKind.REPORTING_HALF:
            first = self.reporting_year_start
            number = 1 if start.month == 4 else 2
            return f"{number}. halvår af beretningsåret {first}/{(first + 1) % 100:02d} ({span})"
        if kind is PeriodKind.YEAR:
            return f"Kalenderåret {start.year}"
        if kind is PeriodKind.REPORTING_YEAR:
            return f"Beretningsåret {start.year} ({span})"
        return span

    @property
    def short_label(self) -> str:
        """A compact label for chart axes: "2016/17", "K1 2024", "H2 2023", "2023-03"."""
        kind, start = self.kind, self.start
        if kind is PeriodKind.MONTH:
            return f"{start:%Y-%m}"
        if kind is PeriodKind.QUARTER:
            return f"K{(start.month - 1) // 3 + 1} {start.year}"
        if kind is PeriodKind.HALF_YEAR:
            return f"H{1 if start.month == 1 else 2} {start.year}"
        if kind is PeriodKind.REPORTING_HALF:
            first = self.reporting_year_start
            return f"{first}/{(first + 1) % 100:02d} H{1 if start.month == 4 else 2}"
        if kind is PeriodKind.YEAR:
            return str(start.year)
        if kind is PeriodKind.REPORTING_YEAR:
            return f"{start.year}/{(start.year + 1) % 100:02d}"
        return f"{start:%d.%m.%y}–{self.end:%d.%m.%y}"

    @property
    def reporting_year_start(self) -> int:
        """The year whose 1 April begins the reporting year this period starts in."""
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    @property
    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM"."""
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            result.append(f"{day:%Y-%m}")
            day = add_months(day, 1)
        return result

    def previous(self) -> Period:
        """The period to compare with: the same period a year earlier (so a quarter is
        compared with the same quarter last year, not with the one before it); a range,
        with the same number of days just before it."""
        if self.kind is PeriodKind.RANGE:
            return Period(
                self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1)
            )
        return Period(add_months(self.start, -12), _last_day(self.end.year - 1, self.end.month))

    def previous_periods(self, count: int) -> list[Period]:
        """The `count` comparable periods before this one, oldest first (years before)."""
        result: list[Period] = []
        current = self
        for _ in range(count):
            try:
                current = current.previous()
            except PeriodError:  # before the earliest year a summary covers
                break
            result.append(current)
        return result[::-1]

    def require_whole(self) -> Period:
        """Refuse an arbitrary range: the committee's version is for whole periods only."""
        if self.kind is PeriodKind.RANGE:
            raise PeriodError(
                f"{self.start}–{self.end} is not a whole month, quarter, half-year (January–June, "
                "July–December, April–September or October–March), calendar year or reporting "
                "year (1 April – 31 March); the committee's version covers whole periods only "
                "(docs/summaries.md). Use --internal for the unit's exact view of any range."
            )
        return self


def month(year: int, number: int) -> Period:
    return Period(dt.date(year, number, 1), _last_day(year, number))


def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise PeriodError(f"there is no quarter {number}")
    first = 3 * (number - 1) + 1
    return Period(dt.date(year, first, 1), _last_day(year, first + 2))


def half_year(year: int, number: int) -> Period:
    if number not in (1, 2):
        raise PeriodError(f"there is no half-year {number}")
    return Period(dt.date(year, 6 * number - 5, 1), _last_day(year, 6 * number))


def reporting_half(year: int, number: int) -> Period:
    """Half `number` of the reporting year starting 1 April `year`: April–September or
    October–March (the committee's half-yearly status)."""
    if number not in (1, 2):
        raise PeriodError(f"there is no half-year {number}")
    first = dt.date(year, 4, 1) if number == 1 else dt.date(year, 10, 1)
    return Period(first, add_months(first, 6) - dt.timedelta(days=1))


def calendar_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def reporting_year(year: int) -> Period:
    """The reporting year that starts on 1 April of `year` (beretningsåret)."""
    return Period(dt.date(year, 4, 1), dt.date(year + 1, 3, 31))


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})/(\d{2})-[Hh]([12])$"), "reporting_half"),
    (re.compile(r"^(\d{4})/(\d{2})$"), "reporting"),
    (re.compile(r"^(\d{4})-[QqKk]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
]


def parse_period(text: str) -> Period:
    """Parse "2016/17" (reporting year), "2016/17-H1" (April–September), "2024-Q1",
    "2023-H2", "2024-03" or "2023"."""
    for pattern, what in _PATTERNS:
        match = pattern.match(text.strip())
        if not match:
            continue
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"{text!r}: the year must be between {MIN_YEAR} and {MAX_YEAR}")
        if what == "reporting_half":
            if int(match.group(2)) != (year + 1) % 100:
                raise PeriodError(f"{text!r}: a reporting year runs from one year into the next")
            return reporting_half(year, int(match.group(3)))
        if what == "reporting":
            if int(match.group(2)) != (year + 1) % 100:
                raise PeriodError(f"{text!r}: a reporting year runs from one year into the next")
            return reporting_year(year)
        if what == "quarter":
            return quarter(year, int(match.group(2)))
        if what == "half":
            return half_year(year, int(match.group(2)))
        if what == "month":
            if not 1 <= int(match.group(2)) <= 12:
                raise PeriodError(f"{text!r}: there is no month {match.group(2)}")
            return month(year, int(match.group(2)))
        return calendar_year(year)
    raise PeriodError(
        f"{text!r} is not a period (try 2016/17, 2016/17-H2, 2024-Q1, 2023-H2, 2024-03 or 2023)"
    )
