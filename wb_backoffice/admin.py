"""Blueprint "admin": the head of unit adds and removes staff, resets a second factor."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from wb_cases import onion
from wb_cases.db import transaction
from wb_cases.errors import PermissionDeniedError
from wb_cases.models import Staff
from wb_cases.models.staff import Role
from wb_cases.services import onion_access, staff_auth
from wb_cases.services import sso as sso_service
from wb_cases.services import staff as staff_service
from wb_cases.web.database import db_session

from . import forms, labels
from .auth import current_keys, staff_required
from .env import cfg, today

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/staff")
@staff_required(Role.HEAD)
def staff_list(staff: Staff) -> Any:
    members = staff_service.list_staff(db_session(), active_first=True)
    return render_template(
        "admin/staff.html",
        members=members,
        onion_clients=set(onion.client_members(cfg().common.onion_paths)),
        onion_staff=onion_access.staff_onion_enabled(cfg().common.onion_paths),
        sso=cfg().sso.enabled,
        inactive=(
            sso_service.inactive_members(db_session(), cfg().sso, today())
            if cfg().sso.enabled
            else []
        ),
        inactive_days=cfg().sso.inactive_days,
        form=forms.AddStaffForm(),
        action=forms.ActionForm(),
        labels=labels,
        me=staff,
    )


@bp.post("/staff")
@staff_required(Role.HEAD)
def add(staff: Staff) -> Any:
    """Add a member; their copy of the unit key is wrapped from this head's session keys."""
    form = forms.AddStaffForm()
    if cfg().sso.enabled and form.is_submitted() and not (form.sso_subject.data or "").strip():
        flash(_("Med kommunens login skal medlemmets faste id udfyldes."), "error")
        return redirect(url_for("admin.staff_list"))
    if form.validate_on_submit():
        session = db_session()
        config = cfg()
        try:
            with transaction(session):
                staff_service.add_staff(
                    session,
                    current_keys(),
                    username=form.username.data or "",
                    display_name=form.display_name.data or "",
                    role=Role(form.role.data),
                    password=form.password.data or "",
                    pepper=config.pepper,
                    kdf=config.common.kdf,
                    today=today(),
                    staff_id=staff.id,
                    email=form.email.data or None,
                    sso_subject=(form.sso_subject.data or "").strip() or None,
                )
            flash(_("Medarbejderen er oprettet og skal skifte adgangskode ved første login."))
        except PermissionDeniedError as error:
            flash(str(error), "error")
    else:
        # Say what is wrong, field by field, in the interface language.
        for field_errors in form.errors.values():
            for error in field_errors:
                flash(str(error), "error")
    return redirect(url_for("admin.staff_list"))


def _member(member_id: str) -> Staff:
    return staff_service.load_member(db_session(), member_id)


@bp.post("/staff/<member_id>/remove")
@staff_required(Role.HEAD)
def remove(staff: Staff, member_id: str) -> Any:
    """Remove a member: their wrapped keys and sessions are deleted."""
    member = _member(member_id)
    if member.id == staff.id:
        flash(_("Du kan ikke fjerne dig selv."), "error")
        return redirect(url_for("admin.staff_list"))
    session = db_session()
    try:
        with transaction(session):
            staff_service.remove_staff(session, member.username, today=today(), staff_id=staff.id)
            onion_access.revoke_key(
                session, cfg().common.onion_paths, member.id, staff_id=staff.id, today=today()
            )
        flash(
            _(
                "Medlemmet er fjernet. Enhedens nøgler bør nu skiftes, så gamle kopier af "
                "medlemmets nøgle ikke åbner nye sager."
            )
        )
    except staff_service.CasesNotHandedOverError:
        flash(
            _("Medlemmet har stadig sager. Overdrag dem først, så kan medlemmet fjernes."), "error"
        )
    return redirect(url_for("admin.staff_list"))


@bp.post("/staff/<member_id>/reset-totp")
@staff_required(Role.HEAD)
def reset_totp(staff: Staff, member_id: str) -> Any:
    member = _member(member_id)
    session = db_session()
    with transaction(session):
        staff_auth.reset_second_factor(session, member, staff_id=staff.id, today=today())
    return redirect(url_for("admin.staff_list"))


@bp.post("/staff/<member_id>/onion-key")
@staff_required(Role.HEAD)
def issue_onion_key(staff: Staff, member_id: str) -> Any:
    """Issue a member's key for the back office's onion service; the line is shown once."""
    member = _member(member_id)
    if not member.active:
        abort(404)
    session = db_session()
    try:
        with transaction(session):
            line = onion_access.issue_key(
                session, cfg().common.onion_paths, member.id, staff_id=staff.id, today=today()
            )
    except onion.OnionError:
        flash(_("Bagkontoret er ikke sat op som onion-tjeneste."), "error")
        return redirect(url_for("admin.staff_list"))
    return render_template("admin/onion_key.html", member=member, line=line)


@bp.post("/staff/<member_id>/onion-key/revoke")
@staff_required(Role.HEAD)
def revoke_onion_key(staff: Staff, member_id: str) -> Any:
    member = _member(member_id)
    session = db_session()
    with transaction(session):
        revoked = onion_access.revoke_key(
            session, cfg().common.onion_paths, member.id, staff_id=staff.id, today=today()
        )
    if revoked:
        flash(_("Nøglen til fjernadgang via Tor er trukket tilbage."))
    return redirect(url_for("admin.staff_list"))
