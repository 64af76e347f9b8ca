"""Blueprint "handover": reassign all of a member's cases in one act before removal."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import handover
from wb_cases.services import staff as staff_service
from wb_cases.web.database import db_session

from . import forms_journal as forms
from . import refusals
from .auth import staff_required
from .env import today

bp = Blueprint("handover", __name__, url_prefix="/admin")


def _form(overview: handover.HandOverOverview) -> forms.HandOverForm:
    form = forms.HandOverForm()
    form.from_staff.choices = [(m.id, m.display_name) for m in overview.members]
    form.to_staff.choices = [(m.id, m.display_name) for m in overview.members if m.active]
    return form


@bp.route("/handover", methods=["GET", "POST"])
@staff_required(Role.HEAD)
def index(staff: Staff) -> Any:
    """Pick who leaves and who takes over; optionally remove the leaver in the same act."""
    session = db_session()
    overview = handover.hand_over_overview(session)
    form = _form(overview)
    if form.validate_on_submit():
        leaver = next((m for m in overview.members if m.id == form.from_staff.data), None)
        if form.remove.data and leaver is not None and leaver.id == staff.id:
            flash(_("Du kan ikke fjerne dig selv."), "error")
            return redirect(url_for("handover.index"))
        try:
            with transaction(session):
                moved = handover.hand_over_cases(
                    session,
                    form.from_staff.data or "",
                    form.to_staff.data or "",
                    staff_id=staff.id,
                    today=today(),
                )
                if form.remove.data and leaver is not None and leaver.active:
                    staff_service.remove_staff(
                        session, leaver.username, today=today(), staff_id=staff.id
                    )
        except handover.HandOverError as refused:
            flash(refusals.explain(refused), "error")
            return redirect(url_for("handover.index"))
        flash(_("%(count)d sag(er) er overdraget.", count=len(moved)))
        return redirect(url_for("handover.index"))
    return render_template(
        "handover/index.html", form=form, counts=overview.case_counts, names=overview.names
    )
