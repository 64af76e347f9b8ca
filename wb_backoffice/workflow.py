"""Blueprint "workflow": the acts after triage, one small view per act.

Each view parses its form, calls one service function inside `transaction()`, and
redirects to the case page; an act on a matter returns where the matter sits
(`matters.MatterRef`), so the view loads nothing itself. Refusals (PolicyViolation,
WorkflowError) reach the user through the app's error handler with their paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

import policies
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.services import acknowledgement, case_page, closing, outcomes, requests
from wb_cases.services import retaliation as retaliation_service
from wb_cases.services.matters import MatterRef, find_matter, load_matter
from wb_cases.web.database import backend, db_session

from . import forms, refusals
from .auth import UNIT, current_keys, staff_required
from .env import deadline_settings, today, unit_options

bp = Blueprint("workflow", __name__)
T = TypeVar("T")


def _back(case_id: str, anchor: str = "") -> Any:
    return redirect(url_for("cases.detail", case_id=case_id, _anchor=anchor or None))


def _run(act: Callable[[Any], T]) -> T:
    session = db_session()
    with transaction(session):
        return act(session)


def _to_matter(ref: MatterRef) -> Any:
    return _back(ref.case_id, ref.anchor)


def _where(matter_id: int) -> MatterRef:
    """Where the matter sits, when the form did not let the view act (404 if it is gone)."""
    return find_matter(db_session(), matter_id)


def _not_recorded(form: FlaskForm, matter_id: int) -> Any:
    """Back to the matter with what the form lacks: nothing was recorded, and staff see why."""
    missing = [str(field.label.text) for field in form if field.errors]
    flash(
        _("Intet er registreret. Udfyld: %(fields)s.", fields=", ".join(missing))
        if missing
        else _("Intet er registreret. Prøv igen."),
        "error",
    )
    return _to_matter(_where(matter_id))


def _bool(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get(value or "")


@bp.post("/cases/<case_id>/acknowledge")
@staff_required(*UNIT)
def acknowledge(staff: Staff, case_id: str) -> Any:
    form = forms.AcknowledgeForm()
    if form.validate_on_submit():
        _run(
            lambda s: acknowledgement.acknowledge_case(
                s,
                backend().file_store,
                current_keys(),
                case_id,
                staff_id=staff.id,
                employee=bool(form.employee.data),
                personal=form.personal.data or "",
                today=today(),
                settings=deadline_settings(),
            )
        )
        flash(_("Kvitteringen er sendt; fristen for tilbagemelding er 3 måneder fra i dag."))
    return _back(case_id)


@bp.post("/cases/<case_id>/feedback")
@staff_required(*UNIT)
def feedback(staff: Staff, case_id: str) -> Any:
    form = forms.FeedbackForm()
    if form.validate_on_submit():
        _run(
            lambda s: acknowledgement.send_feedback(
                s,
                backend().file_store,
                current_keys(),
                case_id,
                form.text.data or "",
                staff_id=staff.id,
                today=today(),
            )
        )
        flash(_("Tilbagemeldingen er sendt."))
    return _back(case_id, "messages")


@bp.post("/matters/<int:matter_id>/request")
@staff_required(*UNIT)
def request_statement(staff: Staff, matter_id: int) -> Any:
    """§ 14/§ 15: a request to the administration, answer within three weeks."""
    forms.ActionForm()
    request = _run(
        lambda s: requests.send_request(
            s, matter_id, staff_id=staff.id, today=today(), settings=deadline_settings()
        )
    )
    flash(
        _("Anmodningen til forvaltningen er registreret; svarfristen er %(day)s.", day=request.due)
    )
    return _back(request.case_id, "deadlines")


@bp.post("/matters/<int:matter_id>/hearing")
@staff_required(*UNIT)
def hearing(staff: Staff, matter_id: int) -> Any:
    """§ 19 stk. 2: the administration's chance to comment before criticism."""
    request = _run(
        lambda s: requests.send_request(
            s,
            matter_id,
            staff_id=staff.id,
            today=today(),
            settings=deadline_settings(),
            hearing=True,
        )
    )
    flash(_("Høringen af forvaltningen er registreret; svarfristen er %(day)s.", day=request.due))
    return _back(request.case_id, "deadlines")


@bp.post("/cases/<case_id>/deadlines/<int:deadline_id>/answered")
@staff_required(*UNIT)
def answered(staff: Staff, case_id: str, deadline_id: int) -> Any:
    case_page.deadline_of_case(db_session(), case_id, deadline_id)
    _run(lambda s: requests.record_answer(s, deadline_id, staff_id=staff.id, today=today()))
    return _back(case_id, "deadlines")


@bp.post("/cases/<case_id>/deadlines/<int:deadline_id>/extend")
@staff_required(*UNIT)
def extend(staff: Staff, case_id: str, deadline_id: int) -> Any:
    case_page.deadline_of_case(db_session(), case_id, deadline_id)
    form = forms.ExtensionForm()
    new_due = form.new_due.data if form.validate_on_submit() else None
    if new_due is not None:
        _run(
            lambda s: requests.extend_request(
                s,
                deadline_id,
                kind=policies.ExtensionKind(form.kind.data),
                new_due=new_due,
                reason_given=bool(form.reason_given.data),
                staff_id=staff.id,
                today=today(),
                settings=deadline_settings(),
            )
        )
    else:
        flash(_("Angiv en ny frist."), "error")
    return _back(case_id, "deadlines")


@bp.post("/cases/<case_id>/deadlines/<int:deadline_id>/remind")
@staff_required(*UNIT)
def remind(staff: Staff, case_id: str, deadline_id: int) -> Any:
    case_page.deadline_of_case(db_session(), case_id, deadline_id)
    _run(
        lambda s: outcomes.remind_instance(
            s, deadline_id, staff_id=staff.id, today=today(), settings=deadline_settings()
        )
    )
    return _back(case_id, "deadlines")


@bp.post("/matters/<int:matter_id>/outcome")
@staff_required(*UNIT)
def outcome(staff: Staff, matter_id: int) -> Any:
    """§ 24f: record the outcome of an own investigation (the § 19 stk. 2 guard applies)."""
    form = forms.OutcomeForm()
    if not form.validate_on_submit():
        return _not_recorded(form, matter_id)
    ref = _run(
        lambda s: outcomes.record_outcome(
            s,
            matter_id,
            outcomes=[policies.Outcome(o) for o in form.outcomes.data or []],
            confirmed=_bool(form.confirmed.data),
            consequences=[policies.Consequence(c) for c in form.consequences.data or []],
            major_significance=bool(form.major_significance.data),
            criticism_level=(
                policies.CriticismLevel(form.criticism_level.data)
                if form.criticism_level.data
                else None
            ),
            staff_id=staff.id,
            today=today(),
            options=unit_options(),
            settings=deadline_settings(),
        )
    )
    flash(_("Udfaldet er registreret."))
    return _to_matter(ref)


@bp.post("/matters/<int:matter_id>/instance-outcome")
@staff_required(*UNIT)
def instance_outcome(staff: Staff, matter_id: int) -> Any:
    """§ 24g: the instance the matter was forwarded to reports its outcome."""
    form = forms.InstanceOutcomeForm()
    if not form.validate_on_submit():
        return _not_recorded(form, matter_id)
    recorded = _run(
        lambda s: outcomes.record_instance_outcome(
            s,
            matter_id,
            confirmed=_bool(form.confirmed.data),
            consequences=[policies.Consequence(c) for c in form.consequences.data or []],
            major_significance=bool(form.major_significance.data),
            inform_committee=bool(form.inform_committee.data),
            staff_id=staff.id,
            today=today(),
        )
    )
    flash(_("Udfaldet fra den anden instans er registreret."))
    return _to_matter(recorded.matter)


@bp.post("/matters/<int:matter_id>/administration-report")
@staff_required(*UNIT)
def administration_report(staff: Staff, matter_id: int) -> Any:
    """§ 24d stk. 2: the administration's account arrived."""
    forms.ActionForm()
    ref = _run(
        lambda s: outcomes.record_administration_report(
            s, matter_id, staff_id=staff.id, today=today()
        )
    )
    flash(_("Forvaltningens redegørelse er registreret."))
    return _to_matter(ref)


@bp.post("/matters/<int:matter_id>/compliance")
@staff_required(*UNIT)
def compliance(staff: Staff, matter_id: int) -> Any:
    form = forms.ComplianceForm()
    if not form.validate_on_submit():
        return _not_recorded(form, matter_id)
    ref = _run(
        lambda s: outcomes.record_compliance(
            s,
            matter_id,
            policies.ComplianceStatus(form.status.data),
            staff_id=staff.id,
            today=today(),
            notify_committee=bool(form.notify_committee.data),
        )
    )
    return _to_matter(ref)


@bp.get("/matters/<int:matter_id>/close")
@staff_required(*UNIT)
def confirm_close_matter(staff: Staff, matter_id: int) -> Any:
    """Closing a matter cannot be undone: ask first, on a page of its own."""
    matter = load_matter(db_session(), matter_id)
    return render_template(
        "workflow/confirm.html",
        title=_("Luk forhold %(seq)d?", seq=matter.seq),
        consequence=_(
            "Når forholdet er lukket, kan der ikke registreres mere på det. Det kan ikke fortrydes."
        ),
        action=url_for("workflow.close_matter", matter_id=matter_id),
        button=_("Ja, luk forholdet"),
        button_name=f"close-matter-{matter.seq}",
        back=url_for("cases.detail", case_id=matter.case_id, _anchor=f"matter-{matter.seq}"),
    )


@bp.post("/matters/<int:matter_id>/close")
@staff_required(*UNIT)
def close_matter(staff: Staff, matter_id: int) -> Any:
    ref = _run(lambda s: closing.close_matter(s, matter_id, staff_id=staff.id, today=today()))
    flash(_("Forhold %(seq)d er lukket.", seq=ref.seq))
    return _to_matter(ref)


@bp.post("/cases/<case_id>/retaliation")
@staff_required(*UNIT)
def retaliation(staff: Staff, case_id: str) -> Any:
    form = forms.RetaliationForm()
    if form.validate_on_submit():
        _run(
            lambda s: retaliation_service.flag_retaliation(
                s,
                case_id,
                to_mayor=bool(form.to_mayor.data),
                staff_id=staff.id,
                today=today(),
                settings=deadline_settings(),
            )
        )
    return _back(case_id, "deadlines")


@bp.post("/cases/<case_id>/retaliation/notified")
@staff_required(*UNIT)
def retaliation_notified(staff: Staff, case_id: str) -> Any:
    _run(
        lambda s: retaliation_service.record_retaliation_notice(
            s, case_id, staff_id=staff.id, today=today()
        )
    )
    return _back(case_id, "deadlines")


@bp.get("/cases/<case_id>/close")
@staff_required(*UNIT)
def confirm_close_case(staff: Staff, case_id: str) -> Any:
    """Closing the case ends its deadlines and starts the retention period: ask first."""
    return render_template(
        "workflow/confirm.html",
        title=_("Afslut sagen?"),
        consequence=_(
            "Sagens åbne frister afsluttes, og opbevaringsperioden begynder. "
            "Skriver indberetteren igen, genåbnes sagen."
        ),
        action=url_for("workflow.close_case", case_id=case_id),
        button=_("Ja, afslut sagen"),
        button_name="close-case",
        back=url_for("cases.detail", case_id=case_id),
    )


@bp.post("/cases/<case_id>/close")
@staff_required(*UNIT)
def close_case(staff: Staff, case_id: str) -> Any:
    try:
        _run(lambda s: closing.close_case(s, case_id, staff_id=staff.id, today=today()))
    except policies.PolicyViolation as refused:
        if refused.code is not policies.Refusal.FEEDBACK_OWED:
            raise
        flash(
            _(
                "Sagen kan ikke afsluttes endnu. %(why)s",
                why=refusals.explain(refused, cite=True),
            )
        )
        return _back(case_id, "deadlines")
    flash(_("Sagen er afsluttet."))
    return _back(case_id)
