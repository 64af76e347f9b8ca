"""Blueprint "minutes": the reporter approves or corrects the minutes of a report taken by
staff (issue 9). Under /followup, so the reporter's session cookie reaches it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from wb_cases.db import transaction
from wb_cases.services import minutes
from wb_cases.web.database import backend, db_session
from wb_cases.web.env import today

from .followup import reporter_required

bp = Blueprint("minutes", __name__, url_prefix="/followup/minutes")


class CorrectionForm(FlaskForm):
    text = TextAreaField(_l("Your correction"), validators=[InputRequired(), Length(max=20_000)])


@bp.app_template_global("reporter_minutes")
def reporter_minutes() -> list[minutes.MinutesState]:
    access = g.get("access")
    return minutes.reporter_minutes(db_session(), access) if access is not None else []


@bp.post("/<int:seq>/approve")
@reporter_required
def approve(seq: int) -> Any:
    FlaskForm()  # CSRFProtect has checked the token
    session = db_session()
    with transaction(session):
        minutes.approve_minutes(session, g.access, seq, today=today())
    return redirect(url_for("followup.case", _anchor="minutes"), code=303)


@bp.post("/<int:seq>/correct")
@reporter_required
def correct(seq: int) -> Any:
    form = CorrectionForm()
    if not form.validate_on_submit():
        return redirect(url_for("followup.case", _anchor="minutes"), code=303)
    session = db_session()
    with transaction(session):
        minutes.correct_minutes(
            session,
            g.access,
            seq,
            form.text.data or "",
            backend().file_store,
            today=today(),
        )
    flash("sent")
    return redirect(url_for("followup.case", _anchor="minutes"), code=303)
