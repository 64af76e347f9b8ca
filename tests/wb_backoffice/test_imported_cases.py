"""Import you can run in production: receipt logins and case pages keep working after it."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import TODAY
from tests.helpers import file_report
from tests.wb_portal.actors import Reporter
from wb_cases.db import transaction
from wb_cases.models import Case
from wb_cases.services.importing import import_cases
from wb_portal import create_app as create_portal

OLD_CASE = {
    "format": "wb-cases/1",
    "cases": [
        {
            "reference": "OLD-1",
            "received": "2025-05-02",
            "anonymous": True,
            "administration": None,
            "matters": [
                {"scope": "inside", "closed": "2025-09-01", "confirmed": True, "consequences": []}
            ],
        }
    ],
}


def _import(instance, db) -> Case:  # type: ignore[no-untyped-def]
    with transaction(db):
        import_cases(db, OLD_CASE, unit_public_key=instance.portal.unit_public_key, today=TODAY)
    return db.scalar(select(Case).where(Case.external_reference == "OLD-1"))


def test_a_receipt_login_works_after_an_import(instance, db):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db)
    _import(instance, db)
    reporter = Reporter(create_portal(instance.portal, TESTING=True).test_client())
    response = reporter.login(filed.receipt_code)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    assert reporter.case_page().status_code == 200


def test_an_imported_case_page_renders_in_the_back_office(instance, db, head_client):  # type: ignore[no-untyped-def]
    case = _import(instance, db)
    response = head_client.get(f"/cases/{case.id}")
    assert response.status_code == 200
    assert case.number in response.get_data(as_text=True)


def test_a_case_imported_before_imports_had_keys_renders_after_the_next_import(
    instance, db, head_client
):  # type: ignore[no-untyped-def]
    case = _import(instance, db)
    with transaction(db):
        case.case_key_sealed = case.staff_key_sealed = case.report = b""
    _import(instance, db)
    response = head_client.get(f"/cases/{case.id}")
    assert response.status_code == 200
    assert case.number in response.get_data(as_text=True)
