"""The start page: who may report, what is covered, rights, staying anonymous, the two ways in.

The page is the same for every visitor in a language, so each worker renders it
once per language and serves the stored bytes after that.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

from wb_cases.web.i18n import select_locale
from wb_cases.web.security import cacheable

bp = Blueprint("pages", __name__)


def _rendered_start(language: str) -> bytes:
    pages: dict[str, bytes] = current_app.extensions.setdefault("wb_start_pages", {})
    if language not in pages:
        pages[language] = render_template("pages/start.html").encode()
    return pages[language]


@bp.get("/")
@cacheable
def start() -> Response:
    response = Response(_rendered_start(select_locale()), mimetype="text/html")
    # The page is the same for everyone in a language; it may be cached by the browser only.
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["Vary"] = "Cookie"
    return response
