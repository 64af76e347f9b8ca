"""Time a year's committee summary at 100,000 cases (SQLite and PostgreSQL) and its PDF.

The data is bulk-inserted as rows with realistic plain fields and random
ciphertext of realistic size, never through intake (docs/architecture.md § 7).
Goals: `summary_year_ms_100k` ≤ 1000 ms on each database and
`summary_pdf_ms` ≤ 3000 ms, absolute on this 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import Engine, make_url

from wb_cases.db import make_engine, make_sessionmaker
from wb_cases.migrate import upgrade
from wb_cases.models import Case, Deadline, Matter
from wb_cases.summaries import build_summary, calendar_year
from wb_cases.summaries.render import to_pdf

CASES = 100_000
FIRST, YEARS = 2016, 10
PG_URL = os.environ.get(
    "WB_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TODAY = dt.date(2026, 3, 2)
ADMINISTRATIONS = ["ØKF", "KFF", "BUF", "SUF", "SOF", "TMF", "BIF"]
CATEGORIES = [
    "law_violation",
    "neglect",
    "legal_obligation_breach",
    "health_safety",
    "not_listed",
    "other_similar",
]
CONSEQUENCES = ["tightened_supervision", "guidelines", "disciplinary", "other"]
AREAS = ["finance", "employment", "work_environment", "other"]


def _rows(rng: random.Random, start: int, stop: int) -> tuple[list[dict[str, Any]], ...]:
    cases, matters, deadlines = [], [], []
    span = YEARS * 365
    for n in range(start, stop):
        received = dt.date(FIRST, 1, 1) + dt.timedelta(days=rng.randrange(span))
        case_id = secrets.token_hex(16)
        ack = received + dt.timedelta(days=rng.randint(1, 9))
        closed_case = received + dt.timedelta(days=rng.randint(5, 400))
        open_case = closed_case > TODAY
        cases.append(
            {
                "id": case_id,
                "number": f"WB-B-{n:07d}",
                "external_reference": None,
                "received": received,
                "status": "in_investigation" if open_case else "closed",
                "channel": "portal",
                "anonymous": rng.random() < 0.7,
                "administration": rng.choice(ADMINISTRATIONS),
                "receipt_lookup": os.urandom(32),
                "receipt_kdf": "argon2id$m=65536,t=3,p=4",
                "case_key_sealed": os.urandom(93),
                "case_key_receipt": os.urandom(61),
                "staff_key_sealed": os.urandom(93),
                "report": os.urandom(rng.randint(600, 2400)),
                "identity_sealed": None,
                "acknowledged": ack,
                "feedback_given": ack + dt.timedelta(days=rng.randint(20, 100)),
                "ack_due": received + dt.timedelta(days=7),
                "feedback_due": ack + dt.timedelta(days=90),
                "closed": None if open_case else closed_case,
                "next_due": None,
                "last_reporter_activity": received,
                "message_count": 0,
                "legal_hold": False,
                "purged": None,
                "assigned_staff_id": None,
            }
        )
        for seq in range(1, rng.choice([1, 1, 1, 2]) + 1):
            scope = rng.choices(["inside", "outside", "declined_24d", None], [45, 45, 3, 7])[0]
            closed = None if open_case or scope is None else closed_case
            confirmed = (rng.random() < 0.35) if closed and scope == "inside" else None
            matters.append(
                {
                    "case_id": case_id,
                    "seq": seq,
                    "title": os.urandom(80),
                    "status": "closed" if closed else "in_investigation",
                    "administration": rng.choice(ADMINISTRATIONS),
                    "category": rng.choice(CATEGORIES),
                    # Triaged matters carry their facts; the area breakdown reads one key.
                    "facts": None
                    if scope is None
                    else {
                        "predominant_area": rng.choice(AREAS),
                        "anonymous": True,
                        "category": "neglect",
                    },
                    "decision": None,
                    "scope": scope,
                    "scope_reason": "meets_threshold" if scope == "inside" else "below_threshold",
                    "route": "own_investigation" if scope == "inside" else "reject_with_feedback",
                    "overridden": False,
                    "override_reason": None,
                    "outcomes": [],
                    "confirmed": confirmed,
                    "major_significance": False,
                    "consequences": rng.sample(CONSEQUENCES, rng.randint(1, 2))
                    if confirmed
                    else [],
                    "closed": closed,
                }
            )
        for kind, due, done in (
            ("acknowledgement", received + dt.timedelta(days=7), ack),
            ("answer", received + dt.timedelta(days=40), None),
        ):
            deadlines.append(
                {
                    "case_id": case_id,
                    "matter_id": None,
                    "kind": kind,
                    "due": due,
                    "as_soon_as_possible": False,
                    "paragraph": "§ 15, stk. 1",
                    "done": done or (due if rng.random() < 0.8 else None),
                }
            )
    return cases, matters, deadlines


def load(engine: Engine) -> None:
    """Create the schema and bulk-insert CASES cases with their matters and deadlines."""
    upgrade(engine)
    rng = random.Random(7)  # noqa: S311 - benchmark data, not secrets
    with engine.begin() as conn:
        for start in range(0, CASES, 5000):
            cases, matters, deadlines = _rows(rng, start, min(start + 5000, CASES))
            conn.execute(insert(Case), cases)
            conn.execute(insert(Matter), matters)
            conn.execute(insert(Deadline), deadlines)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def _median_ms(action: Callable[[], object], rounds: int = 5) -> float:
    action()  # warm the caches once
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(engine: Engine, *, pdf: bool = False) -> dict[str, float]:
    sessions = make_sessionmaker(engine)
    year = calendar_year(2024)

    def summary() -> object:
        with sessions() as session:
            return build_summary(session, year, internal=False, today=TODAY)

    result = {"year_ms": _median_ms(summary)}
    if pdf:
        result["pdf_ms"] = _median_ms(lambda: to_pdf(summary()), rounds=3)  # type: ignore[arg-type]
    return result


def _row(name: str, value: float, goal: str) -> dict[str, Any]:
    limit = float(goal.split()[1])
    return {
        "name": name,
        "value": round(value, 1),
        "unit": "ms",
        "goal": goal,
        "ok": value <= limit,
    }


def run() -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        try:
            load(engine)
            figures = measure(engine, pdf=True)
        finally:
            engine.dispose()
    rows.append(_row("summary_year_ms_100k_sqlite", figures["year_ms"], "<= 1000"))
    rows.append(_row("summary_pdf_ms", figures["pdf_ms"], "<= 3000"))
    name = f"wb_bench_{secrets.token_hex(5)}"
    try:
        admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - no server: report SQLite only
        print(f"summary_bench: PostgreSQL unavailable ({error}); no _pg row", file=sys.stderr)
        return rows
    try:
        engine = make_engine(
            make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        )
        try:
            load(engine)
            rows.append(_row("summary_year_ms_100k_pg", measure(engine)["year_ms"], "<= 1000"))
        finally:
            engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
