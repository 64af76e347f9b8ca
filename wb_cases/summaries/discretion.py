"""Small-cell suppression for the committee's breakdowns (§ 2b, discretion; docs/summaries.md).

Totals stay exact. In a breakdown, a cell below the threshold `t` shows as
"<t" (the reader learns 0 ≤ value < t). One hidden cell whose line total is
published could be worked out by subtraction, so secondary suppression hides
more cells until every hidden cell can take at least two values given what is
shown: first zero cells (truthfully shown as "<t"), then the smallest cells of
t or more, shown as "·" (any value). If that is not enough — every cell hidden
and their sum still pins them down — all hidden cells become "·".

A breakdown is one line: its cells and its exact total. With a single sum and
interval bounds, a hidden cell's possible values are exactly the integers
between the bounds computed in `_bounds`, so "at least two values" is exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_THRESHOLD = 3
UNBOUNDED = 10**12


class Mark(StrEnum):
    SHOWN = "shown"
    BELOW = "below"  # shown as "<t": the value is 0 … t-1
    HIDDEN = "hidden"  # shown as "·": any value, hidden to protect another cell


@dataclass(frozen=True)
class Suppression:
    marks: Mapping[str, Mark]
    threshold: int

    def shown(self, code: str, value: int) -> str:
        mark = self.marks[code]
        if mark is Mark.BELOW:
            return f"<{self.threshold}"
        if mark is Mark.HIDDEN:
            return "·"
        return str(value)


def reader_bounds(mark: Mark, value: int, threshold: int) -> tuple[int, int]:
    """What a reader knows about a cell from how it is shown."""
    if mark is Mark.BELOW:
        return 0, threshold - 1
    if mark is Mark.HIDDEN:
        return 0, UNBOUNDED
    return value, value


def _bounds(
    values: Mapping[str, int], total: int, marks: Mapping[str, Mark], threshold: int
) -> dict[str, tuple[int, int]]:
    """Each hidden cell's least and greatest possible value, given the total."""
    hidden = [code for code, mark in marks.items() if mark is not Mark.SHOWN]
    rest = total - sum(values[code] for code in values if marks[code] is Mark.SHOWN)
    box = {code: reader_bounds(marks[code], values[code], threshold) for code in hidden}
    lo_sum = sum(lo for lo, _ in box.values())
    hi_sum = sum(hi for _, hi in box.values())
    result = {}
    for code, (lo, hi) in box.items():
        least = max(lo, rest - (hi_sum - hi))
        greatest = min(hi, rest - (lo_sum - lo))
        result[code] = (least, greatest)
    return result


def _exposed(
    values: Mapping[str, int], total: int, marks: Mapping[str, Mark], threshold: int
) -> bool:
    return any(
        least >= greatest for least, greatest in _bounds(values, total, marks, threshold).values()
    )


def suppress(
    values: Mapping[str, int], total: int | None = None, threshold: int = DEFAULT_THRESHOLD
) -> Suppression:
    """Mark the cells to hide so none can be recovered from the others and the total."""
    if total is None:
        total = sum(values.values())
    marks = {
        code: Mark.BELOW if 0 < value < threshold else Mark.SHOWN for code, value in values.items()
    }
    if threshold <= 1 or all(mark is Mark.SHOWN for mark in marks.values()):
        return Suppression(marks, threshold)
    while _exposed(values, total, marks, threshold):
        candidates = sorted(
            (code for code, mark in marks.items() if mark is Mark.SHOWN),
            key=lambda code: (values[code] != 0, values[code], code),
        )
        if not candidates:
            break
        pick = candidates[0]
        marks[pick] = Mark.BELOW if values[pick] < threshold else Mark.HIDDEN
    if _exposed(values, total, marks, threshold):
        # Every cell is hidden and their bounds still pin them (say 2 + 2 = 4):
        # drop the "<t" bound too. One cell alone equals the total, which is public anyway.
        marks = {code: Mark.HIDDEN for code in marks}
    return Suppression(marks, threshold)
