"""Blueprint "identity": register identity requests; the head of unit opens an identity.

Opening needs a written justification (§ 24a, stk. 2); with the four-eyes option a second
head approves first; a disclosure outside the unit tells the reporter first or records why
not (Whistleblower Act § 26, stk. 3). Each view calls one service and renders or redirects.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

import policies
from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import identity
from wb_cases.services.identity import IdentityReason, RequestDecision, RequesterKind
from wb_cases.web.database import db_session

from . import forms, labels
from .auth import UNIT, current_keys, staff_required
from .env import today, unit_options

bp = Blueprint("identity", __name__)


def open_form() -> forms.IdentityOpenForm:
    form = forms.IdentityOpenForm()
    form.reason.choices = forms.ch(
        [(str(r), labels.label(labels.ID_BASES, str(r))) for r in IdentityReason]
    )
    return form


def request_form() -> forms.IdentityRequestForm:
    form = forms.IdentityRequestForm()
    form.requester.choices = forms.ch(
        [(str(r), labels.label(labels.ID_REQUESTERS, str(r))) for r in RequesterKind]
    )
    form.basis.choices = forms.ch(
        [(str(r), labels.label(labels.ID_BASES, str(r))) for r in IdentityReason]
    )
    form.decision.choices = forms.ch(
        [(str(r), labels.label(labels.ID_DECISIONS, str(r))) for r in RequestDecision]
    )
    return form


def _back(case_id: str) -> Any:
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="identity"))


@bp.post("/cases/<case_id>/identity")
@staff_required(Role.HEAD)
def open(staff: Staff, case_id: str) -> Any:  # noqa: A001 - the endpoint is identity.open
    """Ask to open the identity; without four eyes it opens at once."""
    form = open_form()
    if not form.validate_on_submit():
        flash(_("Skriv en begrundelse for at åbne identiteten."))
        return _back(case_id)
    options = unit_options()
    session = db_session()
    with transaction(session):
        asked = identity.request_opening(
            session,
            current_keys(),
            case_id,
            staff_id=staff.id,
            reason=IdentityReason(form.reason.data),
            justification=form.justification.data or "",
            today=today(),
            options=options,
            outside_unit=bool(form.outside_unit.data),
            reporter_told=bool(form.reporter_told.data),
            withheld_reason=form.withheld_reason.data or "",
        )
        if policies.needs_second_head(options):
            shown = None
        else:
            shown = identity.open_identity(
                session, current_keys(), asked.id, staff_id=staff.id, today=today(), options=options
            )
    if shown is None:
        flash(_("Anmodningen venter på godkendelse fra en anden enhedsleder."))
        return _back(case_id)
    return render_template("identity/open.html", identity=shown, case_id=case_id)


@bp.post("/cases/<case_id>/identity/<int:request_id>/approve")
@staff_required(Role.HEAD)
def approve(staff: Staff, case_id: str, request_id: int) -> Any:
    """Four eyes: a second head of unit approves another head's request to open."""
    session = db_session()
    with transaction(session):
        identity.approve_opening(session, request_id, staff_id=staff.id, today=today())
    flash(_("Åbningen er godkendt."))
    return _back(case_id)


@bp.post("/cases/<case_id>/identity/<int:request_id>/open")
@staff_required(Role.HEAD)
def open_approved(staff: Staff, case_id: str, request_id: int) -> Any:
    """Open the identity on an approved request."""
    session = db_session()
    with transaction(session):
        shown = identity.open_identity(
            session,
            current_keys(),
            request_id,
            staff_id=staff.id,
            today=today(),
            options=unit_options(),
        )
    return render_template("identity/open.html", identity=shown, case_id=case_id)


@bp.post("/cases/<case_id>/identity-requests")
@staff_required(*UNIT)
def request(staff: Staff, case_id: str) -> Any:
    """Register a request for identifying information (§ 24a, stk. 2: about a reporter, the
    committee is told)."""
    form = request_form()
    if form.validate_on_submit():
        session = db_session()
        with transaction(session):
            identity.register_identity_request(
                session,
                case_id,
                staff_id=staff.id,
                requester=RequesterKind(form.requester.data),
                basis=IdentityReason(form.basis.data),
                decision=RequestDecision(form.decision.data),
                today=today(),
                subject=policies.IdentitySubject(form.subject.data),
            )
    return _back(case_id)
