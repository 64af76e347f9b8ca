"""`wb import`: all or nothing, the malformed case and field named, idempotent by reference."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.summaries.conftest import FIXTURE, run_wb
from wb_cases.models import AuditEntry, Case, Matter
from wb_cases.services.casefile import read_case_as_staff
from wb_cases.services.keyring import unlock_with_recovery_key

GOOD = {
    "format": "wb-cases/1",
    "cases": [
        {
            "reference": "OLD-1",
            "received": "2019-05-02",
            "anonymous": True,
            "matters": [
                {
                    "scope": "inside",
                    "closed": "2019-09-01",
                    "confirmed": True,
                    "consequences": ["guidelines", "disciplinary"],
                },
                {"scope": "outside", "closed": None, "confirmed": None, "consequences": []},
            ],
        },
        {
            "reference": "OLD-2",
            "received": "2019-06-10",
            "anonymous": False,
            "matters": [
                {
                    "scope": "declined_24d",
                    "closed": "2019-06-12",
                    "confirmed": None,
                    "consequences": [],
                }
            ],
        },
        {"reference": "OLD-3", "received": "2019-07-01", "anonymous": True, "matters": []},
    ],
}


def _write(tmp_path: Path, document: object, name: str = "cases.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


def _counts(instance) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with instance.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Case)) or 0,
            session.scalar(select(func.count()).select_from(Matter)) or 0,
        )


def test_import_stores_plain_fields_and_no_ciphertext(instance, tmp_path):  # type: ignore[no-untyped-def]
    result = run_wb(instance, "import", str(_write(tmp_path, GOOD)))
    assert result.exit_code == 0, result.output
    assert "imported 3 cases with 3 matters" in result.output
    with instance.session() as session:
        case = session.scalars(select(Case).where(Case.external_reference == "OLD-1")).one()
        assert case.channel == "import" and case.receipt_lookup is None
        # No content travels: the report is empty under the case's own fresh key.
        keys = unlock_with_recovery_key(session, instance.recovery_key)
        assert read_case_as_staff(session, keys, case.id).report == {}
        assert case.number.startswith("WB-2019-")
        assert case.status == "in_investigation"  # one matter still open
        assert [m.scope for m in case.matters] == ["inside", "outside"]
        assert case.matters[0].consequences == ["guidelines", "disciplinary"]
        declined = session.scalars(select(Case).where(Case.external_reference == "OLD-2")).one()
        assert declined.status == "closed" and declined.closed.isoformat() == "2019-06-12"
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry.action == "cases.imported" and entry.detail["imported"] == 3


def test_importing_the_same_file_twice_changes_nothing(instance, tmp_path):  # type: ignore[no-untyped-def]
    path = _write(tmp_path, GOOD)
    assert run_wb(instance, "import", str(path)).exit_code == 0
    before = _counts(instance)
    again = run_wb(instance, "import", str(path))
    assert again.exit_code == 0, again.output
    assert "imported 0 cases" in again.output and "3 already imported" in again.output
    assert _counts(instance) == before
    # A file that adds one case to an earlier import imports only the new one.
    more = copy.deepcopy(GOOD)
    more["cases"].append(
        {"reference": "OLD-4", "received": "2019-08-01", "anonymous": True, "matters": []}
    )
    result = run_wb(instance, "import", str(_write(tmp_path, more, "more.json")))
    assert "imported 1 cases" in result.output and "3 already imported" in result.output


def test_a_changed_case_under_a_known_reference_is_refused(instance, tmp_path):  # type: ignore[no-untyped-def]
    assert run_wb(instance, "import", str(_write(tmp_path, GOOD))).exit_code == 0
    changed = copy.deepcopy(GOOD)
    changed["cases"][0]["matters"][0]["confirmed"] = False
    result = run_wb(instance, "import", str(_write(tmp_path, changed, "changed.json")))
    assert result.exit_code != 0
    assert "cases[0] (reference 'OLD-1')" in result.output
    assert "matters[0].confirmed" in result.output


@pytest.mark.parametrize(
    ("where", "value", "named"),
    [
        (
            ("matters", 0, "scope"),
            "sideways",
            "field 'scope' must be one of inside, outside, declined_24d",
        ),
        (("received",), "02-05-2019", "field 'received' must be a date YYYY-MM-DD"),
        (("anonymous",), "yes", "field 'anonymous' must be true or false"),
        (("matters", 0, "consequences"), ["fired"], "field 'consequences' holds 'fired'"),
        (("matters", 0, "closed"), "2019-01-01", "field 'closed' (2019-01-01) is before"),
        (("matters", 0, "colour"), "red", "unknown field 'colour'"),
        (("matters", 0, "confirmed"), "maybe", "field 'confirmed' must be true or false"),
    ],
)
def test_one_malformed_case_rejects_the_whole_file_naming_case_and_field(
    instance, tmp_path, where, value, named
):  # type: ignore[no-untyped-def]
    document = copy.deepcopy(GOOD)
    target = document["cases"][1]
    if where[0] == "matters":
        target = target["matters"][0]
        where = where[2:]
    target[where[0]] = value
    result = run_wb(instance, "import", str(_write(tmp_path, document)))
    assert result.exit_code != 0
    assert "nothing imported" in result.output
    assert "cases[1] (reference 'OLD-2')" in result.output
    assert named in result.output
    if len(where) and "matters" in json.dumps(where):
        assert "matters[0]" in result.output
    assert _counts(instance) == (0, 0)


def test_missing_fields_duplicates_and_wrong_formats_are_named(instance, tmp_path):  # type: ignore[no-untyped-def]
    no_scope = copy.deepcopy(GOOD)
    del no_scope["cases"][0]["matters"][1]["scope"]
    out = run_wb(instance, "import", str(_write(tmp_path, no_scope))).output
    assert "cases[0] (reference 'OLD-1'): matters[1]: field 'scope' is required" in out
    duplicate = copy.deepcopy(GOOD)
    duplicate["cases"][2]["reference"] = "OLD-1"
    out = run_wb(instance, "import", str(_write(tmp_path, duplicate))).output
    assert "cases[2] (reference 'OLD-1'): field 'reference' repeats cases[0]" in out
    assert (
        "'format' must be 'wb-cases/1'"
        in run_wb(instance, "import", str(_write(tmp_path, {**GOOD, "format": "v2"}))).output
    )
    (tmp_path / "broken.json").write_text("{not json")
    assert "is not valid JSON" in run_wb(instance, "import", str(tmp_path / "broken.json")).output
    assert _counts(instance) == (0, 0)


def test_a_dry_run_checks_and_counts_but_stores_nothing(instance):  # type: ignore[no-untyped-def]
    result = run_wb(instance, "import", "--dry-run", str(FIXTURE))
    assert result.exit_code == 0, result.output
    assert "would import 199 cases" in result.output
    assert _counts(instance) == (0, 0)


def test_the_fixture_import_reports_what_it_did(loaded):  # type: ignore[no-untyped-def]
    assert "imported 199 cases with 240 matters; 0 already imported" in loaded.import_output


@pytest.mark.parametrize(
    ("received", "problem"),
    [
        ("1900-01-01", "field 'received' (1900-01-01) is implausible: before 1990"),
        ("2199-01-01", "field 'received' (2199-01-01) is in the future"),
    ],
)
def test_implausible_receipt_dates_are_refused_naming_case_and_field(
    instance, tmp_path, received, problem
):  # type: ignore[no-untyped-def]
    document = copy.deepcopy(GOOD)
    document["cases"][2]["received"] = received
    result = run_wb(instance, "import", str(_write(tmp_path, document)))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "cases[2] (reference 'OLD-3')" in result.output and problem in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _counts(instance) == (0, 0)


def test_cases_before_the_scheme_start_need_an_explicit_flag(instance, tmp_path):  # type: ignore[no-untyped-def]
    path = _write(tmp_path, GOOD)
    refused = run_wb(instance, "import", str(path), WB_SCHEME_START="2019-06-01")
    assert refused.exit_code == 1
    assert "cases[0] (reference 'OLD-1'): field 'received' (2019-05-02) is before the scheme" in (
        refused.output
    )
    assert _counts(instance) == (0, 0)
    accepted = run_wb(
        instance, "import", "--before-scheme-start", str(path), WB_SCHEME_START="2019-06-01"
    )
    assert accepted.exit_code == 0, accepted.output
    bad = run_wb(instance, "import", str(path), WB_SCHEME_START="2019-02-30")
    assert bad.exit_code == 1 and "WB_SCHEME_START" in bad.output


def test_an_import_carries_committee_notices_into_the_summary(instance, tmp_path):  # type: ignore[no-untyped-def]
    from tests.summaries.conftest import summary_json

    document = copy.deepcopy(GOOD)
    document["cases"][1]["committee_notices"] = [
        {"kind": "committee_notice_24d_decline", "queued": "2019-06-12", "sent": "2019-06-20"}
    ]
    assert run_wb(instance, "import", str(_write(tmp_path, document))).exit_code == 0
    figures = summary_json(instance, tmp_path, "--period", "2019", "--internal")
    assert figures["committee_notices_recorded"] is True
    assert figures["committee_notices"]["committee_notice_24d_decline"]["queued"] == 1
    assert figures["committee_notices"]["committee_notice_24d_decline"]["sent"] == 1
    wrong = copy.deepcopy(GOOD)
    wrong["cases"][0]["committee_notices"] = [{"kind": "gossip", "queued": "2019-06-12"}]
    out = run_wb(instance, "import", str(_write(tmp_path, wrong, "w.json"))).output
    assert "cases[0] (reference 'OLD-1'): committee_notices[0]: field 'kind' must be one of" in out


def test_an_import_carries_the_major_case_flag_into_the_summary(instance, tmp_path):  # type: ignore[no-untyped-def]
    from tests.summaries.conftest import summary_json

    document = copy.deepcopy(GOOD)
    document["cases"][0]["major"] = True
    assert run_wb(instance, "import", str(_write(tmp_path, document))).exit_code == 0
    with instance.session() as session:
        flags = {c.external_reference: c.major for c in session.scalars(select(Case))}
    assert flags == {"OLD-1": True, "OLD-2": False, "OLD-3": False}
    figures = summary_json(instance, tmp_path, "--period", "2019")
    assert figures["major_cases"] == {"received": 1, "closed": 0}
    # Importing the file again with the flag changed is refused: an import never changes a case.
    document["cases"][0]["major"] = False
    out = run_wb(instance, "import", str(_write(tmp_path, document, "again.json"))).output
    assert "field 'major' differs" in out
