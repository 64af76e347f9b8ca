"""Blueprint "cases": the inbox, the case page, downloads, messages, notes."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

import policies
from wb_cases.db import transaction
from wb_cases.errors import NotFoundError
from wb_cases.models import Attachment, Deadline, IdentityRequest, Staff
from wb_cases.models.staff import Role
from wb_cases.services import audit, casefile, inbox, messaging
from wb_cases.services.attachments import stream_attachment
from wb_cases.services.identity import IdentityReason, RequestDecision, RequesterKind
from wb_cases.services.triage import read_matter_text
from wb_cases.web.database import backend, db_session
from wb_cases.web.uploads import staged_files

from . import forms, labels
from .auth import current_keys, staff_required
from .env import today

bp = Blueprint("cases", __name__)
UNIT = (Role.CASEWORKER, Role.HEAD)


@bp.get("/")
@staff_required()
def index(staff: Staff) -> Any:
    """Inbox for the unit; the committee reader goes to the summaries."""
    if staff.role == Role.COMMITTEE:
        return redirect(url_for("committee.index"))
    args = request.args
    try:
        sort = inbox.Sort(args.get("sort", "next_due"))
    except ValueError:
        sort = inbox.Sort.NEXT_DUE
    statuses = ["open", "all"] + [str(s) for s in policies.CaseStatus]
    wanted = inbox.InboxFilter(
        status=args.get("status", "open") if args.get("status", "open") in statuses else "open",
        route=args.get("route", "")
        if args.get("route", "") in {str(r) for r in policies.Route}
        else "",
        administration=args.get("administration", "")[:64],
        overdue=args.get("overdue") == "1",
        sort=sort,
        page=args.get("page", 1, type=int) or 1,
    )
    page = inbox.list_cases(db_session(), wanted, today())
    return render_template(
        "cases/index.html",
        page=page,
        wanted=wanted,
        statuses=statuses,
        routes=[str(r) for r in policies.Route],
        sorts=list(inbox.Sort),
        labels=labels,
        today=today(),
    )


def _page_args(wanted: inbox.InboxFilter, page: int) -> dict[str, Any]:
    return {
        "status": wanted.status,
        "route": wanted.route,
        "administration": wanted.administration,
        "overdue": "1" if wanted.overdue else "",
        "sort": str(wanted.sort),
        "page": page,
    }


bp.add_app_template_global(_page_args, "inbox_args")
bp.add_app_template_global(forms.form_ids, "form_ids")


@bp.get("/cases/<case_id>")
@staff_required(*UNIT)
def detail(staff: Staff, case_id: str) -> Any:
    session = db_session()
    keys = current_keys()
    casefile_view = casefile.read_case_as_staff(session, keys, case_id)
    case = casefile.load_case(session, case_id)
    staff_key = casefile.staff_key_for_staff(case, keys)
    matters = [(m, read_matter_text(case.id, m, staff_key)) for m in case.matters]
    deadlines = sorted(case.deadlines, key=lambda d: (d.done is not None, d.due or today()))
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    id_requests = list(
        session.scalars(
            select(IdentityRequest)
            .where(IdentityRequest.case_id == case.id)
            .order_by(IdentityRequest.id)
        )
    )
    with transaction(session):
        audit.record_action(session, staff.id, "case.viewed", today(), case_id=case.id)
        messaging.mark_read_by_unit(session, case.id)
    identity_open = forms.IdentityOpenForm()
    identity_open.reason.choices = forms.ch(labels.choices(labels.IDENTITY_REASONS, IdentityReason))
    identity_request = forms.IdentityRequestForm()
    identity_request.requester.choices = forms.ch(labels.choices(labels.REQUESTERS, RequesterKind))
    identity_request.basis.choices = forms.ch(
        labels.choices(labels.IDENTITY_REASONS, IdentityReason)
    )
    identity_request.decision.choices = forms.ch(
        labels.choices(labels.REQUEST_DECISIONS, RequestDecision)
    )
    return render_template(
        "cases/detail.html",
        case=casefile_view,
        row=case,
        matters=matters,
        deadlines=deadlines,
        names=names,
        staff=staff,
        labels=labels,
        today=today(),
        id_requests=id_requests,
        message_form=forms.MessageForm(),
        note_form=forms.NoteForm(),
        ack_form=forms.AcknowledgeForm(),
        feedback_form=forms.FeedbackForm(),
        split_form=forms.SplitForm(),
        action=forms.ActionForm(),
        extension_form=forms.ExtensionForm(),
        outcome_form=forms.OutcomeForm(),
        instance_form=forms.InstanceOutcomeForm(),
        compliance_form=forms.ComplianceForm(),
        retaliation_form=forms.RetaliationForm(),
        identity_open=identity_open,
        identity_request=identity_request,
        level=inbox.level,
        matter_seq={m.id: m.seq for m in case.matters},
    )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """A download name that no browser or shell can misread: ASCII, no path, no dot-start."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", ascii_name).strip("._")[:100]
    return cleaned or "vedhaeftning.bin"


@bp.get("/cases/<case_id>/files/<file_id>")
@staff_required(*UNIT)
def attachment(staff: Staff, case_id: str, file_id: str) -> Response:
    """Stream a decrypted attachment as a download, never inline, with a neutral type."""
    session = db_session()
    case = casefile.load_case(session, case_id)
    row = session.get(Attachment, file_id)
    if row is None or row.case_id != case.id:
        raise NotFoundError("no such file")
    case_key = casefile.case_key_for_staff(case, current_keys())
    from wb_cases.services.attachments import describe

    name = safe_filename(describe(row, case_key).name)
    with transaction(session):
        audit.record_action(
            session,
            staff.id,
            "attachment.downloaded",
            today(),
            case_id=case.id,
            detail={"file": row.id},
        )
    chunks = stream_attachment(backend().file_store, row, case_key)
    response = Response(chunks, mimetype="application/octet-stream", direct_passthrough=True)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@bp.post("/cases/<case_id>/messages")
@staff_required(*UNIT)
def send_message(staff: Staff, case_id: str) -> Any:
    form = forms.MessageForm()
    if form.validate_on_submit():
        session = db_session()
        # Staff files go as sent: no cleaning, the unit's own documents.
        files = staged_files(request.files.getlist("attachments"))
        with transaction(session):
            casefile.add_unit_message(
                session,
                backend().file_store,
                current_keys(),
                case_id,
                form.text.data or "",
                staff_id=staff.id,
                today=today(),
                attachments=files,
            )
        flash(_("Beskeden er sendt. Indberetteren ser den på portalen."))
    else:
        flash(_("Skriv en besked."), "error")
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="messages"))


@bp.post("/cases/<case_id>/notes")
@staff_required(*UNIT)
def add_note(staff: Staff, case_id: str) -> Any:
    form = forms.NoteForm()
    if form.validate_on_submit():
        session = db_session()
        with transaction(session):
            casefile.add_note(
                session,
                current_keys(),
                case_id,
                form.text.data or "",
                staff_id=staff.id,
                today=today(),
            )
    else:
        flash(_("Skriv en note."), "error")
    return redirect(url_for("cases.detail", case_id=case_id, _anchor="notes"))


def deadline_of_case(case_id: str, deadline_id: int) -> Deadline:
    row = db_session().get(Deadline, deadline_id)
    if row is None or row.case_id != case_id:
        abort(404)
    return row
