"""Blueprint "reporter_duties": § 24b, stk. 1 in the back office.

Record that a duty towards the reporter cannot be carried out ("om muligt"), and reopen or
keep closed a case the reporter wrote to after it closed. One service call per view.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _

import policies
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.services import case_page, reporter_duties
from wb_cases.web.database import db_session

from . import forms
from .auth import UNIT, current_keys, staff_required
from .env import deadline_settings, today

bp = Blueprint("reporter_duties", __name__)


def _back(case_id: str, anchor: str) -> Any:
    return redirect(url_for("cases.detail", case_id=case_id, _anchor=anchor))


@bp.post("/cases/<case_id>/deadlines/<int:deadline_id>/impossible")
@staff_required(*UNIT)
def impossible(staff: Staff, case_id: str, deadline_id: int) -> Any:
    """§ 24b, stk. 1: the reporter cannot be reached; the duty stops being due."""
    case_page.deadline_of_case(db_session(), case_id, deadline_id)
    form = forms.ImpossibleForm()
    if not form.validate_on_submit():
        flash(_("Skriv med dine egne ord, hvorfor indberetteren ikke kan nås."))
        return _back(case_id, "deadlines")
    session = db_session()
    with transaction(session):
        reporter_duties.record_impossibility(
            session,
            current_keys(),
            deadline_id,
            reason=policies.NoWayBack(form.reason.data),
            text=form.text.data or "",
            staff_id=staff.id,
            today=today(),
        )
    flash(_("Det er registreret, at pligten ikke kan opfyldes, og hvorfor."))
    return _back(case_id, "deadlines")


@bp.post("/cases/<case_id>/reopen")
@staff_required(*UNIT)
def reopen(staff: Staff, case_id: str) -> Any:
    """Reopen a closed case the reporter wrote to; feedback is owed again."""
    forms.ActionForm()
    session = db_session()
    with transaction(session):
        reporter_duties.reopen_case(
            session, case_id, staff_id=staff.id, today=today(), settings=deadline_settings()
        )
    flash(_("Sagen er genåbnet; indberetteren skal have en tilbagemelding."))
    return _back(case_id, "matters")


@bp.post("/cases/<case_id>/keep-closed")
@staff_required(*UNIT)
def keep_closed(staff: Staff, case_id: str) -> Any:
    """Staff have read the reporter's input and keep the case closed."""
    session = db_session()
    with transaction(session):
        reporter_duties.keep_closed(session, case_id, staff_id=staff.id, today=today())
    flash(_("Sagen forbliver afsluttet."))
    return _back(case_id, "messages")
