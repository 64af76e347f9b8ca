"""The paragraph on page 1, in the annual report's own style, from the headline (§ 24h, stk. 2).

"I beretningsåret 2016/17 modtog ordningen 39 henvendelser. Heraf var 33
anonyme. …" Only exact totals go into it (never a breakdown cell), so it is the
same in the committee's and the unit's version. `paragraph_en` says the same in
English ("In the reporting year 2016/17 the scheme received 39 reports. …"), for
a summary rendered in English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .periods import DA_MONTHS, Period, PeriodKind, english_month

if TYPE_CHECKING:
    from .summary import Summary


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def period_phrase(period: Period) -> str:
    """ "I beretningsåret 2016/17", "I 1. kvartal 2024", "I marts 2024" …"""
    kind, start = period.kind, period.start
    if kind is PeriodKind.REPORTING_YEAR:
        return f"I beretningsåret {period.short_label}"
    if kind is PeriodKind.YEAR:
        return f"I kalenderåret {start.year}"
    if kind is PeriodKind.REPORTING_HALF:
        first = period.reporting_year_start
        number = 1 if start.month == 4 else 2
        return f"I {number}. halvår af beretningsåret {first}/{(first + 1) % 100:02d}"
    if kind is PeriodKind.MONTH:
        return f"I {DA_MONTHS[start.month - 1]} {start.year}"
    if kind in (PeriodKind.QUARTER, PeriodKind.HALF_YEAR):
        return f"I {period.label}"
    return f"I perioden {period.label}"


def paragraph(summary: Summary) -> str:
    h, lead = summary.headline, period_phrase(summary.period)
    sentences = [
        f"{lead} modtog ordningen {_n(h.reports_received, 'henvendelse', 'henvendelser')}."
    ]
    if h.reports_received:
        sentences.append(f"Heraf var {h.anonymous} anonyme.")
        scopes = f"{h.inside} lå inden for ordningen og {h.outside} uden for"
        if h.declined_24d:
            scopes += f", og {h.declined_24d} blev afvist efter §\u00a024d"
        if h.untriaged:
            scopes += f"; {h.untriaged} er endnu ikke vurderet"
        sentences.append(
            f"Henvendelserne indeholdt i alt {_n(h.matters, 'forhold', 'forhold')}, "
            f"hvoraf {scopes}."
        )
    sentences.append(
        f"{lead} blev "
        f"{_n(h.investigations_closed, 'undersøgelse', 'undersøgelser')} afsluttet"
        + (
            f"; {h.confirmed} af de afsluttede forhold blev bekræftet, "
            f"og {h.with_consequences} førte til konsekvenser."
            if h.matters_closed
            else "."
        )
    )
    if summary.preliminary:
        sentences.append("Perioden er ikke afsluttet, så tallene er foreløbige.")
    return " ".join(sentences)


def period_phrase_en(period: Period) -> str:
    """ "In the reporting year 2016/17", "In Q1 2024", "In March 2024" …"""
    kind, start, end = period.kind, period.start, period.end
    if kind is PeriodKind.REPORTING_YEAR:
        return f"In the reporting year {period.short_label}"
    if kind is PeriodKind.YEAR:
        return f"In the calendar year {start.year}"
    if kind is PeriodKind.REPORTING_HALF:
        first = period.reporting_year_start
        which = "first" if start.month == 4 else "second"
        return f"In the {which} half of the reporting year {first}/{(first + 1) % 100:02d}"
    if kind is PeriodKind.MONTH:
        return f"In {english_month(start)}"
    if kind is PeriodKind.QUARTER:
        return f"In Q{(start.month - 1) // 3 + 1} {start.year}"
    if kind is PeriodKind.HALF_YEAR:
        return f"In the {'first' if start.month == 1 else 'second'} half of {start.year}"
    return f"In the period {start.isoformat()} to {end.isoformat()}"


def paragraph_en(summary: Summary) -> str:
    """The English rendering of `paragraph`, sentence by sentence, from the same totals."""
    h, lead = summary.headline, period_phrase_en(summary.period)
    sentences = [f"{lead} the scheme received {_n(h.reports_received, 'report', 'reports')}."]
    if h.reports_received:
        sentences.append(f"Of these, {h.anonymous} were anonymous.")
        scopes = f"{h.inside} fell within the scheme and {h.outside} outside it"
        if h.declined_24d:
            scopes += f", and {h.declined_24d} were declined under §\u00a024d"
        if h.untriaged:
            scopes += f"; {h.untriaged} have not yet been assessed"
        sentences.append(
            f"The reports contained {_n(h.matters, 'matter', 'matters')} in all, of which {scopes}."
        )
    sentences.append(
        f"{lead}, {_n(h.investigations_closed, 'investigation was', 'investigations were')} "
        "concluded"
        + (
            f"; {h.confirmed} of the concluded matters were confirmed, "
            f"and {h.with_consequences} led to consequences."
            if h.matters_closed
            else "."
        )
    )
    if summary.preliminary:
        sentences.append("The period has not ended, so the figures are preliminary.")
    return " ".join(sentences)
