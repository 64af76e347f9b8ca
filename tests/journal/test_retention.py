"""Retention: purge deletes due cases, skips held ones, writes tombstones that keep the
summaries and journal references; fresh reporter input postpones; the warning list."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import policies
from tests.helpers import intake_keys
from tests.wb_backoffice.flow import SETTINGS, Flow
from wb_cases.cli import main
from wb_cases.config import RETENTION_VARIABLES as ENV_NAMES
from wb_cases.config import RetentionConfig, retention_from_env
from wb_cases.db import transaction
from wb_cases.models import AuditEntry, Case
from wb_cases.services import journal, legal_hold, outcomes, reporter_access, retention
from wb_cases.summaries import build_summary, calendar_year

DOCS = Path(__file__).resolve().parents[2] / "docs" / "retention.md"


def _closed(instance, db, received: dt.date) -> Flow:  # type: ignore[no-untyped-def]
    flow = Flow(instance, db, day=received).file(anonymous=False, what="Hemmeligt forhold")
    flow.acknowledge(employee=True).split("forhold")
    flow.triage(policies.scenarios.SCENARIOS[2].facts)  # C: own investigation
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[policies.Outcome.SHELVED_WITH_FEEDBACK],
        confirmed=False,
        staff_id=flow.sid,
        today=flow.later(20),
        settings=SETTINGS,
    )
    flow.close_all()
    return flow


def _env(instance) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "WB_DATA_DIR": str(instance.common.data_dir),
        "WB_DATABASE_URL": instance.common.database_url,
    }


def _summary(db, year: int):  # type: ignore[no-untyped-def]
    db.expire_all()
    found = build_summary(db, calendar_year(year), internal=True, today=dt.date(2026, 3, 2))
    return dataclasses.replace(found, audit_seq=0, audit_head="")


def test_purge_deletes_due_cases_skips_held_ones_and_keeps_summaries_and_journal_refs(instance, db):  # type: ignore[no-untyped-def]
    due = _closed(instance, db, dt.date(2020, 2, 3))
    held = _closed(instance, db, dt.date(2020, 3, 3))
    with transaction(db):
        journal.record_journal_ref(
            db, due.case_id, "report", "20/0042-1", staff_id=due.sid, today=dt.date(2020, 3, 1)
        )
        legal_hold.set_legal_hold(
            db,
            held.case_id,
            legal_hold.HoldReason.LITIGATION,
            staff_id=held.sid,
            today=dt.date(2021, 1, 1),
        )
    before = _summary(db, 2020)

    dry = CliRunner().invoke(main, ["purge", "--dry-run"], env=_env(instance))
    assert dry.exit_code == 0, dry.output
    assert re.search(rf"{due.case.number}\s+ends \S+\s+would purge", dry.output)
    assert re.search(rf"{held.case.number}\s+ends \S+\s+held: litigation", dry.output)

    result = CliRunner().invoke(main, ["purge"], env=_env(instance))
    assert result.exit_code == 0, result.output
    assert due.case.number in result.output and held.case.number not in result.output
    db.expire_all()
    tomb = db.get(Case, due.case_id)
    assert tomb.purged is not None and tomb.report == b"" and tomb.identity_sealed is None
    assert tomb.number and tomb.received == dt.date(2020, 2, 3) and tomb.closed is not None
    assert tomb.matters[0].scope == "inside" and tomb.matters[0].title is None
    assert db.get(Case, held.case_id).purged is None
    assert _summary(db, 2020) == before
    refs = journal.journal_status(db, tomb)
    assert [(r.ref, r.journal_ref) for r in refs] == [("report", "20/0042-1")]

    with transaction(db):
        legal_hold.lift_legal_hold(db, held.case_id, staff_id=held.sid, today=dt.date(2026, 3, 2))
    actions = {e.action for e in db.scalars(select(AuditEntry))}
    assert {"case.legal_hold_set", "case.legal_hold_lifted", "case.purged"} <= actions
    with transaction(db):
        numbers, _blobs = retention.purge_expired(db, today=dt.date(2026, 3, 2))
    assert numbers == [held.case.number]
    assert _summary(db, 2020) == before


def test_fresh_input_from_the_reporter_postpones_deletion(instance, db):  # type: ignore[no-untyped-def]
    flow = _closed(instance, db, dt.date(2024, 1, 8))
    config = RetentionConfig()
    end = retention.retention_ends(flow.case, config.settings)
    assert end is not None
    access = reporter_access.open_case_with_receipt(db, flow.receipt, intake_keys(instance))
    late = end - dt.timedelta(days=1)
    with transaction(db):
        reporter_access.add_reporter_message(
            db, access, "En ting mere", instance.backend.file_store, today=late
        )
    db.expire_all()
    assert retention.retention_ends(flow.case, config.settings) == policies.add_months(late, 6)
    assert retention.purgeable(db, end) == []


def test_the_warning_list_shows_cases_due_within_the_horizon(instance, db):  # type: ignore[no-untyped-def]
    flow = _closed(instance, db, dt.date(2020, 2, 3))
    end = retention.retention_ends(flow.case)
    assert end is not None
    config = RetentionConfig(warning_days=30)
    assert retention.due_for_deletion(db, end - dt.timedelta(days=31), config) == []
    [item] = retention.due_for_deletion(db, end - dt.timedelta(days=30), config)
    assert item.number == flow.case.number and item.ends == end and not item.legal_hold


def test_retention_periods_come_from_the_environment_and_the_docs_list_every_default():  # type: ignore[no-untyped-def]
    config = retention_from_env(
        {"WB_RETENTION_INVESTIGATED_CONFIRMED_MONTHS": "120", "WB_RETENTION_WARNING_DAYS": "14"}
    )
    assert config.settings.months[policies.RetentionClass.INVESTIGATED_CONFIRMED] == 120
    assert config.warning_days == 14
    from wb_cases.errors import ConfigError

    with pytest.raises(ConfigError):
        retention_from_env({"WB_RETENTION_OUTSIDE_SCOPE_MONTHS": "-1"})
    docs = DOCS.read_text()
    defaults = retention_from_env({})
    for cls, name in ENV_NAMES.items():
        assert re.search(rf"`{name}` \| {defaults.settings.months[cls]} \|", docs), name
    assert "`WB_RETENTION_AFTER_REPORTER_INPUT_MONTHS` | 6 |" in docs
    assert "`WB_RETENTION_WARNING_DAYS` | 30 |" in docs


def test_the_back_office_lists_due_cases_and_sets_and_lifts_a_hold(instance, db, head_client):  # type: ignore[no-untyped-def]
    from tests.wb_backoffice.conftest import post

    flow = _closed(instance, db, dt.date(2020, 2, 3))
    page = head_client.get("/retention").get_data(as_text=True)
    assert flow.case.number in page
    response = post(
        head_client,
        f"/cases/{flow.case_id}/hold",
        {"reason": "police"},
        token_from=f"/cases/{flow.case_id}",
    )
    assert response.status_code == 302
    assert db.get(Case, flow.case_id).legal_hold_reason == "police"
    assert "ja (Politiets efterforskning)" in head_client.get("/retention").get_data(as_text=True)
    post(head_client, f"/cases/{flow.case_id}/hold/lift", token_from=f"/cases/{flow.case_id}")
    db.expire_all()
    assert db.get(Case, flow.case_id).legal_hold is False
