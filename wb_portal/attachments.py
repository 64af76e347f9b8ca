"""Turn the request's encrypted uploads into cleaned, staged files for a service."""

from __future__ import annotations

from flask import current_app, request

from wb_cases.services.sanitize import clean_staged, keep_as_sent
from wb_cases.storage import StagedFile
from wb_cases.web.database import backend
from wb_cases.web.uploads import forget_staged, staged_files


def prepare_attachments() -> list[StagedFile]:
    """Clean what the reporter asked us to clean; keep the rest as sent; say which is which."""
    limit = current_app.extensions["wb_uploads"].max_bytes
    file_store = backend().file_store
    cleaned = [
        clean_staged(file_store, f, limit=limit)
        for f in staged_files(request.files.getlist("attachments"))
    ]
    kept = [keep_as_sent(f) for f in staged_files(request.files.getlist("originals"))]
    forget_staged([f.blob_id for f in cleaned])  # swept at teardown unless a case took them
    return cleaned + kept
