"""Blueprint "committee": figures for whole periods and queued notices; never a case.

Design.md § 6: the committee's figures are for whole months, quarters, half-years and
years only, and small cells (1 or 2) are shown as "< 3".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, render_template, request

from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import audit, figures, notices
from wb_cases.web.database import db_session

from . import forms
from .auth import staff_required
from .env import today

bp = Blueprint("committee", __name__, url_prefix="/committee")
SMALL = 3

PERIODS = {"year": (1, 12), "h1": (1, 6), "h2": (7, 12), "q1": (1, 3), "q2": (4, 6),
           "q3": (7, 9), "q4": (10, 12)}


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    first, last = PERIODS.get(period, PERIODS["year"])
    end = (dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def suppress(value: int, role: str) -> str:
    if role == Role.COMMITTEE and 0 < value < SMALL:
        return f"< {SMALL}"
    return str(value)


@bp.get("/")
@staff_required(Role.COMMITTEE, Role.HEAD, Role.CASEWORKER)
def index(staff: Staff) -> Any:
    form = forms.PeriodForm(request.args)
    year = form.year.data or today().year
    start, end = period_bounds(year, form.period.data or "year")
    session = db_session()
    counts = figures.count_figures(session, start, end)
    shown = {k: suppress(v, staff.role) for k, v in counts.items()}
    _seq, head = audit.head(session)
    with transaction(session):
        audit.record_action(session, staff.id, "figures.viewed", today(),
                            detail={"from": start.isoformat(), "to": end.isoformat()})
    return render_template("committee/index.html", form=form, figures=shown, start=start,
                           end=end, notices=notices.list_notices(session), head=head,
                           keys=figures.KEYS)
