"""Blueprint "journal": journal bundle, journal references, forwarding packages,
reports taken by staff, assignment. Thin views over wb_cases services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from wb_cases.db import transaction
from wb_cases.models import Case, Staff
from wb_cases.models.case import Channel
from wb_cases.services import forwarding_package, handover, journal, journal_bundle
from wb_cases.services.intake import Identity, IntakeKeys
from wb_cases.services.journal import JournalRow
from wb_cases.services.matters import load_matter
from wb_cases.services.minutes import MinutesState, minutes_state
from wb_cases.services.sanitize_labels import label_texts
from wb_cases.services.staff_intake import StaffReport, register_staff_report
from wb_cases.web.database import backend, db_session

from . import forms_journal as forms
from . import labels
from .auth import UNIT, current_keys, staff_required
from .env import cfg, deadline_settings, language, today

bp = Blueprint("journal", __name__)


@dataclass(frozen=True)
class Panel:
    """What the case page shows about the journal: plain fields, no decryption."""

    journal: list[JournalRow]
    open_refs: list[JournalRow]
    minutes: list[MinutesState]
    assigned: str | None
    members: list[tuple[str, str]]
    legal_hold: bool
    hold_reason: str | None
    channel: str


@bp.app_template_global("journal_panel")
def journal_panel(case: Case) -> Panel:
    session = db_session()
    rows = journal.journal_status(session, case)
    return Panel(
        rows,
        [r for r in rows if r.journal_ref is None],
        minutes_state(session, case.id),
        case.assigned_staff_id,
        handover.unit_members(session),
        case.legal_hold,
        case.legal_hold_reason,
        case.channel,
    )


@bp.app_template_global("journal_forms")
def journal_forms() -> dict[str, Any]:
    from .forms_journal import HOLD_REASONS

    return {"hold_reasons": HOLD_REASONS}


def _back(case_id: str, anchor: str = "journal") -> Any:
    return redirect(url_for("cases.detail", case_id=case_id, _anchor=anchor))


def _zip(filename: str, data: bytes) -> Response:
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/cases/<case_id>/export")
@staff_required(*UNIT)
def export(staff: Staff, case_id: str) -> Response:
    """The journal bundle as a ZIP: PDF/A, original files, metadata.json, manifest."""
    FlaskForm()  # CSRFProtect has checked the token
    session = db_session()
    with transaction(session):
        bundle = journal_bundle.build_bundle(
            session, backend().file_store, current_keys(), case_id, staff_id=staff.id, today=today()
        )
    return _zip(
        f"{journal_bundle.safe_name(bundle.number)}-journal.zip", journal_bundle.zip_bundle(bundle)
    )


@bp.post("/cases/<case_id>/journal")
@staff_required(*UNIT)
def journal_ref(staff: Staff, case_id: str) -> Any:
    form = forms.JournalForm()
    form.document.choices = journal.document_choices(db_session(), case_id)
    if form.validate_on_submit():
        session = db_session()
        with transaction(session):
            journal.record_journal_ref(
                session,
                case_id,
                form.document.data or "",
                form.journal_ref.data or "",
                staff_id=staff.id,
                today=today(),
            )
        flash(_("Journalnummeret er registreret."))
    else:
        flash(_("Vælg et dokument og skriv journalnummeret."), "error")
    return _back(case_id)


@bp.post("/cases/<case_id>/notes/<int:seq>/final")
@staff_required(*UNIT)
def note_final(staff: Staff, case_id: str, seq: int) -> Any:
    FlaskForm()  # CSRFProtect has checked the token
    session = db_session()
    with transaction(session):
        journal.mark_note_final(session, case_id, seq, staff_id=staff.id, today=today())
    return _back(case_id, "notes")


@bp.post("/cases/<case_id>/assign")
@staff_required(*UNIT)
def assign(staff: Staff, case_id: str) -> Any:
    form = forms.AssignForm()
    form.staff_id.choices = [("", "—"), *handover.unit_members(db_session())]
    if form.validate_on_submit():
        session = db_session()
        with transaction(session):
            handover.assign_case(
                session, case_id, form.staff_id.data or None, staff_id=staff.id, today=today()
            )
    return _back(case_id)


@bp.route("/matters/<int:matter_id>/forward", methods=["GET", "POST"])
@staff_required(*UNIT)
def forward(staff: Staff, matter_id: int) -> Any:
    """Choose documents; download the cleaned, renamed ZIP with its cover letter."""
    session = db_session()
    matter = load_matter(session, matter_id)
    paragraph, recipient = forwarding_package.forwarding_basis(matter)
    documents = forwarding_package.forwardable_documents(matter)
    uncleaned = forwarding_package.uncleaned_documents(matter, current_keys())
    form = forms.ForwardForm()
    form.documents.choices = [(d.ref, f"{labels.document_name(d)} ({d.day})") for d in documents]
    form.as_is.choices = [(u.ref, labels.document_name(u)) for u in uncleaned]
    status = 200
    if form.validate_on_submit() and form.documents.data:
        as_is = {ref: form.reason.data or "" for ref in form.as_is.data or []}
        try:
            with transaction(session):
                package = forwarding_package.build_forwarding_package(
                    session,
                    backend().file_store,
                    current_keys(),
                    matter_id,
                    form.documents.data,
                    staff_id=staff.id,
                    today=today(),
                    settings=deadline_settings(),
                    as_is=as_is,
                    safe_copies=bool(form.safe_copies.data),
                )
            return _zip(package.filename, package.data)
        except forwarding_package.UncleanableFileError:
            flash(
                _(
                    "En fil kunne ikke renses helt. Fjern den fra pakken, eller sæt kryds ved "
                    "»Send alligevel« og skriv en begrundelse."
                ),
                "error",
            )
            status = 409
    elif form.is_submitted():
        flash(_("Vælg mindst ét dokument."), "error")
    return render_template(
        "journal/forward.html",
        form=form,
        matter=matter,
        paragraph=paragraph,
        recipient=labels.label(labels.RECIPIENTS, str(recipient)),
        uncleaned=[(u, label_texts(u.codes, language())) for u in uncleaned],
        labels=labels,
    ), status


@bp.route("/reports/new", methods=["GET", "POST"])
@staff_required(*UNIT)
def new_report(staff: Staff) -> Any:
    """Register a report received orally, by letter or in a meeting; show the receipt once."""
    form = forms.StaffReportForm()
    if form.validate_on_submit():
        if form.confidential.data and not (form.name.data or "").strip():
            form.name.errors = [*form.name.errors, _("Skriv navnet, eller fjern krydset.")]
            return render_template("journal/new_report.html", form=form), 400
        config = cfg()
        # The keys as certified now, not at start: a key rotation takes effect at once.
        unit, custodian = config.common.paths.verified_public_keys()
        keys = IntakeKeys(unit, custodian, config.receipt_salt, config.common.kdf)
        identity = (
            Identity(form.name.data or "", form.contact.data or "")
            if form.confidential.data
            else None
        )
        report = StaffReport(
            channel=Channel(form.channel.data),
            what=form.what.data or "",
            minutes=form.minutes.data or "",
            anonymous=identity is None,
            identity=identity,
        )
        session = db_session()
        with transaction(session):
            filed = register_staff_report(
                session,
                report,
                keys,
                backend().file_store,
                current_keys(),
                staff_id=staff.id,
                today=today(),
                settings=deadline_settings(),
            )
        response = Response(render_template("journal/receipt.html", filed=filed))
        response.headers["Cache-Control"] = "no-store"
        return response
    return render_template("journal/new_report.html", form=form)
