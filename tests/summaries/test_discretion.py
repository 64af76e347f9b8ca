"""Small cells are hidden, and no hidden cell can be worked out from what is published.

The check is independent of the algorithm: it enumerates every completion of
the hidden cells a reader could consider ("<3" is 0…2, "·" is any value, a
shown number is itself) that adds up to the exact total, and requires that
each hidden cell can take at least two values.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wb_cases.summaries.discretion import Mark, suppress


def possible_values(
    _values: dict[str, int], total: int, shown: dict[str, str], threshold: int = 3
) -> dict[str, set[int]]:
    """Every value each hidden cell can have, given the shown texts and the total.

    Each hidden cell ranges over whole numbers ("<3": 0…2, "·": 0…total), so the
    others' sums fill a whole interval; a value v is possible exactly when the rest
    minus v lies in it. Small tables are also enumerated outright as a cross-check.
    """
    hidden = [code for code, text in shown.items() if not text.isdigit()]
    rest = total - sum(int(text) for text in shown.values() if text.isdigit())
    domains = {
        code: range(0, threshold) if shown[code].startswith("<") else range(0, rest + 1)
        for code in hidden
    }
    found: dict[str, set[int]] = {}
    for code in hidden:
        low = sum(domains[o].start for o in hidden if o != code)
        high = sum(domains[o].stop - 1 for o in hidden if o != code)
        found[code] = {v for v in domains[code] if low <= rest - v <= high}
    if len(hidden) <= 4 and rest <= 12:
        enumerated: dict[str, set[int]] = {code: set() for code in hidden}
        for combination in itertools.product(*(domains[c] for c in hidden)):
            if sum(combination) == rest:
                for code, value in zip(hidden, combination, strict=True):
                    enumerated[code].add(value)
        assert enumerated == found
    return found


def shown_texts(values: dict[str, int], threshold: int = 3) -> dict[str, str]:
    marks = suppress(values, sum(values.values()), threshold)
    return {code: marks.shown(code, n) for code, n in values.items()}


def test_a_single_small_cell_gets_a_partner_so_subtraction_does_not_reveal_it():
    values = {"SOF": 1, "BIF": 12, "KFF": 7}
    shown = shown_texts(values)
    assert shown["SOF"] == "<3"
    assert shown["KFF"] == "·" and shown["BIF"] == "12"
    for code, possible in possible_values(values, 20, shown).items():
        assert len(possible) >= 2, code


def test_a_zero_cell_is_the_preferred_partner_and_is_truthfully_below_three():
    values = {"a": 2, "b": 0, "c": 9}
    shown = shown_texts(values)
    assert shown == {"a": "<3", "b": "<3", "c": "9"}


def test_two_small_cells_that_pin_each_other_get_a_third():
    values = {"a": 2, "b": 2, "c": 5, "d": 8}  # 2 + 2 = 4 with both "<3" would show both are 2
    shown = shown_texts(values)
    assert shown["c"] == "·"
    assert all(len(p) >= 2 for p in possible_values(values, 15, shown).values())


def test_when_every_cell_is_small_and_pinned_all_are_shown_as_hidden():
    values = {"a": 2, "b": 2}
    shown = shown_texts(values)
    assert shown == {"a": "·", "b": "·"}
    assert all(len(p) >= 2 for p in possible_values(values, 4, shown).values())


def test_cells_at_or_above_the_threshold_alone_are_shown_exactly():
    assert shown_texts({"a": 3, "b": 10, "c": 0}) == {"a": "3", "b": "10", "c": "0"}


def test_the_threshold_is_configurable():
    assert shown_texts({"a": 4, "b": 10, "c": 11}, threshold=5)["a"] == "<5"
    marks = suppress({"a": 1, "b": 1}, 2, threshold=1)
    assert all(mark is Mark.SHOWN for mark in marks.marks.values())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=6))
def test_no_hidden_cell_can_be_recovered_from_the_total(cells: list[int]):
    values = {f"c{i}": n for i, n in enumerate(cells)}
    total = sum(cells)
    shown = shown_texts(values)
    # Every small non-zero cell is hidden, and the total stays exact.
    for code, n in values.items():
        if 0 < n < 3:
            assert not shown[code].isdigit()
    for code, possible in possible_values(values, total, shown).items():
        assert values[code] in possible
        assert len(possible) >= 2, (values, shown, code)


@pytest.mark.parametrize("threshold", ["5"])
def test_the_committee_json_hides_values_and_honours_wb_summary_threshold(
    loaded, tmp_path, threshold
):  # type: ignore[no-untyped-def]
    from tests.summaries.conftest import summary_json

    figures = summary_json(
        loaded.instance, tmp_path, "--period", "2016/17", WB_SUMMARY_THRESHOLD=threshold
    )
    assert figures["threshold"] == 5
    for breakdown in figures["breakdowns"].values():
        shown = {c["code"]: c["shown"] for c in breakdown["cells"]}
        for cell in breakdown["cells"]:
            if cell["value"] is None:
                assert cell["shown"] in ("<5", "·")
            else:
                assert cell["value"] >= 5 or cell["value"] == 0
        # What the committee sees never pins a hidden cell down.
        for code, possible in possible_values({}, breakdown["total"], shown, 5).items():
            assert len(possible) >= 2, (code, shown)
