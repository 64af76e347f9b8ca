"""Write a summary as json, csv, html (standalone or a back-office fragment) or pdf."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import charts, i18n
from .labels import HEADLINE, MEDIAN_LABELS, N_
from .summary import Breakdown, Summary

CSS_NAME = "summary.css"
# What a summary shows instead of a major case's text that does not match its approval.
UNVERIFIED = N_("Teksten stemmer ikke med godkendelsen i revisionssporet og vises ikke")
# The printed page footer; summary.css says it in Danish.
PAGE_OF = N_("Side %(page)s af %(pages)s")


@cache
def environment(lang: str = "da") -> Environment:
    """A plain Jinja environment (no Flask in wb_cases), autoescaping HTML, with the
    language's catalog installed for `_()` (one environment per language)."""
    env = Environment(
        loader=PackageLoader("wb_cases.summaries", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    comma = i18n.language(lang) == "da"  # Danish writes 2,5 days
    env.filters["days"] = lambda v: (
        "–" if v is None else f"{v:g}".replace(".", ",") if comma else f"{v:g}"
    )
    env.filters["nb"] = no_break
    env.filters["digest"] = digest_breaks
    env.filters["day"] = lambda value: i18n.day(value, lang)
    env.filters["period"] = lambda period: i18n.period_label(period, lang)
    env.filters["short"] = lambda period: i18n.short_label(period, lang)
    return env


def digest_breaks(digest: str) -> Markup:
    """A hex digest with line-break opportunities every 16 characters: a phone screen
    wraps it between groups instead of running off the edge."""
    groups = [escape(digest[i : i + 16]) for i in range(0, len(digest), 16)]
    return Markup("<wbr>").join(groups)


def no_break(text: str) -> str:
    """Keep "§ 24d" and "stk. 2" together on one line (a non-breaking space)."""
    return text.replace("§ ", "§\u00a0").replace("stk. ", "stk.\u00a0").replace("nr. ", "nr.\u00a0")


def changes(summary: Summary) -> dict[str, str]:
    """Each headline figure against the same period a year earlier: "+3", "−2", "0", or "–"
    where that period is not recorded."""
    last = summary.trend[-1].headline if summary.trend else None
    result = {}
    for key, value in summary.headline.as_dict().items():
        if last is None:
            result[key] = "–"
            continue
        diff = value - last.as_dict()[key]
        result[key] = f"+{diff}" if diff > 0 else f"\u2212{-diff}" if diff < 0 else "0"
    return result


def stylesheet() -> str:
    return resources.files("wb_cases.summaries").joinpath("templates", CSS_NAME).read_text("utf-8")


def page_numbers(lang: str) -> str:
    """The printed page footer in `lang`, overriding the stylesheet's Danish "Side 1 af 4";
    empty for Danish. The translated sentence's placeholders become CSS counters between
    its quoted pieces."""
    if i18n.language(lang) == "da":
        return ""
    text = i18n.gettext(lang, PAGE_OF).replace("\\", "").replace('"', "")
    counters = {"page": '" counter(page) "', "pages": '" counter(pages) "'}
    return f'\n@page {{ @bottom-right {{ content: "{text % counters}"; }} }}\n'


def to_dict(summary: Summary) -> dict[str, Any]:
    """The JSON document: the headline keys (docs/summaries.md) at the top level, each an
    integer."""

    def breakdown(b: Breakdown) -> dict[str, Any]:
        return {
            "title": b.title,
            "population": b.population,
            "total": b.total,
            "suppressed": b.suppressed,
            "collapsed": b.collapsed,
            "cells": [
                {"code": c.code, "label": c.label, "value": c.value, "shown": c.shown}
                for c in b.cells
            ],
        }

    p = summary.period
    return {
        "format": "wb-summary/1",
        "version": summary.version,
        "period": {
            "from": p.start.isoformat(),
            "to": p.end.isoformat(),
            "kind": str(p.kind),
            "label": p.label,
        },
        **summary.headline.as_dict(),
        "paragraph": summary.paragraph,
        "paragraph_en": summary.paragraph_en,
        "preliminary": summary.preliminary,
        "threshold": None if summary.internal else summary.threshold,
        "generated": summary.generated.isoformat(),
        "as_of": summary.as_of.isoformat(),
        "breakdowns": {b.key: breakdown(b) for b in summary.breakdowns},
        "deadlines": {
            d.key: {
                "label": d.label,
                "kept": d.counts.kept,
                "late": d.counts.late,
                "overdue": d.counts.overdue,
                "pending": d.counts.pending,
                "not_recorded": d.counts.not_recorded,
                "not_applicable": d.counts.not_applicable,
                "total": d.counts.total,
            }
            for d in summary.deadlines
        },
        "median_days": {m.key: {"median": m.days, "count": m.count} for m in summary.medians},
        "median_days_to_closing_by_route": {
            m.key: {"median": m.days, "count": m.count} for m in summary.route_medians
        },
        "committee_notices_recorded": summary.notices_recorded,
        "major_cases": {"received": summary.major_cases[0], "closed": summary.major_cases[1]},
        # § 24h: approved texts of major cases closed in the period; null where the text
        # does not match its approval in the audit log.
        "major_case_texts": [{"text": m.text, "verified": m.verified} for m in summary.major_texts],
        "backlog": breakdown(summary.backlog),
        "committee_notices": {
            n.kind: {"label": n.label, "queued": n.queued, "sent": n.sent} for n in summary.notices
        },
        "trend": [
            {
                "from": t.period.start.isoformat(),
                "to": t.period.end.isoformat(),
                "label": t.period.short_label,
                "recorded": t.headline is not None,
                **(
                    t.headline.as_dict()
                    if t.headline is not None
                    else dict.fromkeys(summary.headline.as_dict())
                ),
            }
            for t in summary.trend
        ],
        "audit_head": {"seq": summary.audit_seq, "hash": summary.audit_head},
    }


def to_csv(summary: Summary) -> str:
    """One row per figure: section, key, label, value (shown text in the committee's version)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "key", "label", "value"])
    writer.writerow(["period", "from", summary.period.label, summary.period.start.isoformat()])
    writer.writerow(["period", "to", summary.period.label, summary.period.end.isoformat()])
    for key, value in summary.headline.as_dict().items():
        writer.writerow(["figures", key, HEADLINE[key], value])
    for b in (*summary.breakdowns, summary.backlog):
        for c in b.cells:
            writer.writerow([b.key, c.code, c.label, c.shown])
        writer.writerow([b.key, "total", "I alt", b.total])
    for d in summary.deadlines:
        for outcome in ("kept", "late", "overdue", "pending", "not_recorded", "not_applicable"):
            writer.writerow([f"deadline_{d.key}", outcome, d.label, getattr(d.counts, outcome)])
    for m in (*summary.medians, *summary.route_medians):
        section = "median_days" if m in summary.medians else "median_days_to_closing_by_route"
        name = MEDIAN_LABELS.get(m.key, f"Median antal dage til afslutning: {m.label}")
        writer.writerow([section, m.key, name, "" if m.days is None else m.days])
        writer.writerow([section, f"{m.key}_count", f"{name} (antal)", m.count])
    if summary.notices_recorded:
        for n in summary.notices:
            writer.writerow(["committee_notices", n.kind, n.label, n.queued])
    else:
        writer.writerow(["committee_notices", "not_recorded", "Ikke registreret", ""])
    for t in summary.trend:
        for key in HEADLINE:
            cell: str | int = "" if t.headline is None else t.headline.as_dict()[key]
            writer.writerow([f"trend {t.period.short_label}", key, HEADLINE[key], cell])
    writer.writerow(["major_cases", "received", "Større sager modtaget", summary.major_cases[0]])
    writer.writerow(["major_cases", "closed", "Større sager afsluttet", summary.major_cases[1]])
    for number, text in enumerate(summary.major_texts, start=1):
        writer.writerow(
            [
                "major_case_texts",
                str(number),
                "Større sag" if text.verified else UNVERIFIED,
                text.text if text.verified else "",
            ]
        )
    writer.writerow(["audit", "head", f"seq {summary.audit_seq}", summary.audit_head])
    return out.getvalue()


def _charts(summary: Summary, lang: str) -> dict[str, Markup]:
    _ = i18n.translations(lang).gettext
    points = [
        (i18n.short_label(t.period, lang), t.headline.reports_received, t.headline.matters, False)
        for t in summary.trend
        if t.headline is not None
    ]
    points.append(
        (
            i18n.short_label(summary.period, lang),
            summary.headline.reports_received,
            summary.headline.matters,
            True,
        )
    )
    result = {
        "trend": charts.column_pairs(
            _("Henvendelser og forhold pr. periode"), points, (_("Henvendelser"), _("Forhold"))
        )
    }
    for b in (*summary.breakdowns, summary.backlog):
        result[b.key] = charts.horizontal_bars(
            b.title,
            [charts.Bar(no_break(c.label), c.value, c.shown) for c in b.cells],
            empty=_("Ingen"),
        )
    return result


def to_html(
    summary: Summary,
    *,
    standalone: bool = True,
    css_href: str | None = None,
    for_print: bool = False,
    lang: str = "da",
) -> str:
    """A whole page (CSS embedded, or linked by `css_href`), or the body alone for a host page.

    `lang="en"`: the whole summary in English (`i18n.py`), `<html lang="en">` when standalone.
    """
    lang = i18n.language(lang)
    summary = i18n.localise(summary, lang)
    _ = i18n.translations(lang).gettext
    template = environment(lang).get_template("summary.html")
    return template.render(
        lang=lang,
        unverified=_(UNVERIFIED),
        s=summary,
        headline=summary.headline.as_dict(),
        labels={key: _(text) for key, text in HEADLINE.items()},
        # "heraf …" rows are parts of the row above them, indented.
        parts={key for key, text in HEADLINE.items() if text.startswith("heraf")},
        changes=changes(summary),
        charts=_charts(summary, lang),
        standalone=standalone,
        # Our own file, and a footer rule whose text has no quote or backslash left in it.
        css=Markup(stylesheet() + page_numbers(lang)) if css_href is None else None,  # noqa: S704
        css_href=css_href,
        for_print=for_print,
    )


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the summary PDF fetches nothing ({url})")


def to_pdf(summary: Summary, lang: str = "da") -> bytes:
    """An A4 PDF with page numbers and the audit-chain head on every page."""
    from weasyprint import HTML

    html = to_html(summary, standalone=True, for_print=True, lang=lang)
    # PDF/UA-1: a tagged structure tree for screen readers, with the title and the
    # language taken from <title> and <html lang="da"> (or "en").
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf(
        pdf_variant="pdf/ua-1", custom_metadata=True
    )
    return pdf


def render(summary: Summary, fmt: str, lang: str = "da") -> bytes:
    if fmt == "json":
        return (json.dumps(to_dict(summary), indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "csv":
        return to_csv(summary).encode()
    if fmt == "html":
        return to_html(summary, lang=lang).encode()
    if fmt == "pdf":
        return to_pdf(summary, lang)
    raise ValueError(f"unknown format {fmt!r}")
