"""Blueprint "retention": the warning list of cases due for deletion, legal hold."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from wb_cases.config import RetentionConfig
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.services import legal_hold, retention
from wb_cases.web.database import db_session

from . import forms_journal as forms
from . import labels
from .auth import UNIT, staff_required
from .env import cfg, today

bp = Blueprint("retention", __name__)


def retention_config() -> RetentionConfig:
    """The WB_RETENTION_* settings, validated at start-up (wb_cases/config.py)."""
    return cfg().common.retention


@bp.get("/retention")
@staff_required(*UNIT)
def index(staff: Staff) -> Any:
    """Cases whose retention ends within the warning horizon, before `wb purge` acts."""
    config = retention_config()
    due = retention.due_for_deletion(db_session(), today(), config)
    return render_template(
        "retention/index.html",
        labels=labels,
        hold_reasons=dict(forms.HOLD_REASONS),
        due=due,
        config=config,
        today=today(),
        months={str(k): v for k, v in config.settings.months.items()},
    )


@bp.post("/cases/<case_id>/hold")
@staff_required(*UNIT)
def set_hold(staff: Staff, case_id: str) -> Any:
    form = forms.HoldForm()
    if form.validate_on_submit():
        session = db_session()
        with transaction(session):
            legal_hold.set_legal_hold(
                session,
                case_id,
                legal_hold.HoldReason(form.reason.data),
                staff_id=staff.id,
                today=today(),
            )
        flash(_("Sagen er tilbageholdt og slettes ikke, før tilbageholdelsen ophæves."))
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="journal"))


@bp.post("/cases/<case_id>/hold/lift")
@staff_required(*UNIT)
def lift_hold(staff: Staff, case_id: str) -> Any:
    FlaskForm()  # CSRFProtect has checked the token
    session = db_session()
    with transaction(session):
        legal_hold.lift_legal_hold(session, case_id, staff_id=staff.id, today=today())
    flash(_("Tilbageholdelsen er ophævet."))
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="journal"))
