"""The summary in English: one gettext catalog, Danish msgids, no Flask.

Every text a summary shows is Danish in the code (labels.py, the template); the English
catalog `translations/en/LC_MESSAGES/summaries.po` (compiled to `.mo` beside it) gives its
English. Danish needs no catalog: the msgids are the Danish text, so a Danish rendering is
the text as written. The Summary object itself stays Danish; `localise` gives the copy a
renderer shows in English. Period labels and dates are formatted here, not translated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache
from importlib import resources

from babel.support import NullTranslations, Translations

from .labels import BACKLOG_BAND, BACKLOG_TITLE
from .periods import Period, PeriodKind, english_day, english_month
from .summary import Breakdown, Cell, Summary

DOMAIN = "summaries"
LANGUAGES = ("da", "en")


def language(lang: str) -> str:
    """The rendering language: "en", or Danish for anything else."""
    return "en" if lang == "en" else "da"


@cache
def translations(lang: str) -> NullTranslations:
    """The catalog for `lang`; Danish (the msgids themselves) has none."""
    if language(lang) == "da":
        return NullTranslations()
    directory = resources.files("wb_cases.summaries").joinpath("translations")
    # The package is installed as files (package-data), so the traversable is a real path.
    found = Translations.load(str(directory), [lang], DOMAIN)
    if not isinstance(found, Translations):
        raise RuntimeError(f"the summaries' {lang} catalog is missing from {directory}")
    return found


def gettext(lang: str, msgid: str) -> str:
    return translations(lang).gettext(msgid)


def day(value: dt.date, lang: str) -> str:
    """A date as the language writes it: "31.03.2017" or "31 March 2017"."""
    if language(lang) == "da":
        return f"{value:%d.%m.%Y}"
    return english_day(value)


def _reporting_year(first: int) -> str:
    return f"{first}/{(first + 1) % 100:02d}"


def period_label(period: Period, lang: str) -> str:
    """The period's label: Danish from `Period.label`, or its English counterpart, e.g.
    "Reporting year 2016/17 (1 April 2016 – 31 March 2017)"."""
    if language(lang) == "da":
        return period.label
    kind, start = period.kind, period.start
    span = f"{day(start, 'en')} – {day(period.end, 'en')}"
    half = "First" if start.month in (1, 4) else "Second"
    if kind is PeriodKind.MONTH:
        return english_month(start)
    if kind is PeriodKind.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if kind is PeriodKind.HALF_YEAR:
        return f"{half} half of {start.year}"
    if kind is PeriodKind.REPORTING_HALF:
        first = _reporting_year(period.reporting_year_start)
        return f"{half} half of the reporting year {first} ({span})"
    if kind is PeriodKind.YEAR:
        return f"Calendar year {start.year}"
    if kind is PeriodKind.REPORTING_YEAR:
        return f"Reporting year {_reporting_year(start.year)} ({span})"
    return span


def short_label(period: Period, lang: str) -> str:
    """The compact label of chart axes and columns; English says Q1, not K1."""
    short = period.short_label
    if language(lang) == "en" and period.kind is PeriodKind.QUARTER:
        return "Q" + short[1:]
    return short


def localise(summary: Summary, lang: str) -> Summary:
    """The summary as rendered in `lang`: in English every label, title and population
    through the catalog and the English paragraph; in Danish unchanged."""
    if language(lang) == "da":
        return summary
    _ = translations(lang).gettext

    def cells(b: Breakdown) -> tuple[Cell, ...]:
        return tuple(replace(c, label=_(c.label)) for c in b.cells)

    def breakdown(b: Breakdown) -> Breakdown:
        return replace(b, title=_(b.title), population=_(b.population), cells=cells(b))

    backlog = summary.backlog
    return replace(
        summary,
        paragraph=summary.paragraph_en or summary.paragraph,
        breakdowns=tuple(breakdown(b) for b in summary.breakdowns),
        deadlines=tuple(replace(d, label=_(d.label)) for d in summary.deadlines),
        route_medians=tuple(replace(m, label=_(m.label)) for m in summary.route_medians),
        notices=tuple(replace(n, label=_(n.label)) for n in summary.notices),
        backlog=replace(
            backlog,
            title=_(BACKLOG_TITLE) % {"day": day(summary.as_of, lang)},
            population=_(backlog.population),
            cells=tuple(
                replace(c, label=_(BACKLOG_BAND) % {"band": c.code}) for c in backlog.cells
            ),
        ),
    )
