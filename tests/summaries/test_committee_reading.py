"""What a committee member reads: the paragraph, honest comparisons, halves, clear errors."""

from __future__ import annotations

import csv
import io
import itertools

from tests.summaries.conftest import run_wb, summary_json
from tests.summaries.test_discretion import possible_values


def test_the_paragraph_reads_the_annual_report_figures(loaded, tmp_path):  # type: ignore[no-untyped-def]
    text = summary_json(loaded.instance, tmp_path, "--period", "2016/17")["paragraph"]
    assert text.startswith(
        "I beretningsåret 2016/17 modtog ordningen 39 henvendelser. Heraf var 33 anonyme. "
        "Henvendelserne indeholdt i alt 45 forhold, hvoraf 20 lå inden for ordningen og 25 "
        "uden for."
    )
    assert "blev 26 undersøgelser afsluttet; 9 af de afsluttede forhold blev bekræftet, " in text
    assert "og 12 førte til konsekvenser." in text
    assert "foreløbig" not in text


def test_the_english_paragraph_reads_the_same_figures(loaded, tmp_path):  # type: ignore[no-untyped-def]
    text = summary_json(loaded.instance, tmp_path, "--period", "2016/17")["paragraph_en"]
    assert text.startswith(
        "In the reporting year 2016/17 the scheme received 39 reports. Of these, 33 were "
        "anonymous. The reports contained 45 matters in all, of which 20 fell within the "
        "scheme and 25 outside it."
    )
    assert "In the reporting year 2016/17, 26 investigations were concluded; 9 of the " in text
    assert "concluded matters were confirmed, and 12 led to consequences." in text
    assert "preliminary" not in text and "ø" not in text and "å" not in text
    half = summary_json(loaded.instance, tmp_path, "--period", "2016/17-H1")["paragraph_en"]
    assert half.startswith("In the first half of the reporting year 2016/17 the scheme received")
    out = tmp_path / "en.html"
    args = ("summary", "--period", "2016/17", "--format", "html", "--lang", "en", "--out", str(out))
    assert run_wb(loaded.instance, *args).exit_code == 0
    html = out.read_text()
    assert '<p class="lead">In the reporting year 2016/17 the scheme received' in html
    assert "Matters by area" in html and "Major cases" in html


def test_the_reporting_year_halves_are_accepted_and_add_up_to_the_year(loaded, tmp_path):  # type: ignore[no-untyped-def]
    first = summary_json(loaded.instance, tmp_path, "--period", "2016/17-H1")
    second = summary_json(loaded.instance, tmp_path, "--from", "2016-10-01", "--to", "2017-03-31")
    assert first["version"] == second["version"] == "committee"
    assert (first["period"]["kind"], second["period"]["kind"]) == ("reporting_half",) * 2
    assert first["reports_received"] + second["reports_received"] == 39
    assert first["paragraph"].startswith("I 1. halvår af beretningsåret 2016/17 modtog")
    # Compared with the same half a year earlier, not with the half just before.
    assert [t["label"] for t in second["trend"]][-1] == "2015/16 H2"


def test_years_before_the_first_case_are_not_recorded_rather_than_zero(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--period", "2016/17")
    recorded = {t["label"]: t["recorded"] for t in figures["trend"]}
    assert recorded == {"2013/14": False, "2014/15": False, "2015/16": True}
    assert figures["trend"][0]["reports_received"] is None
    # A configured scheme start moves the line: 2015/16 ended before it.
    later = summary_json(
        loaded.instance, tmp_path, "--period", "2017/18", WB_SCHEME_START="2016-04-01"
    )
    assert {t["label"]: t["recorded"] for t in later["trend"]} == {
        "2014/15": False,
        "2015/16": False,
        "2016/17": True,
    }
    out = tmp_path / "s.html"
    run_wb(loaded.instance, "summary", "--period", "2016/17", "--format", "html", "--out", str(out))
    html = out.read_text()
    assert '<td class="num previous">–</td>' in html and ">+17</td>" in html


def test_a_quarter_is_compared_with_the_same_quarter_in_earlier_years(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--period", "2024-Q1")
    assert [t["label"] for t in figures["trend"]] == ["K1 2021", "K1 2022", "K1 2023"]


def test_an_unfinished_period_is_marked_preliminary(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--period", "2199")
    assert figures["preliminary"] is True
    assert "foreløbige" in figures["paragraph"]
    assert summary_json(loaded.instance, tmp_path, "--period", "2023")["preliminary"] is False


def test_the_acts_deadlines_do_not_apply_before_17_december_2021(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--period", "2016/17")
    for key in ("acknowledgement", "feedback"):
        counts = figures["deadlines"][key]
        assert counts["not_applicable"] == 39 and counts["not_recorded"] == 0, key
        assert counts["kept"] == counts["late"] == counts["overdue"] == 0


def test_notices_of_imported_years_are_not_recorded_and_csv_medians_say_median(loaded, tmp_path):  # type: ignore[no-untyped-def]
    assert (
        summary_json(loaded.instance, tmp_path, "--period", "2016/17")["committee_notices_recorded"]
        is False
    )
    result = run_wb(
        loaded.instance, "summary", "--period", "2016/17", "--format", "csv", "--out", "-"
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {"section": "committee_notices", "key": "not_recorded"}.items() <= next(
        r for r in rows if r["section"] == "committee_notices"
    ).items()
    medians = [r for r in rows if r["section"].startswith("median_days")]
    assert medians and all(r["label"].startswith("Median") for r in medians)
    assert not any("inden 7 dage" in r["label"] for r in medians)


def test_processing_times_are_split_by_route_each_with_its_count(loaded, tmp_path):  # type: ignore[no-untyped-def]
    figures = summary_json(loaded.instance, tmp_path, "--period", "2016/17")
    routes = figures["median_days_to_closing_by_route"]
    assert set(routes) == {"own_investigation", "forwarded", "outside", "declined_24d"}
    assert sum(r["count"] for r in routes.values()) == figures["matters_closed"] == 50
    assert routes["outside"]["count"] == 24
    # Investigations take far longer than rejections: one median for all would hide it.
    investigations = [routes["own_investigation"], routes["forwarded"]]
    assert all(r["median"] > routes["outside"]["median"] for r in investigations if r["count"])


def test_november_2016_no_longer_gives_anything_away(loaded, tmp_path):  # type: ignore[no-untyped-def]
    internal = summary_json(loaded.instance, tmp_path, "--period", "2016-11", "--internal")
    committee = summary_json(loaded.instance, tmp_path, "--period", "2016-11")
    year = summary_json(loaded.instance, tmp_path, "--period", "2016/17")
    for key, breakdown in committee["breakdowns"].items():
        exact = {c["code"]: c["value"] for c in internal["breakdowns"][key]["cells"]}
        # Every code is listed, zeros too, so a listed code does not say it occurred …
        assert [c["code"] for c in breakdown["cells"]] == list(exact), key
        shown = {c["code"]: c["shown"] for c in breakdown["cells"]}
        if breakdown["collapsed"]:
            assert set(shown.values()) == {"·"}, key
            continue
        # … no hidden cell follows from the shown ones and the total …
        for code, possible in possible_values(exact, breakdown["total"], shown).items():
            if exact[code]:
                assert len(possible) >= 2, (key, code, shown)
        # … and the reporting year hides every code November hides, so the year minus its
        # other months gives nothing back.
        year_shown = {c["code"]: c["shown"] for c in year["breakdowns"][key]["cells"]}
        for code, text in shown.items():
            if not text.isdigit():
                assert not year_shown[code].isdigit(), (key, code)


def test_impossible_dates_periods_and_outputs_give_one_line_not_a_traceback(loaded, tmp_path):  # type: ignore[no-untyped-def]
    cases = {
        ("--period", "0000"): "year must be between",
        ("--period", "9999"): "year must be between",
        ("--from", "0000-01-01", "--to", "0000-12-31"): "year 0 is out of range",
        ("--from", "9999-01-01", "--to", "9999-12-31"): "year must be between",
        ("--from", "2017-02-29", "--to", "2017-03-31"): "2017-02-29: there is no such date",
        ("--from", "2017-13-01", "--to", "2017-12-31"): "no such date",
        ("--from", "1.1.2017", "--to", "2017-12-31"): "write the date as YYYY-MM-DD",
    }
    for args, message in cases.items():
        result = run_wb(
            loaded.instance, "summary", *args, "--format", "json", "--out", str(tmp_path / "x")
        )
        assert result.exit_code != 0, args
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)
        assert len(result.output.strip().splitlines()) == 1, result.output
    # A directory that cannot be made (a file is in the way) fails even for root.
    (tmp_path / "file-not-dir").touch()
    for out in (tmp_path / "file-not-dir" / "s.json", tmp_path / "file-not-dir" / "a" / "s.json"):
        result = run_wb(
            loaded.instance, "summary", "--period", "2023", "--format", "json", "--out", str(out)
        )
        assert result.exit_code == 1 and "cannot write" in result.output, result.output
        assert isinstance(result.exception, SystemExit)
        assert len(result.output.strip().splitlines()) == 1


def test_every_code_is_listed_in_a_fixed_order_whatever_the_counts(loaded, tmp_path):  # type: ignore[no-untyped-def]
    orders = [
        {
            k: [c["code"] for c in b["cells"]]
            for k, b in summary_json(loaded.instance, tmp_path, "--period", p)["breakdowns"].items()
        }
        for p in ("2016/17", "2023", "2024-03")
    ]
    for first, second in itertools.pairwise(orders):
        assert first == second
