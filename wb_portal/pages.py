"""The start page: who may report, what is covered, rights, staying anonymous, the two ways in."""

from __future__ import annotations

from flask import Blueprint, Response, make_response, render_template

from wb_cases.web.security import cacheable

bp = Blueprint("pages", __name__)


@bp.get("/")
@cacheable
def start() -> Response:
    response = make_response(render_template("pages/start.html"))
    # The page is the same for everyone in a language; it may be cached by the browser only.
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["Vary"] = "Cookie"
    return response
