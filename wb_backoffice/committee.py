"""Blueprint "committee": the period's summary and the queued notices; never a case.

A thin view over wb_cases.summaries (docs/summaries.md): committee readers get the
committee's version (whole periods, small cells hidden); unit staff may ask for
the internal exact view of any range with `internal=1`. Downloads (pdf, csv,
json) are the same summary the `wb summary` command writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import ngettext
from markupsafe import Markup

from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import figures, notices
from wb_cases.summaries import Period, PeriodError, parse_period
from wb_cases.summaries.periods import (
    calendar_year,
    half_year,
    quarter,
    reporting_half,
    reporting_year,
)
from wb_cases.summaries.render import render, to_html
from wb_cases.summaries.render import stylesheet as summary_stylesheet
from wb_cases.web.database import db_session
from wb_cases.web.security import cacheable

from . import forms, labels
from .auth import staff_required
from .env import cfg, language, today

bp = Blueprint("committee", __name__, url_prefix="/committee")
MEDIA = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8", "json": "application/json"}


def _period(form: forms.PeriodForm) -> Period:
    """`p=2016/17` (any whole period), `from`/`to` (internal only), or the year/period form."""
    if request.args.get("p"):
        return parse_period(request.args["p"])
    if request.args.get("from") and request.args.get("to"):
        try:
            return Period(
                dt.date.fromisoformat(request.args["from"]),
                dt.date.fromisoformat(request.args["to"]),
            )
        except ValueError as error:
            raise PeriodError(f"not a date: {error}") from None
    if request.args.get("year") and not form.year.validate(form):
        # NumberRange(2000, 2100): year 1 would crash the trend periods' date arithmetic.
        raise PeriodError("the year must be between 2000 and 2100")
    year = form.year.data or today().year
    choice = form.period.data or "year"
    if choice == "ry":
        return reporting_year(year)
    if choice in ("rh1", "rh2"):
        return reporting_half(year, int(choice[2]))
    if choice in ("h1", "h2"):
        return half_year(year, int(choice[1]))
    if choice.startswith("q"):
        return quarter(year, int(choice[1]))
    return calendar_year(year)


def _summary(staff: Staff) -> tuple[Any, forms.PeriodForm]:
    form = forms.PeriodForm(request.args)
    internal = request.args.get("internal") == "1"
    if internal and staff.role == Role.COMMITTEE:
        abort(403)  # the committee sees its own version only
    session = db_session()
    try:
        period = _period(form)
        with transaction(session):
            summary = figures.read_figures(
                session,
                period,
                internal=internal,
                threshold=cfg().common.summary_threshold,
                staff_id=staff.id,
                today=today(),
                scheme_start=cfg().common.scheme_start,
            )
    except PeriodError as error:
        abort(400, description=str(error))
    return summary, form


@bp.get("/style.css")
@cacheable
def stylesheet() -> Response:
    """The summaries' own stylesheet, served from wb_cases so there is one copy."""
    return Response(summary_stylesheet(), mimetype="text/css")


@bp.get("/")
@staff_required(Role.COMMITTEE, Role.HEAD, Role.CASEWORKER)
def index(staff: Staff) -> Any:
    summary, form = _summary(staff)
    # The fragment comes from an autoescaping template; only counts and codes are in it.
    body = Markup(to_html(summary, standalone=False, css_href="", lang=language()))  # noqa: S704
    return render_template(
        "committee/index.html",
        form=form,
        summary=summary,
        body=body,
        notices=notices.list_notices(db_session()),
        labels=labels,
        me=staff,
        may_see_internal=staff.role != Role.COMMITTEE,
        query=request.query_string.decode(),
    )


@bp.post("/notices/sent")
@staff_required(Role.HEAD)
def mark_notices_sent(staff: Staff) -> Any:
    """Record that the queued notices went to the committee today (CSRF checked globally)."""
    session = db_session()
    with transaction(session):
        count = notices.mark_notices_sent(session, staff_id=staff.id, today=today())
    flash(
        ngettext(
            "%(num)d orientering er markeret som sendt.",
            "%(num)d orienteringer er markeret som sendt.",
            count,
        )
    )
    return redirect(url_for("committee.index", _anchor="notices"))


@bp.get("/summary.<fmt>")
@staff_required(Role.COMMITTEE, Role.HEAD, Role.CASEWORKER)
def download(staff: Staff, fmt: str) -> Any:
    if fmt not in MEDIA:
        abort(404)
    summary, _form = _summary(staff)
    name = f"whistleblower-{summary.period.start}-{summary.period.end}-{summary.version}.{fmt}"
    response = Response(render(summary, fmt, language()), mimetype=MEDIA[fmt])
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response.headers["Cache-Control"] = "no-store"
    return response
