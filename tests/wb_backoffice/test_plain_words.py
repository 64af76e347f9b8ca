"""The back office speaks the unit's words: no code or identifier in visible text.

Every value of every enum staff can meet is put in the database directly: one matter per
route, status, outcome, consequence, criticism level, compliance state and administration;
one deadline per kind, recipient and reason it cannot be met; one identity request per
subject, requester, basis and decision; one committee notice per kind and general reason;
one case per case status, channel, legal hold reason and portal answer; one member per
role. Each page that shows these values is then read in Danish and in English as a head of
unit sees it, tags stripped, and must show labels only. Every label must exist in both
languages, and no Danish label may stand untranslated on an English page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
from collections.abc import Iterable, Iterator
from enum import Enum
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale
from flask_babel.speaklater import LazyString
from PIL import Image

import policies
import wb_backoffice
import wb_cases.summaries
from policies.deadlines import DeadlineKind, ExtensionKind
from policies.followups import FollowUpKind, Recipient
from policies.identity import IdentitySubject
from policies.outcomes import ComplianceStatus, Consequence, CriticismLevel, Outcome
from policies.reporter import NoWayBack
from policies.retention import RetentionClass
from policies.scenarios import SCENARIOS
from policies.scope import Reason as ScopeReason
from policies.scope import Scope
from policies.tracking import COMMITTEE_NOTICE_REASONS
from policies.workflow import CaseStatus, MatterEvent, MatterStatus
from tests.helpers import file_report
from wb_backoffice import labels, refusals
from wb_cases.db import transaction
from wb_cases.models import Case, CommitteeNotice, Deadline, IdentityRequest, Matter
from wb_cases.models.case import Channel
from wb_cases.models.staff import Role
from wb_cases.services.identity import (
    IdentityReason,
    OpeningState,
    RequestDecision,
    RequesterKind,
)
from wb_cases.services.intake import Identity
from wb_cases.services.legal_hold import HoldReason
from wb_cases.services.sanitize_labels import LABELS as SANITATION_LABELS

from .conftest import add_member, post
from .flow import Flow

ADMIN_CODES = [code for code, _name in labels.ADMINISTRATIONS]
# Kinds and general reasons of committee notices the services queue besides the follow-ups'.
NOTICE_KINDS = [
    *(str(k) for k in FollowUpKind if str(k).startswith("committee_notice")),
    "committee_notice_instance_outcome",
    "recommendation_not_followed",
    "identity_opened",
]
NOTICE_REASONS = [
    *COMMITTEE_NOTICE_REASONS.values(),
    "instance_outcome",
    "major_significance",
    "administration_account_received",
    "recommendation_not_followed",
    "imported",
]
# The unit's own request to open an identity is registered with requester "unit".
REQUESTERS = [*(str(r) for r in RequesterKind), "unit"]
ID_DECISIONS = [*(str(d) for d in RequestDecision), *(str(s) for s in OpeningState)]
PORTAL_ANSWERS = {
    "relation": ["employee", "partner", "other"],
    "raised_internally": ["no", "yes", "unsure"],
    "retaliation": ["no", "yes", "unsure"],
}

# Each enum staff meet, with the label table the back office names its values by.
TABLES: list[tuple[Iterable[Any], dict[str, Any]]] = [
    (policies.Route, labels.ROUTES),
    (Scope, labels.SCOPES),
    (MatterStatus, labels.STATUSES),
    (CaseStatus, labels.STATUSES),
    (FollowUpKind, labels.FOLLOW_UPS),
    (DeadlineKind, labels.DEADLINES),
    (Recipient, labels.RECIPIENTS),
    (Outcome, labels.OUTCOMES),
    (Consequence, labels.CONSEQUENCES),
    (CriticismLevel, labels.CRITICISM_LEVELS),
    (ComplianceStatus, labels.COMPLIANCE),
    (NoWayBack, labels.NO_WAY_BACK),
    (IdentitySubject, labels.ID_SUBJECTS),
    (REQUESTERS, labels.ID_REQUESTERS),
    (IdentityReason, labels.ID_BASES),
    (ID_DECISIONS, labels.ID_DECISIONS),
    (Role, labels.ROLES),
    (RetentionClass, labels.RETENTION_CLASSES),
    (HoldReason, labels.HOLD_REASONS),
    (Channel, labels.CHANNELS),
    (NOTICE_KINDS, labels.NOTICE_KINDS),
    (NOTICE_REASONS, labels.NOTICE_REASONS),
    (MatterEvent, refusals.EVENTS),
    (policies.Refusal, refusals.POLICY),
    (ADMIN_CODES, dict(labels.ADMINISTRATIONS)),
    *((values, labels.REPORT_VALUES) for values in PORTAL_ANSWERS.values()),
]
# Every value of every enum a facts field takes (category, area, relation, ...).
FACT_VALUES = [
    v for spec in policies.serde.describe(policies.MatterFacts) for v in spec["values"] or ()
]
# What is only ever a code: enum values and names, administrations, sanitation codes.
EVERY_CODE = {
    str(v.value if isinstance(v, Enum) else v) for values, _table in TABLES for v in values
}
EVERY_CODE |= set(FACT_VALUES) | set(SANITATION_LABELS) | {str(e) for e in ScopeReason}
EVERY_CODE |= {str(e) for e in ExtensionKind} | {str(e) for e in Channel}
EVERY_CODE |= {e.name.lower() for values, _table in TABLES for e in values if isinstance(e, Enum)}
# Field codes: the facts' and the outcome record's field names.
EVERY_CODE |= {spec["name"] for spec in policies.serde.describe(policies.MatterFacts)}
EVERY_CODE |= {f.name for f in dataclasses.fields(policies.OutcomeRecord)}

# Words only an English sentence has: one on a Danish page is English text left in it.
ENGLISH = {"the", "and", "when", "which", "with", "does", "this", "that", "must", "should"}
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
SANITATION = re.compile(r"\b(?:removed|remains|unchecked|note|kept):[a-z_]+\b")
HIDDEN = re.compile(r"<(script|style|title)\b.*?</\1>|<[^>]+>", re.S)
# What reporters and staff wrote is their own words, not the interface's.
WRITTEN = re.compile(r'<div class="reporter-text">.*?</div>', re.S)
CATALOG = Path(wb_backoffice.__file__).parent / "translations/en/LC_MESSAGES/messages.po"
# The committee's summary on /committee/ has its own catalog in wb_cases.
SUMMARY_CATALOG = (
    Path(wb_cases.summaries.__file__).parent / "translations/en/LC_MESSAGES/summaries.po"
)


def _english(catalogs: tuple[Path, ...] = (SUMMARY_CATALOG, CATALOG)) -> dict[str, str]:
    """English texts by their Danish msgid: the whole interface's, both catalogs, unless
    told."""
    english = {}
    for catalog in catalogs:
        with open(catalog, "rb") as handle:
            english |= {str(m.id): str(m.string) for m in read_po(handle) if isinstance(m.id, str)}
    return english


def _label_msgids() -> Iterator[str]:
    """The Danish msgid of every label in wb_backoffice/labels.py and refusals.py."""
    for module in (labels, refusals):
        for table in vars(module).values():
            if isinstance(table, dict):
                for value in table.values():
                    if isinstance(value, LazyString):
                        yield str(value._args[0])  # the msgid, whatever the locale


def _words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in re.findall(r"[^\W\d]+", text.lower())}


def _visible(page: str) -> str:
    """What a reader sees: the body's text, without tags, attributes or scripts."""
    body = page.split("<body", 1)[-1]
    return html.unescape(HIDDEN.sub(" ", WRITTEN.sub(" ", body)))


def _photo() -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Kamerafirma"  # Make: hidden data the cleaner removes
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _spread(values: Iterable[Any], n: int) -> list[str]:
    """``n`` values going round ``values``, so each appears at least once when n is enough."""
    return [str(v) for v in islice(cycle(list(values)), n)]


def _longest(*groups: Iterable[Any]) -> int:
    return max(len(list(g)) for g in groups)


class Everything:
    """The ids of the pages to read."""

    def __init__(self, flow: Flow, untriaged: int, forwarded: int, others: list[str]) -> None:
        self.flow, self.untriaged, self.forwarded = flow, untriaged, forwarded
        self.others = others


@pytest.fixture
def everything(instance, db) -> Everything:  # type: ignore[no-untyped-def]
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
    n = _longest(policies.Route, MatterStatus, Outcome, Scope, ADMIN_CODES) + 1
    flow.acknowledge(employee=True).split(*(f"Forhold {i}" for i in range(1, n + 2)))
    flow.triage(next(s for s in SCENARIOS if s.key == "E").facts, administration="okf")
    day = flow.day
    with transaction(db):
        matters = [db.get(Matter, m) for m in flow.matters[1:n]]
        columns = zip(
            matters,
            _spread(MatterStatus, n),
            _spread(policies.Route, n),
            _spread(Scope, n),
            _spread(ADMIN_CODES, n),
            _spread(Outcome, n),
            _spread(Consequence, n),
            _spread(CriticismLevel, n),
            _spread(ComplianceStatus, n),
            strict=False,
        )
        for m, status, route, scope, admin, outcome, consequence, level, compliance in columns:
            m.status, m.route, m.scope, m.administration = status, route, scope, admin
            m.triaged, m.outcomes, m.consequences = day, [outcome], [consequence]
            m.confirmed, m.criticism_level, m.compliance = True, level, compliance
        k = _longest(DeadlineKind, Recipient, NoWayBack) * 2
        for kind, recipient, reason, i in zip(
            _spread(DeadlineKind, k),
            _spread(Recipient, k),
            _spread(NoWayBack, k),
            range(k),
            strict=False,
        ):
            db.add(
                Deadline(
                    case_id=flow.case_id,
                    kind=DeadlineKind(kind),
                    due=day + dt.timedelta(days=i),
                    paragraph="§ 24c, stk. 2",
                    recipient=recipient,
                    impossible=reason if i % 2 else None,
                )
            )
        r = _longest(IdentitySubject, REQUESTERS, IdentityReason, ID_DECISIONS)
        for subject, requester, basis, decision in zip(
            _spread(IdentitySubject, r),
            _spread(REQUESTERS, r),
            _spread(IdentityReason, r),
            _spread(ID_DECISIONS, r),
            strict=False,
        ):
            db.add(
                IdentityRequest(
                    case_id=flow.case_id,
                    subject=subject,
                    requester_kind=requester,
                    basis=basis,
                    decision=decision,
                    day=day,
                    staff_id=flow.sid,
                )
            )
        c = _longest(NOTICE_KINDS, NOTICE_REASONS)
        for kind, reason in zip(_spread(NOTICE_KINDS, c), _spread(NOTICE_REASONS, c), strict=False):
            db.add(
                CommitteeNotice(
                    case_id=flow.case_id,
                    kind=kind,
                    paragraph="§ 24a, stk. 2",
                    general_reason=reason,
                    queued=day,
                )
            )
    # One case per case status, channel, hold reason and portal answer; closed ones long ago.
    c = _longest(CaseStatus, Channel, HoldReason, *PORTAL_ANSWERS.values())
    answers = zip(*(_spread(v, c) for v in PORTAL_ANSWERS.values()), strict=False)
    statuses, channels, holds = _spread(CaseStatus, c), _spread(Channel, c), _spread(HoldReason, c)
    others = []
    for status, channel, hold, (relation, raised, retaliation) in zip(
        statuses, channels, holds, answers, strict=False
    ):
        other = file_report(
            instance,
            db,
            answers={
                "what": "Andet",
                "relation": relation,
                "raised_internally": raised,
                "retaliation": retaliation,
            },
            today=dt.date(2026, 3, 3),
        )
        others.append(other.case_id)
        with transaction(db):
            case = db.get(Case, other.case_id)
            case.status, case.channel = status, channel
            if status == CaseStatus.CLOSED:
                case.closed = dt.date(2020, 1, 6)
            case.legal_hold, case.legal_hold_reason = True, hold
    for role in (Role.CASEWORKER, Role.COMMITTEE):
        add_member(instance, db, {Role.CASEWORKER: "hansen", Role.COMMITTEE: "jensen"}[role], role)
    return Everything(flow, flow.matters[n], flow.matters[0], others)


def _pages(every: Everything) -> list[str]:
    case_id = every.flow.case_id
    return [
        "/",
        "/?status=all",
        f"/cases/{case_id}",
        f"/matters/{every.untriaged}/triage",
        f"/matters/{every.forwarded}/forward",
        "/retention",
        "/admin/staff",
        "/committee/",
        "/admin/handover",
        *(f"/cases/{other}" for other in every.others),
    ]


def _codes(text: str, allowed: set[str]) -> set[str]:
    """Code-like tokens: snake_case, sanitation codes, and bare codes that are no word of
    the interface's own text in this language."""
    found = set(SNAKE.findall(text)) | set(SANITATION.findall(text))
    words = {w.lower() for w in re.findall(r"\b[A-Za-z]+\b", text)}
    return found | {w for w in words if w in EVERY_CODE and w not in allowed}


def _untranslated(text: str, english: dict[str, str]) -> set[str]:
    """Danish labels left standing on an English page: those the English catalog never
    uses itself (it keeps names such as "Intern Revision")."""
    used = " ".join(english.values())
    return {
        msgid
        for msgid in set(_label_msgids())
        if msgid not in used and re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_value_of_every_enum_shows_as_a_label(everything, head_client, lang):  # type: ignore[no-untyped-def]
    english = _english()
    allowed = _words(english if lang == "da" else english.values())
    allowed |= _words(name for _code, name in labels.ADMINISTRATIONS)
    found = {}
    pages = {
        path: head_client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        for path in _pages(everything)
    }
    # The decision page, once per scenario: the follow-ups of every kind of decision.
    for scenario in SCENARIOS:
        pages[f"decision {scenario.key}"] = post(
            head_client,
            f"/matters/{everything.untriaged}/triage/preview?lang={lang}",
            {**_form(scenario.facts), "administration": "okf"},
            token_from=f"/matters/{everything.untriaged}/triage?lang={lang}",
        )
    for path, response in pages.items():
        assert response.status_code == 200, (path, response.status_code)
        page = response.get_data(as_text=True)
        text = _visible(page)
        problems = _codes(text, allowed)
        if lang == "da":
            problems |= set(re.findall(r"\w+", text.lower())) & ENGLISH
        if lang == "en":  # the committee's figures too (tests/summaries/test_english.py)
            problems |= _untranslated(_visible(page), english)
        if problems:
            found[path] = sorted(problems)
    assert found == {}, "\n".join(f"{p}: {c}" for p, c in found.items())


def _form(facts: policies.MatterFacts) -> dict[str, str]:
    """The triage form as a caseworker fills it in for these facts."""
    values = facts.to_dict()
    form = {}
    for spec in policies.serde.describe(policies.MatterFacts):
        value = values[spec["name"]]
        checkbox = spec["type"] == "boolean" and not (spec["required"] or spec["nullable"])
        if checkbox:
            if value:
                form[spec["name"]] = "y"
        elif isinstance(value, bool):
            form[spec["name"]] = "true" if value else "false"
        elif value is not None:
            form[spec["name"]] = str(value)
    return form


@pytest.mark.parametrize("values, table", TABLES)
def test_every_value_has_its_label(values, table) -> None:  # type: ignore[no-untyped-def]
    codes = [str(v.value if isinstance(v, Enum) else v) for v in values]
    assert [c for c in codes if c not in table] == []


def test_every_facts_value_has_its_label() -> None:
    assert [v for v in FACT_VALUES if v not in labels.VALUES] == []


def test_every_facts_field_has_a_label_and_help_in_the_interface_language() -> None:
    names = [spec["name"] for spec in policies.serde.describe(policies.MatterFacts)]
    assert [n for n in names if n not in labels.FIELDS or n not in labels.HELP] == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_label_is_itself_a_code(app, lang) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context(), force_locale(lang):
        texts = {
            f"{name}[{code}]": str(value)
            for module in (labels, refusals)
            for name, table in vars(module).items()
            if isinstance(table, dict)
            for code, value in table.items()
        }
        texts |= {f"sanitation[{c}]": label.text(lang) for c, label in SANITATION_LABELS.items()}
    bad = {k: t for k, t in texts.items() if SNAKE.search(t) or SANITATION.search(t)}
    assert bad == {}


def test_every_label_has_an_english_translation() -> None:
    english = _english((CATALOG,))
    assert sorted(m for m in set(_label_msgids()) if not english.get(m)) == []
