"""Matters by area (`predominant_area`, § 24c, stk. 3): counted from the plain triage facts,
suppressed like every other breakdown, so no hidden cell can be worked out across periods."""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy import select

from tests.summaries.conftest import run_wb
from tests.summaries.test_discretion import possible_values
from tests.summaries.test_discretion_periods import assert_nothing_revealed, periods, publication
from wb_cases.db import transaction
from wb_cases.models import Case, Matter
from wb_cases.summaries import build_summary, half_year, month, quarter
from wb_cases.summaries.labels import BREAKDOWN_CODES
from wb_cases.summaries.render import to_csv, to_html

AREAS = BREAKDOWN_CODES["area"]
TODAY = dt.date(2026, 3, 2)


def _load(instance, tmp_path, grid: list[dict[str, int]], year: int = 2025) -> None:  # type: ignore[no-untyped-def]
    """One report with one matter per counted cell, received on the 10th of its month;
    the matter's facts carry the area, or none (not recorded)."""
    cases, areas = [], {}
    for index, counts in enumerate(grid):
        for area, count in counts.items():
            for n in range(count):
                ref = f"A-{index}-{area}-{n}"
                areas[ref] = area
                cases.append(
                    {
                        "reference": ref,
                        "received": dt.date(year, index + 1, 10).isoformat(),
                        "anonymous": True,
                        "matters": [{"scope": "inside"}],
                    }
                )
    path = tmp_path / "areas.json"
    path.write_text(json.dumps({"format": "wb-cases/1", "cases": cases}))
    result = run_wb(instance, "import", str(path))
    assert result.exit_code == 0, result.output
    with instance.session() as session, transaction(session):
        rows = session.execute(
            select(Matter, Case.external_reference).join(Case, Matter.case_id == Case.id)
        ).all()
        for matter, ref in rows:
            area = areas[str(ref)]
            if area != "not_recorded":
                matter.facts = {"predominant_area": area, "anonymous": True}


def _area(summary):  # type: ignore[no-untyped-def]
    return next(b for b in summary.breakdowns if b.key == "area")


def test_matters_are_counted_by_area_exactly_for_the_unit(instance, tmp_path):  # type: ignore[no-untyped-def]
    grid = [{"finance": 4, "employment": 1, "work_environment": 0, "other": 2, "not_recorded": 3}]
    _load(instance, tmp_path, grid)
    with instance.session() as session:
        summary = build_summary(session, month(2025, 1), internal=True, today=TODAY)
    area = _area(summary)
    assert [(c.code, c.value) for c in area.cells] == list(grid[0].items())
    assert area.total == 10 == summary.headline.matters
    assert [c.label for c in area.cells] == [
        "Økonomiske forhold",
        "Ansættelsesretlige forhold",
        "Arbejdsmiljø",
        "Andre områder",
        "Ikke registreret",
    ]
    html = to_html(summary)
    assert "Forhold pr. område" in html and "Økonomiske forhold" in html
    english = to_html(summary, lang="en")
    assert "Matters by area" in english and "Financial matters" in english
    assert "area,finance,Økonomiske forhold,4" in to_csv(summary)


def test_the_committee_sees_small_area_cells_hidden(instance, tmp_path):  # type: ignore[no-untyped-def]
    grid = [{"finance": 4, "employment": 1, "work_environment": 0, "other": 5, "not_recorded": 0}]
    _load(instance, tmp_path, grid)
    with instance.session() as session:
        summary = build_summary(session, month(2025, 1), internal=False, today=TODAY)
    area = _area(summary)
    shown = {c.code: c.shown for c in area.cells}
    assert shown["employment"] == "<3" and area.total == 10
    assert all(c.value is None for c in area.cells if c.shown in ("<3", "·"))
    for code, possible in possible_values({}, area.total, shown).items():
        assert len(possible) >= 2, (code, shown)


def test_no_hidden_area_cell_can_be_worked_out_across_months_quarters_and_the_half(
    instance, tmp_path
):  # type: ignore[no-untyped-def]
    """The enumeration of tests/summaries/test_discretion_periods.py over the area codes,
    against what the summaries built from the database actually publish."""
    rng = random.Random("area")
    grid = [dict.fromkeys(AREAS, 0) for _ in range(6)]
    for _ in range(9):
        grid[rng.randrange(6)][rng.choice(AREAS)] += 1
    _load(instance, tmp_path, grid)
    spans = periods(6, 1)
    expected = publication(grid, spans, 3, AREAS)
    whole = {f"month@{i}": month(2025, i + 1) for i in range(6)}
    whole |= {"quarter@0": quarter(2025, 1), "quarter@3": quarter(2025, 2)}
    whole |= {"half@0": half_year(2025, 1)}
    with instance.session() as session:
        for name, period in whole.items():
            area = _area(build_summary(session, period, internal=False, today=TODAY))
            collapsed, texts = expected[name]
            assert area.collapsed == collapsed, name
            assert tuple(c.shown for c in area.cells) == texts, name
    assert_nothing_revealed(grid, spans, threshold=3, codes=AREAS)
