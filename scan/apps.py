"""The apps as the scanners see them: unchanged, except that logging out is kept out.

A scanner submits every form it finds, with payloads, including "log out"; that would end
the session and leave the rest of the scan outside the login. Wapiti 3.0.4's `-x` crashes
on Python 3.11 (its wildcard regex puts `(?ms)` last), so the harness refuses those few
POSTs itself (403) and the scan checks at the end that the session survived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from typing import Any

from flask import Flask

KEPT_OUT_PORTAL = ("/followup/logout",)
KEPT_OUT_BACKOFFICE = ("/logout", "/admin/staff/*/remove", "/admin/staff/*/reset-totp")


def _keep_out(app: Flask, paths: Iterable[str]) -> Flask:
    inner = app.wsgi_app
    patterns = tuple(paths)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "POST" and any(fnmatch(path, p) for p in patterns):
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"kept out of the scan"]
        return inner(environ, start_response)

    app.wsgi_app = wsgi  # type: ignore[method-assign]
    return app


def portal() -> Flask:
    from wb_portal import create_app

    return _keep_out(create_app(), KEPT_OUT_PORTAL)


def backoffice() -> Flask:
    from wb_backoffice import create_app

    return _keep_out(create_app(), KEPT_OUT_BACKOFFICE)
