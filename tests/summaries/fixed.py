"""A summary built in memory, with every section filled: no database, the same every run.

Its Danish HTML is kept in fixtures/ (the rendering must not change by a byte when the
English one does); the English one must hold no Danish text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from wb_cases.summaries.figures import DeadlineCount, Headline
from wb_cases.summaries.labels import BREAKDOWN_CODES, area_label, label
from wb_cases.summaries.major import MajorText
from wb_cases.summaries.paragraph import paragraph, paragraph_en
from wb_cases.summaries.periods import reporting_year
from wb_cases.summaries.summary import (
    Breakdown,
    Cell,
    DeadlineFigure,
    MedianFigure,
    NoticeFigure,
    Summary,
    TrendPoint,
)

MAJOR_TEXT = "Forvaltningen har strammet sine procedurer for indkøb efter undersøgelsen."
# The Danish titles and populations summary.py gives each breakdown.
TITLES = {
    "administration": ("Forhold pr. forvaltning", "forhold i henvendelser modtaget i perioden"),
    "category": ("Forhold pr. kategori", "forhold i henvendelser modtaget i perioden"),
    "route": (
        "Forhold inden for ordningen pr. behandlingsvej",
        "forhold inden for ordningen, modtaget i perioden",
    ),
    "outside_reason": (
        "Forhold uden for ordningen pr. begrundelse",
        "forhold uden for ordningen, modtaget i perioden",
    ),
    "area": (
        "Forhold pr. område",
        "forhold i henvendelser modtaget i perioden, efter det område, forholdet overvejende angår",
    ),
    "consequence": (
        "Konsekvenser pr. type",
        "forhold afsluttet i perioden; et forhold kan have flere typer",
    ),
}


def _breakdown(key: str, *, internal: bool) -> Breakdown:
    codes = BREAKDOWN_CODES[key]
    labeller = area_label if key == "area" else label
    if key == "consequence" and not internal:  # fewer than the threshold in all
        cells = tuple(Cell(c, labeller(c), None, "·") for c in codes)
        return Breakdown(key, *TITLES[key], 2, cells, suppressed=True, collapsed=True)
    values = [(i * 7) % 11 for i in range(len(codes))]
    cells = tuple(
        Cell(c, labeller(c), v, str(v))
        if internal or v >= 3
        else Cell(c, labeller(c), None, "<3" if v else "·")
        for c, v in zip(codes, values, strict=True)
    )
    return Breakdown(key, *TITLES[key], sum(values), cells, suppressed=not internal)


def fixed_summary(*, internal: bool = False) -> Summary:
    """The 2016/17 reporting year with made-up figures; the internal one is preliminary,
    with notices not recorded and a major-case text that fails its check."""
    period = reporting_year(2016)
    earlier = Headline(22, 19, 22, 12, 10, 0, 0, 10, 0, 0, 0)
    bands = {"0-30": 2, "31-90": 3, "91-180": 2, "181-365": 0, "366+": 4}
    summary = Summary(
        period=period,
        internal=internal,
        threshold=3,
        generated=dt.date(2017, 4, 3),
        as_of=dt.date(2017, 3, 31),
        headline=Headline(39, 33, 45, 20, 25, 0, 0, 50, 26, 9, 12),
        breakdowns=tuple(_breakdown(key, internal=internal) for key in TITLES),
        deadlines=tuple(
            DeadlineFigure(k, label(k), DeadlineCount(5, 2, 1, 3, 0, 28))
            for k in ("acknowledgement", "feedback", "answer")
        ),
        medians=(
            MedianFigure("acknowledgement", label("acknowledgement"), 2.5, 11),
            MedianFigure("feedback", label("feedback"), 61.0, 9),
            MedianFigure("closing", label("closing"), None, 0),
        ),
        backlog=Breakdown(
            "backlog",
            "Åbne forhold pr. 31.03.2017, efter alder i dage",
            "forhold modtaget og ikke afsluttet",
            sum(bands.values()),
            tuple(Cell(k, f"{k} dage", v, str(v)) for k, v in bands.items()),
            suppressed=False,
        ),
        notices=(
            NoticeFigure(
                "committee_notice_24d_decline", label("committee_notice_24d_decline"), 2, 2
            ),
            NoticeFigure("identity_opened", label("identity_opened"), 3, 0),
        ),
        trend=(
            TrendPoint(reporting_year(2013), None),
            TrendPoint(reporting_year(2014), None),
            TrendPoint(reporting_year(2015), earlier),
        ),
        audit_seq=7,
        audit_head="ab" * 32,
        route_medians=tuple(
            MedianFigure(k, label(f"route_group_{k}"), days, n)
            for k, days, n in (
                ("own_investigation", 148.5, 10),
                ("forwarded", 241.0, 16),
                ("outside", 8.5, 24),
                ("declined_24d", None, 0),
            )
        ),
        preliminary=internal,
        notices_recorded=not internal,
        major_cases=(2, 1),
        major_texts=(MajorText(MAJOR_TEXT, True), MajorText(None, False))
        if internal
        else (MajorText(MAJOR_TEXT, True),),
    )
    return replace(summary, paragraph=paragraph(summary), paragraph_en=paragraph_en(summary))
