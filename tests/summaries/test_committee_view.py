"""The back office's committee page: the committee's version for readers, exact for the unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ADMIN, ADMIN_PASSWORD, TODAY
from tests.summaries.conftest import FIXTURE, run_wb
from tests.summaries.test_english import danish_left
from tests.wb_backoffice.conftest import PASSWORD, add_member, enrol, login
from wb_backoffice import create_app
from wb_cases.models.staff import Role

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(instance):  # type: ignore[no-untyped-def]
    app = create_app(instance.backoffice)
    app.config.update(
        TESTING=True, WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False, WB_TODAY=TODAY
    )
    assert run_wb(instance, "import", str(FIXTURE)).exit_code == 0
    return app


def _reader(app, instance, db, username, role):  # type: ignore[no-untyped-def]
    client = app.test_client()
    if username == ADMIN:
        secret = enrol(instance, db, ADMIN)
        assert login(client, db, ADMIN, ADMIN_PASSWORD, secret).status_code == 302
        return client
    add_member(instance, db, username, role)
    secret = enrol(instance, db, username)
    assert login(client, db, username, PASSWORD, secret).status_code == 302
    return client


def test_a_committee_reader_sees_the_suppressed_summary_and_cannot_ask_for_exact_figures(
    app, instance, db
):  # type: ignore[no-untyped-def]
    client = _reader(app, instance, db, "udvalg", Role.COMMITTEE)
    page = client.get("/committee/?p=2016/17")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<td class="num" data-key="reports_received">39</td>' in html
    assert "&lt;3" in html and "<svg" in html and "<script" not in html
    assert "<style" not in html and ' style="' not in html  # CSP: style-src 'self'
    assert "/committee/style.css" in html and "BR-2016" not in html
    assert client.get("/committee/?p=2016/17&internal=1").status_code == 403
    assert client.get("/committee/?from=2016-04-02&to=2016-05-01").status_code == 400
    pdf = client.get("/committee/summary.pdf?p=2016/17")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    assert client.get("/committee/summary.json?p=2024-Q1").get_json()["reports_received"] == 33


def test_the_unit_may_see_exact_figures_for_any_range(app, instance, db):  # type: ignore[no-untyped-def]
    client = _reader(app, instance, db, ADMIN, Role.HEAD)
    page = client.get("/committee/?from=2016-09-01&to=2016-09-30&internal=1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Enhedens interne udgave" in html and "&lt;3" not in html
    data = client.get("/committee/summary.json?p=2016/17&internal=1").get_json()
    assert data["version"] == "internal" and data["investigations_closed"] == 26


def test_the_back_office_serves_the_summary_stylesheet_itself(app, instance, db):  # type: ignore[no-untyped-def]
    client = _reader(app, instance, db, ADMIN, Role.HEAD)
    response = client.get("/committee/style.css")
    source = (ROOT / "wb_cases" / "summaries" / "templates" / "summary.css").read_text()
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert response.get_data(as_text=True) == source
    assert not re.search(r"url\(", source)  # nothing fetched from anywhere


def test_reading_the_figures_is_audited_with_the_period_and_version_and_follows_the_threshold(
    app, instance, db
):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from sqlalchemy import select

    from wb_cases.models import AuditEntry

    config = app.extensions["wb_config"]
    app.extensions["wb_config"] = replace(
        config, common=replace(config.common, summary_threshold=5)
    )
    client = _reader(app, instance, db, "udvalg", Role.COMMITTEE)
    figures = client.get("/committee/summary.json?p=2016/17").get_json()
    assert figures["threshold"] == 5
    viewed = list(db.scalars(select(AuditEntry).where(AuditEntry.action == "figures.viewed")))
    assert len(viewed) == 1
    detail = viewed[0].detail
    detail = detail if isinstance(detail, dict) else __import__("json").loads(detail)
    assert detail["version"] == figures["version"]
    assert detail["from"].startswith("2016") and detail["to"].startswith("2017")


def test_an_english_back_office_shows_the_whole_summary_in_english(app, instance, db):  # type: ignore[no-untyped-def]
    client = _reader(app, instance, db, "udvalg", Role.COMMITTEE)
    html = client.get("/committee/?p=2016/17&lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert '<p class="lead">In the reporting year 2016/17 the scheme received 39' in html
    assert "Matters by area" in html and "Not recorded" in html
    article = re.search(r'<article class="wb-summary">.*?</article>', html, re.S)
    assert article is not None and danish_left(article.group()) == set()
    assert "Reports received" in article.group() and "Deadlines" in article.group()
    download = client.get("/committee/summary.csv?p=2016/17&lang=en").get_data(as_text=True)
    assert "figures,reports_received,Henvendelser modtaget,39" in download  # CSV stays Danish
    danish = client.get("/committee/?p=2016/17&lang=da").get_data(as_text=True)
    assert "I beretningsåret 2016/17 modtog ordningen 39 henvendelser." in danish
    assert "Forhold pr. område" in danish
