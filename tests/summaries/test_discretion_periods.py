"""No hidden cell can be worked out, even by adding up and subtracting periods.

A reader of the committee's version may ask for every month, quarter,
half-year (calendar, and April–September / October–March), calendar year and
reporting year, and knows each period's exact total. The check is independent
of the algorithm: it enumerates every month-by-code table that would give
exactly every published number, bound and total of every one of those periods,
and requires each hidden cell that is
not zero to have at least two possible values.

The reader is the one the committee's version is built against: he knows
that every code is listed (so a listed code need not occur), reads "<3" as
0, 1 or 2 and "·" as any number, and can add up rows, columns and periods.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence

import pytest

from wb_cases.summaries.discretion import Mark, Suppression, publish

CODES = ("a", "b", "c")
Month = dict[str, int]
Grid = list[Month]


def periods(months: int, first_month: int) -> dict[str, tuple[int, ...]]:
    """Every whole period inside a window of `months` months starting at calendar month
    `first_month` (1 = January), cut to the window (months outside are known to be empty)."""
    result: dict[str, tuple[int, ...]] = {}

    def group(kind: str, size: int, starts: set[int]) -> None:
        current: list[int] = []
        for index in range(months):
            calendar = (first_month - 1 + index) % 12 + 1
            if calendar in starts and current:
                result[f"{kind}@{current[0]}"] = tuple(current)
                current = []
            current.append(index)
        result[f"{kind}@{current[0]}"] = tuple(current)

    for index in range(months):
        result[f"month@{index}"] = (index,)
    group("quarter", 3, {1, 4, 7, 10})
    group("half", 6, {1, 7})
    group("reporting_half", 6, {4, 10})
    group("year", 12, {1})
    group("reporting_year", 12, {4})
    return result


Publication = dict[str, tuple[bool, tuple[str, ...]]]


def publication(
    grid: Grid, spans: dict[str, tuple[int, ...]], threshold: int, codes: Sequence[str] = CODES
) -> Publication:
    """What the committee sees: per period, whether collapsed, and each code's text."""
    result: Publication = {}
    for name, months in spans.items():
        shown = publish([grid[i] for i in months], threshold)
        values = {c: sum(grid[i][c] for i in months) for c in codes}
        result[name] = (shown.collapsed, tuple(shown.shown(c, values[c]) for c in codes))
    return result


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


def completions(
    grid: Grid,
    spans: dict[str, tuple[int, ...]],
    threshold: int,
    limit: int = 200_000,
    codes: Sequence[str] = CODES,
) -> list[Grid]:
    """Every grid with the same month totals that agrees with everything published."""
    seen = publication(grid, spans, threshold, codes)
    ending: dict[int, list[str]] = {}
    for name, months in spans.items():
        ending.setdefault(months[-1], []).append(name)
    found: list[Grid] = []

    def fits(candidate: Grid, name: str) -> bool:
        collapsed, texts = seen[name]
        if collapsed:
            return True  # only the total is published, and every candidate keeps the totals
        for code, text in zip(codes, texts, strict=True):
            value = sum(candidate[i][code] for i in spans[name])
            if text.isdigit() and value != int(text):
                return False
            if text.startswith("<") and value >= int(text[1:]):
                return False
        return True

    def walk(candidate: Grid) -> None:
        index = len(candidate)
        if index == len(grid):
            found.append([dict(m) for m in candidate])
            assert len(found) <= limit, "too many completions for this test's data"
            return
        for parts in compositions(sum(grid[index].values()), len(codes)):
            candidate.append(dict(zip(codes, parts, strict=True)))
            if all(fits(candidate, name) for name in ending.get(index, [])):
                walk(candidate)
            candidate.pop()

    walk([])
    return found


def assert_nothing_revealed(
    grid: Grid, spans: dict[str, tuple[int, ...]], threshold: int, codes: Sequence[str] = CODES
) -> None:
    every = completions(grid, spans, threshold, codes=codes)
    assert grid in every
    for name, months in spans.items():
        shown = publish([grid[i] for i in months], threshold)
        for code in codes:
            true = sum(grid[i][code] for i in months)
            hidden = shown.collapsed or shown.marks[code] is not Mark.SHOWN
            if not hidden or true == 0:
                continue
            possible = {sum(g[i][code] for i in months) for g in every}
            assert len(possible) >= 2, (name, code, true, grid)


def random_grid(
    rng: random.Random, months: int, reports: int, codes: Sequence[str] = CODES
) -> Grid:
    grid = [dict.fromkeys(codes, 0) for _ in range(months)]
    for _ in range(reports):
        grid[rng.randrange(months)][rng.choice(list(codes))] += 1
    return grid


@pytest.mark.parametrize(
    ("first_month", "label"),
    [(1, "calendar year, its halves, quarters and months"), (4, "reporting year and halves")],
)
@pytest.mark.parametrize("reports", [1, 2, 3, 5, 7])
def test_a_year_and_its_parts_reveal_no_hidden_cell(first_month: int, label: str, reports: int):
    # 15 months cover a year with its quarters and halves of both kinds, and the
    # neighbouring periods that overlap it (a reporting year straddles two calendar years).
    spans = periods(15, first_month)
    rng = random.Random(f"{first_month}-{reports}")
    for _ in range(4):
        assert_nothing_revealed(random_grid(rng, 15, reports), spans, threshold=3)


@pytest.mark.parametrize("seed", range(6))
def test_busy_months_within_a_quarter_and_a_half_year_reveal_no_hidden_cell(seed: int):
    spans = periods(6, 1)  # January–June: six months, two quarters, one half-year
    rng = random.Random(seed)
    grid = random_grid(rng, 6, rng.randrange(6, 14))
    assert_nothing_revealed(grid, spans, threshold=3)


def test_the_threshold_is_honoured_across_periods():
    spans = periods(6, 1)
    rng = random.Random("threshold")
    for _ in range(3):
        assert_nothing_revealed(random_grid(rng, 6, 9), spans, threshold=4)


def _shown(months: Sequence[Month], threshold: int = 3) -> dict[str, str]:
    shown: Suppression = publish(list(months), threshold)
    values = {c: sum(m[c] for m in months) for c in CODES}
    return {c: shown.shown(c, values[c]) for c in CODES}


def test_a_year_does_not_give_away_the_month_that_a_small_cell_hides_in():
    # January hides a = 1; without care the year (a = 13) minus February–December
    # (shown exactly, 12) would give it back.
    january = {"a": 1, "b": 0, "c": 6}
    others = [{"a": 3 if i < 4 else 0, "b": 4, "c": 5} for i in range(11)]
    year = [january, *others]
    assert _shown([january])["a"] == "<3"
    assert _shown(year)["a"] == "·"
    spans = periods(12, 1)
    assert_nothing_revealed(year, spans, threshold=3)


def test_a_breakdown_of_fewer_than_three_is_not_shown():
    shown = publish([{"a": 1, "b": 1, "c": 0}])
    assert shown.collapsed and shown.shown("a", 1) == "·"


def test_every_completion_is_checked_not_a_sample():
    # Two reports in one month over three codes: (2,0,0), (1,1,0) … six tables in all
    # before the publication is compared.
    assert len(list(compositions(2, 3))) == 6
    assert list(itertools.islice(compositions(1, 3), 3)) == [(0, 0, 1), (0, 1, 0), (1, 0, 0)]
