"""The fixture imported through `wb import` reproduces the 2016 annual report's
whistleblower figures."""

from __future__ import annotations

from tests.summaries.conftest import summary_json

HEADLINE_KEYS = (
    "reports_received",
    "anonymous",
    "matters",
    "inside",
    "outside",
    "declined_24d",
    "untriaged",
    "matters_closed",
    "investigations_closed",
    "confirmed",
    "with_consequences",
)


def test_reporting_year_2016_gives_the_published_figures(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--from", "2016-04-01", "--to", "2017-03-31")
    assert figures["period"]["kind"] == "reporting_year"
    published = {
        "reports_received": 39,
        "anonymous": 33,
        "matters": 45,
        "inside": 20,
        "outside": 25,
        "declined_24d": 0,
        "untriaged": 0,
        # "undersøgelser afsluttet": 26 forhold, including 12 received in 2015/16.
        "investigations_closed": 26,
        "confirmed": 9,
        "with_consequences": 12,
    }
    assert {k: figures[k] for k in published} == published
    # matters_closed counts every scope (docs/summaries.md): the 26 investigations plus
    # the 24 out-of-scope matters rejected within the year (one more closes in April 2017).
    assert figures["matters_closed"] == 50
    for key in HEADLINE_KEYS:
        assert type(figures[key]) is int
    assert (
        figures["inside"] + figures["outside"] + figures["declined_24d"] + figures["untriaged"]
        == figures["matters"]
    )


def test_calendar_2023_and_first_quarter_2024_count_reports_received(loaded, tmp_path):  # type: ignore[no-untyped-def]
    year = summary_json(loaded.instance, tmp_path, "--from", "2023-01-01", "--to", "2023-12-31")
    assert year["period"]["kind"] == "year" and year["reports_received"] == 105
    quarter = summary_json(loaded.instance, tmp_path, "--from", "2024-01-01", "--to", "2024-03-31")
    assert quarter["period"]["kind"] == "quarter" and quarter["reports_received"] == 33
    assert summary_json(loaded.instance, tmp_path, "--period", "2024-Q1")["reports_received"] == 33


def test_investigations_closed_count_by_closing_date_whatever_the_intake(loaded, tmp_path):  # type: ignore[no-untyped-def]
    before = summary_json(loaded.instance, tmp_path, "--period", "2015/16")
    assert before["reports_received"] == 22 and before["inside"] == 12
    assert before["investigations_closed"] == 0  # all 12 close in 2016/17
    # The Borgercenter Handicap case closed on Internal Audit's report of 27 January 2017.
    january = summary_json(loaded.instance, tmp_path, "--period", "2017-01", "--internal")
    assert january["investigations_closed"] >= 1
    assert january["breakdowns"]["administration"]["total"] == january["matters"]


def test_the_trend_compares_with_the_previous_reporting_years(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--period", "2016/17")
    assert [t["label"] for t in figures["trend"]] == ["2013/14", "2014/15", "2015/16"]
    assert figures["trend"][-1]["reports_received"] == 22


def test_the_committee_and_internal_versions_share_the_exact_totals(loaded, tmp_path):  # type: ignore[no-untyped-def]
    committee = summary_json(loaded.instance, tmp_path, "--period", "2016/17")
    internal = summary_json(loaded.instance, tmp_path, "--period", "2016/17", "--internal")
    assert committee["version"] == "committee" and internal["version"] == "internal"
    assert {k: committee[k] for k in HEADLINE_KEYS} == {k: internal[k] for k in HEADLINE_KEYS}
    for key, breakdown in internal["breakdowns"].items():
        assert committee["breakdowns"][key]["total"] == breakdown["total"]
        assert all(cell["value"] is not None for cell in breakdown["cells"])
    consequences = internal["breakdowns"]["consequence"]
    # One matter may have several consequence types: at least one per matter with any.
    assert consequences["total"] >= internal["with_consequences"]
