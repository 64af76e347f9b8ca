"""Turn the request's encrypted uploads into cleaned, staged files for a service."""

from __future__ import annotations

from flask import current_app, request
from werkzeug.datastructures import FileStorage

from wb_cases.services.sanitize import CleaningBudget, clean_staged, keep_as_sent
from wb_cases.storage import StagedFile
from wb_cases.web.database import backend
from wb_cases.web.uploads import forget_staged, staged_files


def clean_uploads(uploads: list[FileStorage]) -> list[StagedFile]:
    """Clean each upload; the cleaned copies are swept at teardown unless something keeps them."""
    limit = current_app.extensions["wb_uploads"].max_bytes
    file_store = backend().file_store
    budget = CleaningBudget()  # all files of this request together, within its timeout
    cleaned = [
        clean_staged(file_store, f, limit=limit, budget=budget) for f in staged_files(uploads)
    ]
    forget_staged([f.blob_id for f in cleaned])
    return cleaned


def prepare_attachments() -> list[StagedFile]:
    """Clean what the reporter asked us to clean; keep the rest as sent; say which is which."""
    cleaned = clean_uploads(request.files.getlist("attachments"))
    kept = [keep_as_sent(f) for f in staged_files(request.files.getlist("originals"))]
    return cleaned + kept
