"""Assemble one period's summary: figures, breakdowns with suppression, trend, audit head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from ..services import audit
from . import figures, major
from .discretion import DEFAULT_THRESHOLD, Mark, publish
from .figures import DeadlineCount, Headline
from .labels import (
    BACKLOG_BAND,
    BACKLOG_POPULATION,
    BACKLOG_TITLE,
    BREAKDOWN_CODES,
    BREAKDOWN_TEXTS,
    OTHER_CODE,
    area_label,
    label,
)
from .paragraph import paragraph, paragraph_en
from .periods import Period

TREND_PERIODS = 3


@dataclass(frozen=True)
class Cell:
    code: str
    label: str
    value: int | None  # None where the committee's version hides it
    shown: str


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    population: str
    total: int
    cells: tuple[Cell, ...]
    suppressed: bool  # whether small cells were hidden
    collapsed: bool = False  # fewer than the threshold in all: no cell is shown


@dataclass(frozen=True)
class DeadlineFigure:
    key: str
    label: str
    counts: DeadlineCount


@dataclass(frozen=True)
class MedianFigure:
    key: str
    label: str
    days: float | None
    count: int


@dataclass(frozen=True)
class NoticeFigure:
    kind: str
    label: str
    queued: int
    sent: int


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    headline: Headline | None  # None: before records began ("ikke registreret")


@dataclass(frozen=True)
class Summary:
    """Everything a renderer shows; `internal` says whether cells are exact."""

    period: Period
    internal: bool
    threshold: int
    generated: dt.date
    as_of: dt.date
    headline: Headline
    breakdowns: tuple[Breakdown, ...]
    deadlines: tuple[DeadlineFigure, ...]
    medians: tuple[MedianFigure, ...]
    backlog: Breakdown
    notices: tuple[NoticeFigure, ...]
    trend: tuple[TrendPoint, ...]
    audit_seq: int
    audit_head: str
    route_medians: tuple[MedianFigure, ...] = ()
    preliminary: bool = False  # the period has not ended: the figures may still change
    notices_recorded: bool = True  # False for years known only from imported cases
    paragraph: str = ""
    major_cases: tuple[int, int] = (0, 0)  # § 24h: (received, closed) in the period
    # § 24h: the approved texts of major cases closed in the period (never a draft).
    major_texts: tuple[major.MajorText, ...] = ()
    paragraph_en: str = ""  # the paragraph in English, for a summary rendered in English

    @property
    def version(self) -> str:
        return "internal" if self.internal else "committee"


def _breakdown(
    key: str,
    title: str,
    population: str,
    monthly: figures.Monthly,
    months: list[str],
    total: int,
    *,
    exact: bool,
    threshold: int,
    labeller: Callable[[str], str] = label,
) -> Breakdown:
    """One breakdown, every code listed in a fixed order (zeros too), so neither a listed
    code nor its place in the table says that it occurred."""
    known = BREAKDOWN_CODES[key]
    fold = OTHER_CODE if OTHER_CODE in known else figures.NOT_RECORDED
    per_month = []
    for month in months:
        counts = dict.fromkeys(known, 0)
        for code, n in monthly.get(month, {}).items():
            counts[code if code in counts else fold] += n
        per_month.append(counts)
    values = {code: sum(month[code] for month in per_month) for code in known}
    if exact:
        cells = tuple(Cell(code, labeller(code), n, str(n)) for code, n in values.items())
        return Breakdown(key, title, population, total, cells, suppressed=False)
    shown = publish(per_month, threshold)
    cells = tuple(
        Cell(
            code,
            labeller(code),
            n if shown.marks[code] is Mark.SHOWN and not shown.collapsed else None,
            shown.shown(code, n),
        )
        for code, n in values.items()
    )
    return Breakdown(
        key,
        title,
        population,
        total,
        cells,
        suppressed=shown.collapsed or any(m is not Mark.SHOWN for m in shown.marks.values()),
        collapsed=shown.collapsed,
    )


def _trend(
    session: Session, period: Period, count: int, records_start: dt.date | None
) -> tuple[TrendPoint, ...]:
    """The same period in earlier years; "not recorded" where it ended before records began."""
    return tuple(
        TrendPoint(
            p,
            None
            if records_start is None or p.end < records_start
            else figures.count_headline(session, p),
        )
        for p in period.previous_periods(count)
    )


def build_summary(
    session: Session,
    period: Period,
    *,
    internal: bool,
    today: dt.date,
    threshold: int = DEFAULT_THRESHOLD,
    trend_periods: int = TREND_PERIODS,
    scheme_start: dt.date | None = None,
) -> Summary:
    """Count one period's figures; the committee's version needs a whole period."""
    if not internal:
        period.require_whole()
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    exact = internal
    as_of = min(today, period.end)
    months = period.months
    groups = figures.matters_received(session, period)
    headline = figures.count_headline(session, period, groups)
    consequences = figures.count_consequences(session, period)
    specs = (
        ("administration", figures.ADMINISTRATION, None),
        ("category", figures.CATEGORY, None),
        ("route", figures.ROUTE, "inside"),
        ("outside_reason", figures.REASON, "outside"),
    )
    totals = {None: headline.matters, "inside": headline.inside, "outside": headline.outside}
    breakdowns = tuple(
        _breakdown(
            key,
            *BREAKDOWN_TEXTS[key],
            figures.add_up(groups, position, scope),
            months,
            totals[scope],
            exact=exact,
            threshold=threshold,
        )
        for key, position, scope in specs
    ) + (
        # § 24c, stk. 3: the area a matter mainly concerns, from its plain triage facts.
        _breakdown(
            "area",
            *BREAKDOWN_TEXTS["area"],
            figures.add_up(groups, figures.AREA),
            months,
            headline.matters,
            exact=exact,
            threshold=threshold,
            labeller=area_label,
        ),
        _breakdown(
            "consequence",
            *BREAKDOWN_TEXTS["consequence"],
            consequences,
            months,
            sum(n for month in consequences.values() for n in month.values()),
            exact=exact,
            threshold=threshold,
        ),
    )
    deadline_counts = figures.count_deadlines(session, period, as_of)
    closing = figures.closing_histograms(session, period)
    median_values = figures.medians(session, period, closing)
    first_case = figures.first_received(session)
    records_start = scheme_start or first_case
    first_recorded_here = figures.first_received(session, imported=False)
    backlog_values = figures.backlog(session, as_of)
    seq, head = audit.head(session)
    summary = Summary(
        period=period,
        internal=internal,
        threshold=threshold,
        generated=today,
        as_of=as_of,
        headline=headline,
        breakdowns=breakdowns,
        deadlines=tuple(DeadlineFigure(k, label(k), v) for k, v in deadline_counts.items()),
        medians=tuple(MedianFigure(k, label(k), days, n) for k, (days, n) in median_values.items()),
        # Age bands are not about a group of people, so they stay exact (docs/summaries.md).
        backlog=Breakdown(
            "backlog",
            BACKLOG_TITLE % {"day": f"{as_of:%d.%m.%Y}"},
            BACKLOG_POPULATION,
            sum(backlog_values.values()),
            tuple(
                Cell(k, BACKLOG_BAND % {"band": k}, v, str(v)) for k, v in backlog_values.items()
            ),
            suppressed=False,
        ),
        notices=tuple(
            NoticeFigure(k, label(k), q, s)
            for k, (q, s) in sorted(figures.notices(session, period).items())
        ),
        trend=_trend(session, period, trend_periods, records_start),
        audit_seq=seq,
        audit_head=head,
        route_medians=tuple(
            MedianFigure(k, label(f"route_group_{k}"), days, n)
            for k, (days, n) in figures.closing_by_route(session, period, closing).items()
        ),
        preliminary=today < period.end,
        major_cases=figures.major_cases(session, period),
        major_texts=major.approved_texts(session, period),
        # Notices are known from the day this system took its first case, or where an
        # import carried them; before that a 0 would claim there were none.
        notices_recorded=(first_recorded_here is not None and period.end >= first_recorded_here)
        or figures.notices_imported(session, period),
    )
    return replace(summary, paragraph=paragraph(summary), paragraph_en=paragraph_en(summary))
