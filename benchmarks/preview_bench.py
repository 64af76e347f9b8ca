"""Time the sandboxed preview of a 20-page PDF and a 10-page DOCX, and its peak memory.

Each figure is one whole sandboxed run as the back office makes it (bubblewrap,
the worker, poppler or LibreOffice, Pillow, the safe copy), the median of a few.
The peak RSS is the sandbox's own figure (`SandboxResult.peak_rss_kib`), the
largest over the runs.
"""

from __future__ import annotations

import statistics
from typing import Any

from tests import preview_samples as samples
from wb_cases.services import preview

ROUNDS = 3


def _measure(data: bytes, extension: str, pages: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(ROUNDS):
        rendition = preview.render(data, extension, len(data))
        drawn = sum(1 for _, image in rendition.pages if image is not None)
        if rendition.problem is not None or drawn != pages or rendition.safe_copy is None:
            raise RuntimeError(
                f"{extension}: {rendition.problem or drawn} instead of {pages} pages"
            )
        times.append(rendition.seconds * 1000)
        peaks.append(rendition.peak_rss_kib)
    return statistics.median(times), max(peaks)


def run() -> list[dict[str, Any]]:
    pdf_ms, pdf_rss = _measure(samples.pdf(20), "pdf", 20)
    docx_ms, docx_rss = _measure(samples.docx(10), "docx", 10)
    return [
        {"name": "preview_pdf_20_pages_ms", "value": pdf_ms, "unit": "ms", "goal": "<= 5000"},
        {"name": "preview_docx_10_pages_ms", "value": docx_ms, "unit": "ms", "goal": "<= 10000"},
        {
            "name": "preview_sandbox_peak_rss_kib",
            "value": max(pdf_rss, docx_rss),
            "unit": "KiB",
            "goal": "report",
        },
    ]
