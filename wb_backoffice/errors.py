"""Error pages in the interface language: what happened, what to do, and the way back.

The policies refuse with a code and the services with short English reasons (for logs
and the CLI); staff see the Danish or English sentence for each (`refusals.py`), never
the code or the reason itself.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import RequestEntityTooLarge

import policies
from wb_cases.errors import DamagedFileError, NotFoundError, PermissionDeniedError, WbError
from wb_cases.models import Matter
from wb_cases.web import uploads
from wb_cases.web.database import db_session

from . import refusals


def back_link() -> tuple[str, str]:
    """Where the user was: the case page for a case or matter route, else the inbox."""
    args = request.view_args or {}
    case_id = args.get("case_id")
    if case_id is None and isinstance(args.get("matter_id"), int):
        try:
            matter = db_session().get(Matter, args["matter_id"])
        except SQLAlchemyError:
            matter = None
        case_id = matter.case_id if matter is not None else None
    if case_id:
        return url_for("cases.detail", case_id=case_id), _("Tilbage til sagen")
    return url_for("cases.index"), _("Til indbakken")


def page(status: int, title: str, message: str, advice: str, paragraph: str = "") -> Any:
    href, link = back_link()
    html = render_template(
        "errors/error.html",
        title=title,
        message=message,
        advice=advice,
        paragraph=paragraph,
        back_href=href,
        back_text=link,
    )
    return html, status


def register(app: Flask) -> None:
    @app.errorhandler(NotFoundError)
    @app.errorhandler(404)
    def _not_found(error: Exception) -> Any:
        return page(
            404,
            _("Siden findes ikke"),
            _("Siden eller sagen findes ikke."),
            _("Tjek sagsnummeret, eller find sagen i indbakken."),
        )

    @app.errorhandler(PermissionDeniedError)
    @app.errorhandler(403)
    def _forbidden(error: Exception) -> Any:
        return page(
            403,
            _("Ingen adgang"),
            _("Din rolle giver ikke adgang til dette."),
            _("Bed enhedslederen om hjælp, hvis du mener, at du skal kunne gøre det."),
        )

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> Any:
        uploads.drain(request, current_app.config["MAX_CONTENT_LENGTH"] or 0)  # then our page
        limits = current_app.extensions["wb_uploads"]
        return page(
            413,
            _("Filerne er for store"),
            _(
                "Filerne er for store eller for mange: højst %(files)d filer på "
                "%(mib)d MiB hver. Intet er gemt.",
                files=limits.max_files,
                mib=limits.max_bytes // (1024 * 1024),
            ),
            _("Gå tilbage, og send færre eller mindre filer."),
        )

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> Any:
        return page(
            400,
            _("Formularen var forældet"),
            _("Formularen var forældet. Gå tilbage, genindlæs siden og prøv igen."),
            _("Intet er gemt."),
        )

    @app.errorhandler(policies.PolicyViolation)
    def _policy(error: policies.PolicyViolation) -> Any:
        return page(
            409,
            _("Det kan reglerne ikke tillade"),
            refusals.explain(error),
            _("Intet er gemt. Ret det, reglen nævner, og prøv igen."),
            error.paragraph.cite(),
        )

    @app.errorhandler(DamagedFileError)
    def _damaged(error: DamagedFileError) -> Any:
        return page(
            500,
            _("Filen er beskadiget"),
            _("Filen er beskadiget og kan ikke hentes; intet af den er sendt."),
            _("Bed en administrator om at gendanne den fra en sikkerhedskopi."),
        )

    @app.errorhandler(WbError)
    def _refused(error: WbError) -> Any:
        return page(
            409,
            _("Det kan ikke lade sig gøre nu"),
            refusals.explain(error),
            _("Intet er gemt. Se sagens næste skridt på sagssiden."),
        )
