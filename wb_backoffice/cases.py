"""Blueprint "cases": the inbox, the case page, downloads, messages, notes."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

import policies
from wb_cases.db import transaction
from wb_cases.errors import NotFoundError
from wb_cases.models import Matter, Staff
from wb_cases.models.staff import Role
from wb_cases.services import case_page, casefile, handover, inbox, messaging
from wb_cases.web.database import backend, db_session
from wb_cases.web.uploads import staged_files

from . import forms, labels, refusals
from . import identity as identity_views
from . import major as major_views
from .auth import UNIT, current_keys, staff_required
from .env import deadline_settings, today, unit_options

bp = Blueprint("cases", __name__)


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
        number=args.get("number", "")[:32],
        owner=args.get("owner", "")[:32],
        words=args.get("words", "")[:200],
        sort=sort,
        page=args.get("page", 1, type=int) or 1,
    )
    page = inbox.list_cases(db_session(), wanted, today(), current_keys())
    return render_template(
        "cases/index.html",
        page=page,
        wanted=wanted,
        members=handover.receivers(db_session()),
        assign_form=forms.ActionForm(),
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
        "number": wanted.number,
        "owner": wanted.owner,
        "words": wanted.words,
        "sort": str(wanted.sort),
        "page": page,
    }


bp.add_app_template_global(_page_args, "inbox_args")
bp.add_app_template_global(forms.form_ids, "form_ids")


@bp.get("/cases/<case_id>")
@staff_required(*UNIT)
def detail(staff: Staff, case_id: str) -> Any:
    session = db_session()
    with transaction(session):
        page = case_page.read_case_page(
            session, current_keys(), case_id, staff_id=staff.id, today=today()
        )
        messaging.mark_read_by_unit(session, case_id)
    case = page.row
    identity_open = identity_views.open_form()
    identity_request = identity_views.request_form()
    return render_template(
        "cases/detail.html",
        case=page.file,
        row=page.row,
        matters=page.matters,
        deadlines=page.deadlines,
        names=page.names,
        staff=staff,
        labels=labels,
        today=today(),
        id_requests=page.identity_requests,
        message_form=forms.MessageForm(),
        note_form=forms.NoteForm(),
        ack_form=_acknowledge_form(page.file.report),
        next_step=case_page.next_step(page.row),
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
        impossible_form=forms.ImpossibleForm(),
        reporter_duties=policies.REPORTER_DUTY_KINDS,
        outcome_bases={m.id: outcome_bases(m) for m in case.matters},
        four_eyes=policies.needs_second_head(unit_options()),
        ack_late=case.acknowledged is not None
        and policies.acknowledgement_late(case.received, case.acknowledged, deadline_settings()),
        level=inbox.level,
        matter_seq={m.id: m.seq for m, _text in page.matters},
        **major_views.panel_context(case_id),
    )


def outcome_bases(matter: Matter) -> str:
    """§ 24f / § 24g: the citations a recorded outcome rests on, as triage shows its own."""
    if matter.outcomes:
        record = policies.OutcomeRecord(
            frozenset(policies.Outcome(o) for o in matter.outcomes),
            matter.confirmed,
            major_significance=matter.major_significance,
        )
        return "; ".join(p.cite() for p in policies.outcome_legal_bases(record))
    if matter.confirmed is not None and matter.forwarded is not None:
        return "; ".join(
            p.cite()
            for p in policies.check_instance_outcome(
                confirmed=matter.confirmed, major_significance=False
            ).legal_bases
        )
    return ""


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
    with transaction(session):
        download = case_page.open_attachment(
            session,
            backend().file_store,
            current_keys(),
            case_id,
            file_id,
            staff_id=staff.id,
            today=today(),
        )
    return download_response(download.chunks, download.name, "application/octet-stream")


def _acknowledge_form(report: dict[str, Any]) -> forms.AcknowledgeForm:
    """The acknowledgement follows the reporter's answer: an employee gets the union
    paragraph (§ 24b, stk. 2) unless staff untick it."""
    form = forms.AcknowledgeForm()
    if not form.is_submitted():
        form.employee.data = report.get("relation") == "employee"
    return form


def download_response(body: Any, filename: str, mimetype: str) -> Response:
    """A file for staff as a download, never inline: a safe name, no sniffing, a sandbox."""
    name = safe_filename(filename)
    response = Response(body, mimetype=mimetype, direct_passthrough=not isinstance(body, bytes))
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


@bp.post("/cases/assign")
@staff_required(*UNIT)
def assign(staff: Staff) -> Any:
    """Give the ticked cases to one member (or to nobody) in one go."""
    forms.ActionForm()  # CSRF is checked before we get here
    case_ids = request.form.getlist("case_id")[:200]
    assignee = request.form.get("assignee", "") or None
    session = db_session()
    try:
        with transaction(session):
            for case_id in case_ids:
                handover.assign_case(session, case_id, assignee, staff_id=staff.id, today=today())
    except handover.HandOverError as refused:
        flash(refusals.explain(refused), "error")
        return redirect(url_for("cases.index"))
    except NotFoundError:
        flash(_("Sagerne kunne ikke tildeles. Vælg en aktiv medarbejder."), "error")
        return redirect(url_for("cases.index"))
    flash(_("%(n)s sag(er) er tildelt.", n=len(case_ids)))
    return redirect(url_for("cases.index"))
