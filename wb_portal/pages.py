"""The start page: who may report, what is covered, rights, staying anonymous, the two ways in."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def start() -> str:
    # Not cacheable either: a start page in the browser's cache tells whoever
    # looks at the device later that the portal was visited.
    return render_template("pages/start.html")
