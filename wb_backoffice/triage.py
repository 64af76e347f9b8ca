"""Blueprint "triage": split a report into matters; per matter facts → decision → confirm."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

import policies
from wb_cases.db import transaction
from wb_cases.errors import WorkflowError
from wb_cases.models import Staff
from wb_cases.services import triage
from wb_cases.services.matters import load_matter
from wb_cases.web.database import db_session

from . import forms, labels, refusals
from .auth import UNIT, current_keys, staff_required
from .env import deadline_settings, today, unit_options

bp = Blueprint("triage", __name__)
#: What the triage form shows as a form error: facts the engine refuses, and acts the
#: case's state does not allow. Anything else is a bug and reaches the error page.
REFUSALS = (policies.FactsFormatError, policies.PolicyViolation, WorkflowError)


@bp.post("/cases/<case_id>/split")
@staff_required(*UNIT)
def split(staff: Staff, case_id: str) -> Any:
    """Split the report into one matter per line, in one act."""
    form = forms.SplitForm()
    if form.validate_on_submit():
        titles = [t for t in (form.titles.data or "").splitlines() if t.strip()]
        session = db_session()
        with transaction(session):
            triage.split_report(
                session, current_keys(), case_id, titles, staff_id=staff.id, today=today()
            )
    else:
        flash(_("Skriv mindst ét forhold."), "error")
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="matters"))


def _form_for(matter: Any, given: dict[str, object] | None = None) -> Any:
    """The facts form: the matter's recorded facts, or on a first triage what the reporter
    already answered (`given`), which the page marks as coming from the report."""
    form = forms.facts_form_class()()
    if not form.is_submitted():
        form["anonymous"].data = "true" if matter.case.anonymous else "false"
        if not matter.facts and given:
            _fill(form, given)
        if matter.facts:
            for name, value in matter.facts.items():
                if hasattr(form, name):
                    field = getattr(form, name)
                    if isinstance(value, bool) and field.type == "SelectField":
                        field.data = "true" if value else "false"
                    elif value is not None:
                        field.data = value
    return form


def _fill(form: Any, values: dict[str, object]) -> None:
    for name, value in values.items():
        if hasattr(form, name):
            field = getattr(form, name)
            if field.type == "BooleanField":
                field.data = bool(value)
            elif isinstance(value, bool):
                field.data = "true" if value else "false"
            else:
                field.data = str(value)


@bp.get("/matters/<int:matter_id>/triage")
@staff_required(*UNIT)
def form(staff: Staff, matter_id: int) -> Any:
    matter = load_matter(db_session(), matter_id)  # 404 for a matter or case that is gone
    given = (
        {}
        if matter.facts
        else triage.reporter_given_facts(db_session(), current_keys(), matter.case_id)
    )
    return render_template(
        "triage/form.html",
        form=_form_for(matter, given),
        matter=matter,
        labels=labels,
        from_report=set(given),
    )


@bp.post("/matters/<int:matter_id>/triage/preview")
@staff_required(*UNIT)
def preview(staff: Staff, matter_id: int) -> Any:
    """Show the decision, its legal bases and explanation before staff confirm."""
    matter = load_matter(db_session(), matter_id)
    form = _form_for(matter)
    if not form.validate_on_submit():
        return render_template("triage/form.html", form=form, matter=matter, labels=labels), 400
    try:
        facts = forms.facts_from_form(form)
        decision = triage.preview_triage(facts, unit_options())
    except REFUSALS as error:
        flash(refusals.explain(error, cite=True), "error")
        return render_template("triage/form.html", form=form, matter=matter, labels=labels), 400
    return render_template(
        "triage/preview.html",
        form=form,
        matter=matter,
        decision=decision,
        labels=labels,
        fact_names=forms.FACT_NAMES,
        reasons_needed=policies.reasons_needed(facts, unit_options()),
    )


@bp.post("/matters/<int:matter_id>/triage")
@staff_required(*UNIT)
def record(staff: Staff, matter_id: int) -> Any:
    """Confirm: decide again from the same facts and record it (with any override)."""
    session = db_session()
    matter = load_matter(session, matter_id)
    form = _form_for(matter)
    if not form.validate_on_submit():
        return render_template("triage/form.html", form=form, matter=matter, labels=labels), 400
    try:
        facts = forms.facts_from_form(form)
        override = policies.Route(form.override_route.data) if form.override_route.data else None
        with transaction(session):
            triage.record_triage(
                session,
                current_keys(),
                matter.id,
                triage.TriageInput(
                    facts,
                    form.administration.data or None,
                    override,
                    form.override_reason.data or "",
                    forms.reasons_from_form(form),
                ),
                staff_id=staff.id,
                today=today(),
                options=unit_options(),
                settings=deadline_settings(),
            )
    except REFUSALS as error:
        flash(refusals.explain(error, cite=True), "error")
        return render_template("triage/form.html", form=form, matter=matter, labels=labels), 400
    flash(_("Forholdet er vurderet."))
    return redirect(url_for("cases.detail", case_id=matter.case_id, _anchor=f"matter-{matter.seq}"))
