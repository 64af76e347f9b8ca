"""Danish first, English second, chosen by a visible switch, never by the browser.

The choice lives in the URL (`?lang=en`, carried by the switch and forms)
or in a tiny `lang` cookie that ends with the browser session (a persistent
cookie would tell whoever uses the device later that the portal was visited);
`Accept-Language` is deliberately ignored so the page a reporter sees does not
depend on their browser's fingerprint.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_babel import Babel

LANGUAGES = ("da", "en")
DEFAULT = "da"


def select_locale() -> str:
    wanted = request.args.get("lang") or request.form.get("lang") or request.cookies.get("lang")
    return wanted if wanted in LANGUAGES else DEFAULT


def init_app(app: Flask) -> Babel:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Copenhagen")
    babel = Babel(app, locale_selector=select_locale)

    @app.context_processor
    def _languages() -> dict[str, object]:
        return {"current_language": select_locale(), "languages": LANGUAGES}

    @app.after_request
    def _remember(response: Response) -> Response:
        chosen = request.args.get("lang")
        if chosen in LANGUAGES and request.cookies.get("lang") != chosen:
            response.set_cookie(
                "lang",
                chosen,
                secure=app.config.get("SESSION_COOKIE_SECURE", True),
                httponly=True,
                samesite="Lax",
            )
        return response

    return babel
