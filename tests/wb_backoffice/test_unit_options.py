"""`WB_OPTION_*` / `WB_DEADLINE_*` reach the back office's decisions and deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.conftest import TODAY
from tests.helpers import file_report
from wb_backoffice import create_app
from wb_cases.config import backoffice_from_env
from wb_cases.models import Deadline, Matter

from .conftest import post

WORK_ENVIRONMENT = {
    "reporter_relation": "partner_supplier",
    "anonymous": "true",
    "category": "law_violation",
    "threshold": "gross",
    "material_to_tasks": "y",
    "subject": "administration",
    "top_official": "none",
    "exclusion": "none",
    "gravity": "gross",
    "documentable": "true",
    "predominant_area": "work_environment",
    "administration": "okf",
}


def _app(instance: Any, **env: str) -> Flask:
    config = backoffice_from_env(
        {
            "WB_DATA_DIR": str(instance.common.data_dir),
            "WB_DATABASE_URL": instance.common.database_url,
            **env,
        }
    )
    app = create_app(config)
    app.config.update(
        TESTING=True, WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False, WB_TODAY=TODAY
    )
    return app


@pytest.fixture(params=["default", "switched"])
def app(request: pytest.FixtureRequest, instance: Any) -> Iterator[Flask]:
    if request.param == "default":
        yield _app(instance)
    else:
        yield _app(
            instance,
            WB_OPTION_WORK_ENVIRONMENT_PROCEDURE="1",
            WB_OPTION_LOWER_SERVICE_LEVEL="1",
            WB_DEADLINE_WORKING_DAY="0",
        )


def _triaged_matter(instance: Any, db: Any, client: Any) -> Matter:
    filed = file_report(instance, db)
    post(
        client,
        f"/cases/{filed.case_id}/split",
        {"titles": "Arbejdsmiljø"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    preview = post(
        client,
        f"/matters/{matter.id}/triage/preview",
        WORK_ENVIRONMENT,
        token_from=f"/matters/{matter.id}/triage",
    )
    assert preview.status_code == 200
    confirm = post(
        client,
        f"/matters/{matter.id}/triage",
        WORK_ENVIRONMENT,
        token_from=f"/matters/{matter.id}/triage",
    )
    assert confirm.status_code == 302
    db.expire_all()
    return db.get(Matter, matter.id)


def test_the_work_environment_switch_changes_the_route_the_back_office_records(  # type: ignore[no-untyped-def]
    instance, db, app, head_client
):
    matter = _triaged_matter(instance, db, head_client)
    switched = app.extensions["wb_config"].common.unit_options.work_environment_procedure
    assert matter.route == ("work_environment_procedure" if switched else "own_investigation")
    assert ("2023" in str(matter.decision["legal_bases"])) is switched


def test_a_lower_service_level_doubles_the_answer_period_of_a_request(  # type: ignore[no-untyped-def]
    instance, db, app, head_client
):
    if app.extensions["wb_config"].common.unit_options.work_environment_procedure:
        facts = dict(WORK_ENVIRONMENT, predominant_area="other")
    else:
        facts = WORK_ENVIRONMENT
    filed = file_report(instance, db)
    post(
        head_client,
        f"/cases/{filed.case_id}/split",
        {"titles": "x"},
        token_from=f"/cases/{filed.case_id}",
    )
    matter = db.scalar(select(Matter).where(Matter.case_id == filed.case_id))
    post(
        head_client,
        f"/matters/{matter.id}/triage",
        facts,
        token_from=f"/matters/{matter.id}/triage",
    )
    response = post(
        head_client, f"/matters/{matter.id}/request", token_from=f"/cases/{filed.case_id}"
    )
    assert response.status_code == 302
    db.expire_all()
    answer = db.scalar(
        select(Deadline).where(Deadline.case_id == filed.case_id, Deadline.kind == "answer")
    )
    lower = app.extensions["wb_config"].common.unit_options.lower_service_level
    # TODAY + 21 days is a Monday, so moving to a working day changes nothing here.
    assert answer.due == TODAY + dt.timedelta(days=42 if lower else 21)
    page = head_client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Anmodningen til forvaltningen er registreret; svarfristen er {answer.due}." in page
