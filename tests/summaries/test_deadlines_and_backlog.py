"""Deadlines kept, medians, the open backlog by age and committee notices by kind."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from tests.summaries.conftest import run_wb, summary_json
from wb_cases.db import transaction
from wb_cases.models import Case, CommitteeNotice, Deadline

D = dt.date


def _case(
    ref: str, received: str, ack: str | None, feedback: str | None, closed: str | None
) -> dict:
    return {
        "reference": ref,
        "received": received,
        "anonymous": True,
        "acknowledged": ack,
        "feedback_given": feedback,
        "matters": [
            {
                "scope": "inside",
                "closed": closed,
                "confirmed": False,
                "consequences": ["guidelines", "other"] if closed else [],
            }
        ],
    }


def test_deadlines_medians_backlog_and_notices(instance, tmp_path):  # type: ignore[no-untyped-def]
    document = {
        "format": "wb-cases/1",
        "cases": [
            _case(
                "A", "2025-01-06", "2025-01-07", "2025-03-01", "2025-02-05"
            ),  # 30 days to closing
            _case("B", "2025-01-06", "2025-01-20", None, None),  # ack late; feedback overdue; open
            _case("C", "2025-03-03", "2025-03-05", None, "2025-03-13"),  # 10 days to closing
            _case("D", "2024-01-15", "2024-01-16", "2024-02-01", None),  # open since 2024
        ],
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(document))
    assert run_wb(instance, "import", str(path)).exit_code == 0
    with instance.session() as session, transaction(session):
        case = session.scalars(select(Case).where(Case.external_reference == "A")).one()
        session.add_all(
            [
                Deadline(
                    case_id=case.id,
                    kind="answer",
                    due=D(2025, 2, 1),
                    done=D(2025, 1, 30),
                    paragraph="§ 15, stk. 1",
                ),
                Deadline(
                    case_id=case.id,
                    kind="answer",
                    due=D(2025, 2, 10),
                    done=D(2025, 2, 12),
                    paragraph="§ 15, stk. 1",
                ),
                Deadline(
                    case_id=case.id,
                    kind="answer",
                    due=D(2025, 3, 1),
                    done=None,
                    paragraph="§ 15, stk. 1",
                ),
                CommitteeNotice(
                    case_id=case.id,
                    kind="committee_notice_24d_decline",
                    paragraph="§ 24d, stk. 2",
                    general_reason="x",
                    queued=D(2025, 2, 3),
                    sent=D(2025, 2, 10),
                ),
                CommitteeNotice(
                    case_id=None,
                    kind="committee_notice_identity_request",
                    paragraph="§ 24a, stk. 2",
                    general_reason="x",
                    queued=D(2025, 3, 3),
                    sent=None,
                ),
            ]
        )
    data = summary_json(instance, tmp_path, "--period", "2025-Q1", "--internal")
    ack = data["deadlines"]["acknowledgement"]
    assert (ack["kept"], ack["late"], ack["total"]) == (2, 1, 3)
    feedback = data["deadlines"]["feedback"]
    assert feedback["kept"] == 1 and feedback["not_recorded"] == 2  # imported without a date
    answer = data["deadlines"]["answer"]
    assert (answer["kept"], answer["late"], answer["overdue"]) == (1, 1, 1)
    assert data["median_days"]["closing"] == {"median": 20.0, "count": 2}
    assert data["median_days"]["acknowledgement"] == {"median": 2.0, "count": 3}
    backlog = {c["code"]: c["value"] for c in data["backlog"]["cells"]}
    # At 31 March 2025: B open 84 days, D open 441 days.
    assert backlog == {"0-30": 0, "31-90": 1, "91-180": 0, "181-365": 0, "366+": 1}
    notices = data["committee_notices"]
    assert notices["committee_notice_24d_decline"]["queued"] == 1
    assert notices["committee_notice_24d_decline"]["sent"] == 1
    assert notices["committee_notice_identity_request"] == {
        "label": "Anmodning om indberetters identitet (§ 24a, stk. 2)",
        "queued": 1,
        "sent": 0,
    }
    consequences = {c["code"]: c["value"] for c in data["breakdowns"]["consequence"]["cells"]}
    # Every type is listed, zeros too (docs/summaries.md, Discretion).
    assert consequences == {
        "tightened_supervision": 0,
        "guidelines": 2,
        "disciplinary": 0,
        "other": 2,
    }
    assert data["with_consequences"] == 2
