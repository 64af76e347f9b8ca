"""The corpus, built once per session, and each file cleaned once per session."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import policies
from policies.scenarios import SCENARIOS
from tests.helpers import intake_keys, stage
from tests.wb_backoffice.flow import Flow
from wb_cases import sandbox
from wb_cases.db import transaction
from wb_cases.services import intake
from wb_cases.services.sanitize import Cleaning, clean_data, clean_staged

from . import corpus

FACTS = {s.key: s.facts for s in SCENARIOS}
needs_sandbox = pytest.mark.skipif(not sandbox.available(), reason="bubblewrap cannot run here")


@pytest.fixture(scope="session")
def planted_files(tmp_path_factory: Any) -> dict[str, bytes]:
    return corpus.build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def cleaned_files(planted_files: dict[str, bytes]) -> dict[str, Cleaning]:
    # Each cleaning is its own sandboxed process: two at a time use both cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(
            lambda item: (item[0], clean_data(item[1], name=item[0])), planted_files.items()
        )
        return dict(done)


def file_cleaned(instance: Any, db: Any, files: dict[str, bytes]) -> Flow:
    """File a report whose attachments went through the cleaner, as the portal does, and
    forward its matter to Internal Audit."""
    file_store = instance.backend.file_store
    staged = [
        clean_staged(file_store, stage(file_store, name, files[name]), limit=1 << 30)
        for name in files
    ]
    with transaction(db):
        filed = intake.file_report(
            db,
            intake.NewReport(
                answers={"what": "Dobbeltbetaling af fakturaer"},
                anonymous=True,
                identity=None,
                attachments=staged,
            ),
            intake_keys(instance),
            file_store,
            today=dt.date(2026, 3, 2),
            settings=policies.DeadlineSettings(),
        )
    flow = Flow(instance, db)
    flow.case_id, flow.receipt = filed.case_id, filed.receipt_code
    flow.acknowledge(employee=True).split("Dobbeltbetaling")
    flow.triage(FACTS["E"])
    return flow
