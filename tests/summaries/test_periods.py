"""Periods: reporting years across the new year, leap years, and what the committee may ask."""

from __future__ import annotations

import datetime as dt

import pytest

from wb_cases.summaries import (
    Period,
    PeriodError,
    PeriodKind,
    calendar_year,
    half_year,
    month,
    parse_period,
    quarter,
    reporting_half,
    reporting_year,
)

D = dt.date


def test_a_reporting_year_runs_from_1_april_to_31_march():
    year = reporting_year(2016)
    assert (year.start, year.end) == (D(2016, 4, 1), D(2017, 3, 31))
    assert year.kind is PeriodKind.REPORTING_YEAR
    assert year.label == "Beretningsåret 2016 (1. april 2016 – 31. marts 2017)"
    assert parse_period("2016/17") == year
    assert year.previous() == reporting_year(2015)


def test_leap_years_end_february_on_the_29th():
    assert month(2024, 2).end == D(2024, 2, 29)
    assert month(2023, 2).end == D(2023, 2, 28)
    assert quarter(2024, 1).days == 91 and quarter(2023, 1).days == 90
    assert reporting_year(2023).days == 366  # holds 29 February 2024
    assert month(2024, 2).previous() == month(2023, 2)  # 29 February → 28 February
    assert Period(D(2024, 2, 1), D(2024, 2, 29)).kind is PeriodKind.MONTH
    assert Period(D(2024, 2, 1), D(2024, 2, 28)).kind is PeriodKind.RANGE


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        (month(2024, 12), PeriodKind.MONTH),
        (quarter(2024, 4), PeriodKind.QUARTER),
        (half_year(2023, 2), PeriodKind.HALF_YEAR),
        (calendar_year(2023), PeriodKind.YEAR),
        (reporting_year(2023), PeriodKind.REPORTING_YEAR),
        (Period(D(2024, 2, 1), D(2024, 4, 30)), PeriodKind.RANGE),  # three months, not a quarter
        (Period(D(2024, 3, 5), D(2024, 3, 9)), PeriodKind.RANGE),
    ],
)
def test_periods_are_classified_by_their_dates(period, kind):  # type: ignore[no-untyped-def]
    assert period.kind is kind


def test_a_period_is_compared_with_the_same_period_in_earlier_years_oldest_first():
    # A first quarter is compared with first quarters, not with the autumn before it.
    assert quarter(2024, 1).previous_periods(2) == [quarter(2022, 1), quarter(2023, 1)]
    assert half_year(2024, 1).previous() == half_year(2023, 1)
    assert reporting_half(2016, 2).previous() == reporting_half(2015, 2)
    assert calendar_year(2024).previous() == calendar_year(2023)
    week = Period(D(2024, 3, 1), D(2024, 3, 7))
    assert week.previous() == Period(D(2024, 2, 23), D(2024, 2, 29))


def test_the_committee_version_refuses_an_arbitrary_range():
    with pytest.raises(PeriodError, match="whole"):
        Period(D(2024, 3, 5), D(2024, 3, 9)).require_whole()
    assert quarter(2024, 1).require_whole() == quarter(2024, 1)


@pytest.mark.parametrize("text", ["2016/18", "2024-Q5", "2024-13", "yesterday"])
def test_nonsense_periods_are_refused(text):  # type: ignore[no-untyped-def]
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(PeriodError):
        Period(D(2024, 3, 5), D(2024, 3, 4))


def test_the_cli_refuses_a_range_for_the_committee_but_allows_it_internally(loaded, tmp_path):  # type: ignore[no-untyped-def]
    from tests.summaries.conftest import run_wb, summary_json

    refused = run_wb(
        loaded.instance,
        "summary",
        "--from",
        "2016-04-02",
        "--to",
        "2017-03-31",
        "--format",
        "json",
        "--out",
        str(tmp_path / "x.json"),
    )
    assert refused.exit_code != 0
    assert "whole" in refused.output and "--internal" in refused.output
    assert not (tmp_path / "x.json").exists()
    internal = summary_json(
        loaded.instance, tmp_path, "--from", "2016-09-24", "--to", "2016-09-24", "--internal"
    )
    assert internal["reports_received"] >= 1  # the Borgercenter Handicap report


def test_a_case_received_on_29_february_counts_in_its_periods(instance, tmp_path):  # type: ignore[no-untyped-def]
    import json

    from tests.summaries.conftest import run_wb, summary_json

    document = {
        "format": "wb-cases/1",
        "cases": [
            {
                "reference": "LEAP-1",
                "received": "2024-02-29",
                "anonymous": True,
                "matters": [
                    {
                        "scope": "inside",
                        "closed": "2024-03-31",
                        "confirmed": True,
                        "consequences": ["guidelines"],
                    }
                ],
            }
        ],
    }
    path = tmp_path / "leap.json"
    path.write_text(json.dumps(document))
    assert run_wb(instance, "import", str(path)).exit_code == 0
    for text, expected in (
        ("2024-02", 1),
        ("2024-Q1", 1),
        ("2023/24", 1),
        ("2024/25", 0),
        ("2024-H1", 1),
        ("2024-03", 0),
    ):
        assert summary_json(instance, tmp_path, "--period", text)["reports_received"] == expected, (
            text
        )
    march = summary_json(instance, tmp_path, "--period", "2024-03")
    assert (march["matters_closed"], march["confirmed"], march["with_consequences"]) == (1, 1, 1)


def test_the_reporting_year_halves_are_whole_periods_for_the_committee():
    first, second = parse_period("2016/17-H1"), parse_period("2016/17-H2")
    assert (first.start, first.end) == (D(2016, 4, 1), D(2016, 9, 30))
    assert (second.start, second.end) == (D(2016, 10, 1), D(2017, 3, 31))
    for half in (first, second):
        assert half.kind is PeriodKind.REPORTING_HALF
        assert half.require_whole() == half
    assert Period(D(2016, 10, 1), D(2017, 3, 31)).kind is PeriodKind.REPORTING_HALF
    assert first.label.startswith("1. halvår af beretningsåret 2016/17")
    assert second.short_label == "2016/17 H2"


@pytest.mark.parametrize("text", ["0000", "9999", "0000-Q1", "9999/00", "0001-01"])
def test_years_nobody_means_are_refused_with_a_plain_error(text):  # type: ignore[no-untyped-def]
    with pytest.raises(PeriodError, match="year must be between"):
        parse_period(text)
