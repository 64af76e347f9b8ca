"""Security headers both apps send (docs/architecture.md § 3).

- A strict Content-Security-Policy: nothing from another host, no inline
  script, no script at all on the portal (it must work in Tor Browser's
  "safest" mode), no framing.
- `Referrer-Policy: no-referrer`, so no address of ours leaks to a link target.
- `Cache-Control: no-store` on everything except explicitly cacheable pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, abort, request

CSP = (
    "default-src 'none'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'; "
    "base-uri 'none'"
)

F = TypeVar("F", bound=Callable[..., object])


def cacheable(view: F) -> F:
    """Mark a view whose page may be cached (the public start page; static files)."""
    view.wb_cacheable = True  # type: ignore[attr-defined]
    return view


def init_app(app: Flask, *, hsts: bool = False) -> None:
    @app.before_request
    def _no_nul_in_paths() -> None:
        # PostgreSQL refuses NUL in text, so an id with one would end in a 500; it names
        # nothing, so it is a 404 (found by tests/fuzz).
        if any(isinstance(v, str) and "\x00" in v for v in (request.view_args or {}).values()):
            abort(404)

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers["Content-Security-Policy"] = CSP
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        headers["Permissions-Policy"] = (
            "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        if hsts:
            headers["Strict-Transport-Security"] = "max-age=63072000"
        view = app.view_functions.get(request.endpoint or "")
        if not (getattr(view, "wb_cacheable", False) or request.endpoint == "static"):
            headers["Cache-Control"] = "no-store"
            headers["Pragma"] = "no-cache"
        headers.pop("Server", None)
        return response
