"""Blueprint "identity": register identity requests; the head of unit opens an identity."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, url_for

from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import identity
from wb_cases.services.identity import IdentityReason, RequestDecision, RequesterKind
from wb_cases.web.database import db_session

from . import forms, labels
from .auth import current_keys, staff_required
from .env import today

bp = Blueprint("identity", __name__)


@bp.post("/cases/<case_id>/identity")
@staff_required(Role.HEAD)
def open(staff: Staff, case_id: str) -> Any:  # noqa: A001 - the endpoint is identity.open
    """Open a confidential reporter's identity (head of unit; reason; audited; notified)."""
    form = forms.IdentityOpenForm()
    form.reason.choices = forms.ch(labels.choices(labels.IDENTITY_REASONS, IdentityReason))
    if not form.validate_on_submit():
        return redirect(url_for("cases.detail", case_id=case_id))
    session = db_session()
    with transaction(session):
        shown = identity.open_identity(
            session,
            current_keys(),
            case_id,
            staff_id=staff.id,
            reason=IdentityReason(form.reason.data),
            today=today(),
        )
    return render_template("identity/open.html", identity=shown, case_id=case_id)


@bp.post("/cases/<case_id>/identity-requests")
@staff_required(Role.CASEWORKER, Role.HEAD)
def request(staff: Staff, case_id: str) -> Any:
    """Register a request for the reporter's identity (§ 24a stk. 2: committee informed)."""
    form = forms.IdentityRequestForm()
    form.requester.choices = forms.ch(labels.choices(labels.REQUESTERS, RequesterKind))
    form.basis.choices = forms.ch(labels.choices(labels.IDENTITY_REASONS, IdentityReason))
    form.decision.choices = forms.ch(labels.choices(labels.REQUEST_DECISIONS, RequestDecision))
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
            )
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="identity"))
