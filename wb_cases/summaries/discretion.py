"""Small-cell suppression for the committee's breakdowns (§ 2b and § 21; docs/summaries.md).

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

Every code of a breakdown is listed, with zeros, so a listed code says nothing
about whether it occurred.

Periods: the committee may ask for any month, quarter, half-year and year, and
a reader can add months up to a quarter or a year and subtract. So the months
are the building blocks: each month is suppressed alone (`suppress`), and in a
longer period a code is hidden whenever it is hidden in any of its months
(`publish`). A longer period then tells nothing about a hidden month cell that
the months themselves do not (tests/summaries/test_discretion_periods.py
enumerates every completion to check it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    collapsed: bool = False  # fewer than `threshold` in all: the breakdown is not shown

    def shown(self, code: str, value: int) -> str:
        if self.collapsed:
            return "·"
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


def publish(months: Sequence[Mapping[str, int]], threshold: int = DEFAULT_THRESHOLD) -> Suppression:
    """What the committee sees of one breakdown over a whole period made of `months`.

    Each mapping holds one month's count for every code (the same codes in
    each). A code hidden in any month stays hidden in the period: otherwise
    the period minus its other months would give the hidden month cell. A
    breakdown whose total is below the threshold is not shown at all.
    """
    codes = list(months[0]) if months else []
    values = {code: sum(month[code] for month in months) for code in codes}
    total = sum(values.values())
    if len(months) == 1:
        marks = dict(suppress(months[0], total, threshold).marks)
    else:
        flagged = {
            code
            for month in months
            for code, mark in suppress(month, sum(month.values()), threshold).marks.items()
            if mark is not Mark.SHOWN
        }
        # "·" whatever the period's value: then a longer period adds nothing to what
        # the months tell about a hidden cell, and each month is safe on its own.
        marks = {code: Mark.HIDDEN if code in flagged else Mark.SHOWN for code in codes}
    collapsed = threshold > 1 and 0 < total < threshold
    return Suppression(marks, threshold, collapsed)
