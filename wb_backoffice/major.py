"""Blueprint "major": a major case's flag and its summary text for the annual report (§ 24h).

Parse a form, call `wb_cases.services.major_cases`, render. A text the review
refuses comes back on the same page with what the user typed and the reasons
in words; the draft is only stored when the user saves it.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from policies.publication import Finding
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import major_cases
from wb_cases.services.casefile import load_case
from wb_cases.web.database import db_session

from . import forms
from .auth import UNIT, current_keys, staff_required
from .env import language, today

bp = Blueprint("major", __name__)


def panel_context(
    case_id: str,
    form: forms.MajorSummaryForm | None = None,
    findings: tuple[Finding, ...] | None = None,
) -> dict[str, Any]:
    """What `major/_panel.html` needs: the case page and the major-case page share it."""
    view = major_cases.read_major_summary(db_session(), current_keys(), case_id)
    if form is None:
        form = forms.MajorSummaryForm(formdata=None, data={"text": view.draft})
    return {
        "major_view": view,
        "major_form": form,
        "findings": view.findings if findings is None else findings,
        "case_id": case_id,
        "lang": language(),
    }


def _page(staff: Staff, case_id: str, status: int = 200, **kwargs: Any) -> Any:
    number = load_case(db_session(), case_id).number
    context = panel_context(case_id, **kwargs)
    if not context["major_view"].major:
        abort(404)
    return render_template("major/page.html", number=number, staff=staff, **context), status


@bp.get("/cases/<case_id>/major-summary")
@staff_required(*UNIT)
def page(staff: Staff, case_id: str) -> Any:
    return _page(staff, case_id)


@bp.post("/cases/<case_id>/major-summary")
@staff_required(*UNIT)
def save(staff: Staff, case_id: str) -> Any:
    """Save the draft, or (a head of unit) approve the text as typed."""
    form = forms.MajorSummaryForm()
    if not form.validate_on_submit():
        return _page(staff, case_id, 400, form=form, findings=())
    text = form.text.data or ""
    session = db_session()
    if request.form.get("action") == "approve":
        try:
            with transaction(session):
                major_cases.approve(
                    session, current_keys(), case_id, text, staff_id=staff.id, today=today()
                )
        except major_cases.PublicationRefusedError as refused:
            flash(_("Teksten er ikke godkendt. Ret det, der er nævnt, og prøv igen."), "error")
            return _page(staff, case_id, 400, form=form, findings=refused.findings)
        flash(_("Teksten er godkendt. Udvalget ser den i opgørelsen, når sagen er afsluttet."))
        return redirect(url_for("cases.detail", case_id=case_id, _anchor="major"))
    with transaction(session):
        findings = major_cases.save_draft(
            session, current_keys(), case_id, text, staff_id=staff.id, today=today()
        )
    if findings:
        flash(_("Kladden er gemt, men teksten kan ikke godkendes endnu."), "error")
        return redirect(url_for("major.page", case_id=case_id, _anchor="major-findings"))
    flash(_("Kladden er gemt."))
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="major"))


@bp.post("/cases/<case_id>/major-summary/withdraw")
@staff_required(Role.HEAD)
def withdraw(staff: Staff, case_id: str) -> Any:
    """Withdraw the approved text: the committee's summaries no longer show it."""
    forms.ActionForm()  # CSRF is checked before we get here
    session = db_session()
    with transaction(session):
        major_cases.withdraw(session, case_id, staff_id=staff.id, today=today())
    flash(_("Godkendelsen er trukket tilbage. Udvalget ser ikke længere teksten; kladden er gemt."))
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="major"))


@bp.post("/cases/<case_id>/major")
@staff_required(Role.HEAD)
def flag(staff: Staff, case_id: str) -> Any:
    """Mark the case as major, or remove the mark (a head of unit's act)."""
    forms.ActionForm()  # CSRF is checked before we get here
    major = request.form.get("major") == "1"
    session = db_session()
    with transaction(session):
        major_cases.set_major(session, case_id, major, staff_id=staff.id, today=today())
    flash(
        _("Sagen er markeret som en større sag.")
        if major
        else _("Sagen er ikke længere markeret som en større sag.")
    )
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="major"))
