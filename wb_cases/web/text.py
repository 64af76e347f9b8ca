"""Show reporter-supplied names inert: no direction overrides, no control characters.

Jinja's autoescaping makes HTML inert, but a right-to-left override (U+202E)
still reverses what follows it, so `rapport\u202efdp.exe` displays as
`rapportexe.pdf`: a file name that lies about its type (issue 6 § 9).
"""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import get_locale

from ..services.sanitize_labels import label_texts

# Bidi embeddings, overrides and isolates, the marks, and C0/C1 controls except tab/newline.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f-\x9f]")


def neutral(text: object) -> str:
    """Replace direction controls and control characters with a visible marker."""
    return _INVISIBLE.sub("\ufffd", "" if text is None else str(text))


def cleaning_texts(codes: object) -> list[str]:
    """What cleaning found and did to a file, in plain words in the page's language."""
    language = str(get_locale() or "da")[:2]
    return label_texts(list(codes or ()), language)  # type: ignore[call-overload]


def init_app(app: Flask) -> None:
    app.add_template_filter(neutral, "neutral")
    app.add_template_filter(cleaning_texts, "cleaning_texts")
