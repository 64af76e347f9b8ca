"""Server-rendered SVG charts: no JavaScript, no style attributes (the back office CSP
allows `style-src 'self'` only), colours as presentation attributes.

A hidden cell draws no bar: the chart must not show what the table hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

BAR = "#2b5c8a"
BAR_PREVIOUS = "#9bb7d4"
INK = "#1a1a1a"
GRID = "#cccccc"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: hidden, drawn as its shown text only
    shown: str
    current: bool = True


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    size: int = 11,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}" fill="{INK}">{escape(content)}</text>'
    )


LABEL_CHARS = 34  # what fits on one line left of the bars at 11 px


def wrap_label(label: str, width: int = LABEL_CHARS) -> list[str]:
    """At most two lines, broken between words; a longer label ends in "…" (the table beside
    the chart has the full text). Never breaks inside a word."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], lines[1].rstrip(",") + " …"]
    return lines


def horizontal_bars(
    title: str, bars: Sequence[Bar], *, width: int = 560, empty: str = "Ingen"
) -> Markup:
    """One bar per row, the label left (wrapped, never cut), the shown value right of it;
    `empty` where there are no rows."""
    row, label_width, top = 30, 230, 8
    height = top + row * max(len(bars), 1) + 8
    largest = max([b.value for b in bars if b.value is not None] + [1])
    scale = (width - label_width - 60) / largest
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row
        lines = wrap_label(bar.label)
        first = y + (14 if len(lines) == 2 else 19)
        for n, line in enumerate(lines):
            parts.append(_text(label_width - 8, first + 12 * n, line, anchor="end"))
        length = (bar.value or 0) * scale
        if bar.value:
            colour = BAR if bar.current else BAR_PREVIOUS
            parts.append(
                f'<rect x="{label_width}" y="{y + 6}" width="{length:.1f}" '
                f'height="{row - 12}" fill="{colour}"/>'
            )
        parts.append(_text(label_width + length + 6, y + 19, bar.shown))
    if not bars:
        parts.append(_text(8, top + 14, empty))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text went through escape()


def column_pairs(
    title: str,
    groups: Sequence[tuple[str, int, int, bool]],
    legend: tuple[str, str],
    *,
    width: int = 560,
    height: int = 220,
) -> Markup:
    """Two columns per period (e.g. reports and matters), the current period's label bold.
    The legend sits below the axis labels, clear of every value."""
    left, bottom, top = 30, 44, 16
    plot = height - bottom - top
    largest = max([max(a, b) for _, a, b, _ in groups] + [1])
    slot = (width - left - 10) / max(len(groups), 1)
    column = min(28.0, slot / 3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" '
        f'stroke="{GRID}"/>',
        f'<rect x="{left}" y="{height - 14}" width="10" height="10" fill="{BAR}"/>',
        _text(left + 14, height - 5, legend[0], size=10),
        f'<rect x="{left + 160}" y="{height - 14}" width="10" height="10" fill="{BAR_PREVIOUS}"/>',
        _text(left + 174, height - 5, legend[1], size=10),
    ]
    for i, (label, first, second, current) in enumerate(groups):
        x = left + i * slot + slot / 2 - column
        for j, value in enumerate((first, second)):
            h = value / largest * plot
            colour = BAR if j == 0 else BAR_PREVIOUS
            parts.append(
                f'<rect x="{x + j * column:.1f}" y="{top + plot - h:.1f}" '
                f'width="{column - 2:.1f}" height="{h:.1f}" fill="{colour}"/>'
            )
            parts.append(
                _text(
                    x + j * column + column / 2 - 1,
                    top + plot - h - 3,
                    str(value),
                    anchor="middle",
                    size=10,
                )
            )
        parts.append(
            _text(
                x + column,
                top + plot + 16,
                label,
                anchor="middle",
                size=10,
                weight="bold" if current else "normal",
            )
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text went through escape()
