"""The file review the report and a follow-up message share (docs/security.md, Files).

With files, "Send" first leads to a page that says what cleaning found and did
in each file. The cleaned files wait in a sealed draft (`wb_cases.services.drafts`)
whose secret is in a cookie scoped to the form's path; the reporter sends each
file, leaves it out, or replaces one cleaning could not check. A file nobody
decided on is never sent.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import TypeVar

from flask import current_app, request
from werkzeug.wrappers import Response as BaseResponse

from wb_cases.services.drafts import OpenDraft
from wb_cases.storage import StagedFile

from .attachments import clean_uploads
from .texts import needs_decision

COOKIE = "wb_draft"
SHOWN_FIELD = "draft"  # the review form's field naming the files the page showed
R = TypeVar("R", bound=BaseResponse)
SEND, LEAVE = "send", "leave"


def draft_cookie(response: R, secret: str | None, path: str) -> R:
    """Set the draft's secret for the form at `path`, or (None) delete it."""
    options = {
        "path": path,
        "httponly": True,
        "samesite": "Strict",
        "secure": current_app.config["SESSION_COOKIE_SECURE"],
    }
    if secret:
        response.set_cookie(COOKIE, secret, **options)
    else:
        response.delete_cookie(COOKIE, **options)
    return response


def token(files: Sequence[StagedFile]) -> str:
    """What a review page showed: a digest of its files' random blob ids. A page from
    another tab, or from before a replacement, names other files, so its decisions cannot
    send files its reader never saw."""
    return hashlib.sha256(" ".join(f.blob_id for f in files).encode()).hexdigest()[:32]


def shows(draft: OpenDraft) -> bool:
    """Whether the posted review page is the one for the draft's files now."""
    return hmac.compare_digest(request.form.get(SHOWN_FIELD, ""), token(draft.files))


def uploaded_any() -> bool:
    return any(f.filename for name in request.files for f in request.files.getlist(name))


def choices(draft: OpenDraft) -> tuple[dict[int, str], list[int]]:
    """Each file's decision from the review form, and the files without one."""
    made = {i: request.form.get(f"file-{i}", "") for i in range(len(draft.files))}
    return made, [i for i, choice in made.items() if choice not in (SEND, LEAVE)]


def chosen(draft: OpenDraft, made: dict[int, str]) -> list[StagedFile]:
    return [f for i, f in enumerate(draft.files) if made[i] == SEND]


def replaced(files: Sequence[StagedFile]) -> list[StagedFile]:
    """The files with each replacement chosen on the review page cleaned in; only a file
    cleaning could not clean fully may be replaced."""
    result = list(files)
    for i, old in enumerate(files):
        if not needs_decision(old.sanitation):
            continue
        new = clean_uploads(request.files.getlist(f"replace-{i}"))
        if new:
            result[i] = new[0]
    return result
