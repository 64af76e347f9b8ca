"""The back office speaks the unit's words: no code or identifier in visible text.

A case is walked through acknowledgement, triage (forwarded to Intern Revision for
the Finance Administration), an identity request and a photo with hidden data, so
the main pages carry every kind of code; each page is then read in Danish and in
English as a caseworker sees it, tags stripped, and must show labels only.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from PIL import Image

import policies
from policies.deadlines import DeadlineKind
from policies.followups import FollowUpKind
from policies.scenarios import SCENARIOS
from policies.scope import Reason as ScopeReason
from tests.helpers import file_report
from wb_backoffice.labels import ADMINISTRATIONS
from wb_cases.models.staff import Role
from wb_cases.services import identity
from wb_cases.services.identity import IdentityReason, RequestDecision, RequesterKind
from wb_cases.services.intake import Identity

from .flow import Flow

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
SANITATION = re.compile(r"\b(?:removed|remains|unchecked|note|kept):[a-z_]+\b")
# Codes that are also plain English words are only codes on a Danish page.
ENUMS = [policies.Route, FollowUpKind, DeadlineKind, ScopeReason, IdentityReason, Role]
CODE_WORDS = {e.value for enum in ENUMS for e in enum}
ADMIN_CODES = {code for code, _name in ADMINISTRATIONS}
HIDDEN = re.compile(r"<(script|style|title)\b.*?</\1>|<[^>]+>", re.S)
# What reporters and staff wrote is their own words, not the interface's.
WRITTEN = re.compile(r'<div class="reporter-text">.*?</div>', re.S)


def _visible(page: str) -> str:
    """What a reader sees: the body's text, without tags, attributes or scripts."""
    body = page.split("<body", 1)[-1]
    return html.unescape(HIDDEN.sub(" ", WRITTEN.sub(" ", body)))


def _codes(text: str, danish: bool) -> set[str]:
    found = set(SNAKE.findall(text)) | set(SANITATION.findall(text))
    words = set(re.findall(r"\b[a-z]+\b", text))
    found |= words & ADMIN_CODES
    if danish:
        found |= words & CODE_WORDS
    return found


def _photo() -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Kamerafirma"  # Make: hidden data the cleaner removes
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def walked(instance, db):  # type: ignore[no-untyped-def]
    """A case forwarded to Intern Revision, an identity request, a second new case."""
    flow = Flow(instance, db)
    filed = file_report(
        instance,
        db,
        answers={"what": "Fakturaer", "relation": "employee"},
        anonymous=False,
        identity=Identity("Navn Navnesen", "navn@example.org"),
        files=[("foto.jpg", _photo())],
        today=flow.day,
    )
    flow.case_id, flow.receipt = filed.case_id, filed.receipt_code
    flow.acknowledge(employee=True).split("Fakturaer")
    facts = next(s for s in SCENARIOS if s.key == "E").facts
    flow.triage(facts, administration="okf")
    flow.do(
        identity.register_identity_request,
        flow.case_id,
        requester=RequesterKind.PERSON_REPORTED_ON,
        basis=next(iter(IdentityReason)),
        decision=RequestDecision.REFUSED,
        staff_id=flow.sid,
        today=flow.day,
    )
    file_report(instance, db, today=dt.date(2026, 3, 3))
    return flow


def _pages(flow: Flow) -> list[str]:
    return [
        "/",
        f"/cases/{flow.case_id}",
        f"/matters/{flow.matters[0]}/triage",
        "/retention",
        "/admin/staff",
        "/committee/",
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_main_page_shows_labels_not_codes(walked, head_client, lang):  # type: ignore[no-untyped-def]
    found = {}
    for path in _pages(walked):
        response = head_client.get(path, query_string={"lang": lang})
        assert response.status_code == 200, path
        codes = _codes(_visible(response.get_data(as_text=True)), danish=lang == "da")
        if codes:
            found[path] = sorted(codes)
    assert found == {}, "\n".join(f"{p}: {c}" for p, c in found.items())
