"""Assemble one period's summary: figures, breakdowns with suppression, trend, audit head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..services import audit
from . import figures
from .discretion import DEFAULT_THRESHOLD, Mark, suppress
from .figures import DeadlineCount, Headline
from .labels import label
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
    headline: Headline


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

    @property
    def version(self) -> str:
        return "internal" if self.internal else "committee"


def _breakdown(
    key: str,
    title: str,
    population: str,
    values: Mapping[str, int],
    total: int,
    *,
    exact: bool,
    threshold: int,
) -> Breakdown:
    ordered = dict(sorted(values.items(), key=lambda item: (-item[1], item[0])))
    if exact:
        cells = tuple(Cell(code, label(code), n, str(n)) for code, n in ordered.items())
        return Breakdown(key, title, population, total, cells, suppressed=False)
    marks = suppress(ordered, total, threshold)
    cells = tuple(
        Cell(
            code, label(code), n if marks.marks[code] is Mark.SHOWN else None, marks.shown(code, n)
        )
        for code, n in ordered.items()
    )
    return Breakdown(
        key,
        title,
        population,
        total,
        cells,
        suppressed=any(m is not Mark.SHOWN for m in marks.marks.values()),
    )


def build_summary(
    session: Session,
    period: Period,
    *,
    internal: bool,
    today: dt.date,
    threshold: int = DEFAULT_THRESHOLD,
    trend_periods: int = TREND_PERIODS,
) -> Summary:
    """Count one period's figures; the committee's version needs a whole period."""
    if not internal:
        period.require_whole()
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    exact = internal
    as_of = min(today, period.end)
    groups = figures.matters_received(session, period)
    headline = figures.count_headline(session, period, groups)
    received = "forhold i indberetninger modtaget i perioden"
    closed = "forhold afsluttet i perioden"
    consequences = figures.count_consequences(session, period)
    breakdowns = (
        _breakdown(
            "administration",
            "Forhold pr. forvaltning",
            received,
            figures.add_up(groups, 2),
            headline.matters,
            exact=exact,
            threshold=threshold,
        ),
        _breakdown(
            "category",
            "Forhold pr. kategori",
            received,
            figures.add_up(groups, 3),
            headline.matters,
            exact=exact,
            threshold=threshold,
        ),
        _breakdown(
            "route",
            "Forhold pr. behandlingsvej",
            received,
            figures.add_up(groups, 4),
            headline.matters,
            exact=exact,
            threshold=threshold,
        ),
        _breakdown(
            "outside_reason",
            "Forhold uden for ordningen pr. begrundelse",
            "forhold uden for ordningen, modtaget i perioden",
            figures.add_up(groups, 1, "outside"),
            headline.outside,
            exact=exact,
            threshold=threshold,
        ),
        _breakdown(
            "consequence",
            "Konsekvenser pr. type",
            f"{closed}; et forhold kan have flere typer",
            consequences,
            sum(consequences.values()),
            exact=exact,
            threshold=threshold,
        ),
    )
    deadline_counts = figures.count_deadlines(session, period, as_of)
    median_values = figures.medians(session, period)
    trend = tuple(
        TrendPoint(p, figures.count_headline(session, p))
        for p in period.previous_periods(trend_periods)
    )
    backlog_values = figures.backlog(session, as_of)
    seq, head = audit.head(session)
    return Summary(
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
            f"Åbne forhold pr. {as_of:%d.%m.%Y}, efter alder i dage",
            "forhold modtaget og ikke afsluttet",
            sum(backlog_values.values()),
            tuple(Cell(k, f"{k} dage", v, str(v)) for k, v in backlog_values.items()),
            suppressed=False,
        ),
        notices=tuple(
            NoticeFigure(k, label(k), q, s)
            for k, (q, s) in sorted(figures.notices(session, period).items())
        ),
        trend=trend,
        audit_seq=seq,
        audit_head=head,
    )
