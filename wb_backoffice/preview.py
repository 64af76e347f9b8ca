"""Blueprint "preview": safe previews of attachments, safe copies, originals behind a warning.

Pages are rendered in the sandbox (wb_cases.services.preview) and served from
here only to unit members who may open the case; every download of an original
is in the audit log (docs/previews.md).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, redirect, render_template, url_for

from wb_cases.db import transaction
from wb_cases.models import Staff
from wb_cases.services import audit
from wb_cases.services import preview as previews
from wb_cases.web.database import backend, db_session

from .auth import UNIT, current_keys, staff_required
from .cases import download_response
from .env import cfg, today

bp = Blueprint("preview", __name__)


@bp.get("/cases/<case_id>/files/<file_id>/preview")
@staff_required(*UNIT)
def show(staff: Staff, case_id: str, file_id: str) -> Any:
    """The file page by page with its text; rendered in the sandbox on the first visit."""
    session = db_session()
    with transaction(session):
        view = previews.preview_for_staff(
            session,
            backend().file_store,
            current_keys(),
            case_id,
            file_id,
            ocr=cfg().common.preview_ocr,
        )
    return render_template(
        "preview/show.html", case_id=case_id, view=view, max_pages=previews.MAX_PAGES
    )


@bp.post("/cases/<case_id>/files/<file_id>/preview/retry")
@staff_required(*UNIT)
def retry(staff: Staff, case_id: str, file_id: str) -> Any:
    """Try a file that could not be shown once more (CSRF-checked like every form)."""
    session = db_session()
    with transaction(session):
        previews.forget_failed_preview(session, current_keys(), case_id, file_id)
    return redirect(url_for("preview.show", case_id=case_id, file_id=file_id))


@bp.get("/cases/<case_id>/files/<file_id>/pages/<int:number>.png")
@staff_required(*UNIT)
def page(staff: Staff, case_id: str, file_id: str, number: int) -> Response:
    """One page image: pixels re-encoded in the sandbox, served as PNG only."""
    image = previews.page_image(db_session(), current_keys(), case_id, file_id, number)
    response = Response(image, mimetype="image/png")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/cases/<case_id>/files/<file_id>/safe-copy")
@staff_required(*UNIT)
def safe_copy(staff: Staff, case_id: str, file_id: str) -> Response:
    """The PDF rebuilt from the page images: safe to open, print or pass on."""
    session = db_session()
    with transaction(session):
        copy = previews.safe_copy(
            session,
            backend().file_store,
            current_keys(),
            case_id,
            file_id,
            ocr=cfg().common.preview_ocr,
        )
        audit.record_action(
            session,
            staff.id,
            "attachment.safe_copy_downloaded",
            today(),
            case_id=case_id,
            detail={"file": file_id},
        )
    return download_response(copy.data, copy.filename, "application/pdf")


@bp.get("/cases/<case_id>/files/<file_id>/original")
@staff_required(*UNIT)
def original(staff: Staff, case_id: str, file_id: str) -> Any:
    """A warning before the original: it may carry macros or exploits for the staff PC."""
    attachment, has_safe_copy = previews.attachment_for_staff(
        db_session(), current_keys(), case_id, file_id
    )
    return render_template(
        "preview/original.html",
        case_id=case_id,
        attachment=attachment,
        has_safe_copy=has_safe_copy,
    )


@bp.app_template_global("stored_previews")
def stored_previews(case_id: str) -> dict[str, previews.PreviewView]:
    """For the case page: the previews already rendered, shown inline there."""
    return previews.stored_previews(db_session(), current_keys(), case_id)
