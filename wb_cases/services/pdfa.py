"""Render our own HTML to PDF/A-2b with WeasyPrint; every font is DejaVu, embedded.

Used for journal bundles and forwarding packages. The HTML is ours, built
from Jinja templates with autoescaping; WeasyPrint fetches nothing (no URL reaches it).
"""

from __future__ import annotations

import gc
import warnings
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

PDF_VARIANT = "pdf/a-2b"


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("wb_cases.services", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_text(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def stylesheet() -> Markup:
    """Our own CSS, inlined (WeasyPrint fetches nothing)."""
    return Markup(render_text("journal/base.css"))  # noqa: S704 - our own file


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"journal PDFs fetch nothing ({url})")


def html_to_pdfa(html: str) -> bytes:
    """A4 PDF/A-2b (XMP identification, sRGB output intent, embedded fonts)."""
    from weasyprint import HTML

    # WeasyPrint opens its sRGB profile for the output intent and never closes it; collect
    # it here, where its ResourceWarning is expected, not in some later test or request.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf(pdf_variant=PDF_VARIANT)
        gc.collect()
    return pdf
