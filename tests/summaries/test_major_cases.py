"""Major cases in the annual report (§ 24h, stk. 2): only a head's approved, reviewed text
reaches the committee, and a text edited in the database afterwards is not shown."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import select, update

from tests.conftest import TODAY
from tests.summaries.conftest import summary_json
from tests.wb_backoffice.conftest import add_member
from tests.wb_backoffice.flow import Flow
from wb_cases.db import transaction
from wb_cases.errors import NotFoundError, PermissionDeniedError
from wb_cases.models import AuditEntry, Case, MajorSummary
from wb_cases.models.major import APPROVED_ACTION, WITHDRAWN_ACTION
from wb_cases.models.staff import Role
from wb_cases.services import major_cases
from wb_cases.services import staff as staff_service
from wb_cases.summaries import build_summary, calendar_year
from wb_cases.summaries.render import render, to_csv, to_html

TEXT = (
    "En større sag om indkøb i en forvaltning viste gentagne brud på udbudsreglerne "
    "over flere år. Forvaltningen har strammet sine retningslinjer og sit tilsyn."
)
SECRET_DRAFT = "Udkast: lederen af indkøbskontoret, Jens Hansen, skrev til jens@example.dk"


def _major_case(instance, db) -> Flow:  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    flow.do(major_cases.set_major, flow.case_id, True, staff_id=flow.sid, today=TODAY)
    return flow


def _close(db, case_id: str, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    with transaction(db):
        db.execute(update(Case).where(Case.id == case_id).values(closed=day))


def _caseworker(instance, db):  # type: ignore[no-untyped-def]
    add_member(instance, db, "kaj", Role.CASEWORKER)
    return staff_service.check_password(
        db, "kaj", "a long enough password", instance.backoffice.pepper
    )


# --- attacks first ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (TEXT + " Kontakt jens@example.dk.", "Teksten indeholder en e-mailadresse."),
        (TEXT + " Derefter Jens Hansen tog over.", "ser ud til at indeholde et navn"),
        (TEXT + " Sagen blev afgjort den 3. marts.", "præcis dato"),
    ],
)
def test_an_identifying_text_is_refused_with_the_reason_in_words(instance, db, text, label):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    with pytest.raises(major_cases.PublicationRefusedError) as refused:
        flow.do(major_cases.approve, flow.keys, flow.case_id, text, staff_id=flow.sid, today=TODAY)
    assert any(label in f.label_da for f in refused.value.findings)
    assert all(f.label_en and "_" not in f.label_da for f in refused.value.findings)
    db.expire_all()
    row = db.get(MajorSummary, flow.case_id)
    assert row is None  # refused before anything was stored


def test_a_caseworker_cannot_approve_nor_mark_a_case_as_major(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    worker, keys = _caseworker(instance, db)
    with pytest.raises(PermissionDeniedError):
        flow.do(major_cases.approve, keys, flow.case_id, TEXT, staff_id=worker.id, today=TODAY)
    with pytest.raises(PermissionDeniedError):
        flow.do(major_cases.set_major, flow.case_id, False, staff_id=worker.id, today=TODAY)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    with pytest.raises(PermissionDeniedError):
        flow.do(major_cases.withdraw, flow.case_id, staff_id=worker.id, today=TODAY)
    flow.do(major_cases.withdraw, flow.case_id, staff_id=flow.sid, today=TODAY)
    # A caseworker may write the draft; it stays a draft.
    flow.do(major_cases.save_draft, keys, flow.case_id, TEXT, staff_id=worker.id, today=TODAY)
    db.expire_all()
    assert db.get(MajorSummary, flow.case_id).published is None
    assert flow.case.major is True


def test_a_database_edit_of_the_published_text_is_detected_and_not_shown(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    forged = "Jens Hansen fra indkøbskontoret var skyldig i det hele."
    with transaction(db):
        db.execute(
            update(MajorSummary)
            .where(MajorSummary.case_id == flow.case_id)
            .values(published=forged)
        )
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [(m.text, m.verified) for m in summary.major_texts] == [(None, False)]
    html = to_html(summary)
    assert forged not in html and "stemmer ikke med godkendelsen i revisionssporet" in html
    assert forged not in to_csv(summary)
    assert forged not in render(summary, "json").decode()


def test_editing_the_audit_entry_too_does_not_make_a_forged_text_pass(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    forged = TEXT.replace("strammet", "ikke ændret")
    digest = hashlib.sha256(forged.encode()).hexdigest()
    with transaction(db):
        db.execute(update(MajorSummary).values(published=forged))
        entry = db.scalars(select(AuditEntry).where(AuditEntry.action == APPROVED_ACTION)).one()
        entry.detail = {**entry.detail, "sha256": digest}  # without the audit key: no HMAC
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [m.verified for m in summary.major_texts] == [False]


def test_a_withdrawn_approval_cannot_be_restored_in_the_database(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    approval = db.get(MajorSummary, flow.case_id).approved_seq
    flow.do(major_cases.withdraw, flow.case_id, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    with transaction(db):  # the text and its (authentic, matching) approval entry put back
        db.execute(update(MajorSummary).values(published=TEXT, approved_seq=approval))
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [(m.text, m.verified) for m in summary.major_texts] == [(None, False)]


def test_an_approved_text_deleted_in_the_database_is_noticed(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    with transaction(db):
        db.execute(update(MajorSummary).values(published=None))
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [(m.text, m.verified) for m in summary.major_texts] == [(None, False)]
    assert "stemmer ikke med godkendelsen i revisionssporet" in to_html(summary)


def test_a_withdrawal_forged_in_the_database_does_not_hide_an_approved_text(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    with transaction(db):  # the approval turned into a withdrawal, without the audit key
        entry = db.scalars(select(AuditEntry).where(AuditEntry.action == APPROVED_ACTION)).one()
        entry.action = WITHDRAWN_ACTION
        db.execute(update(MajorSummary).values(published=None))
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [(m.text, m.verified) for m in summary.major_texts] == [(None, False)]


def test_unmarking_a_major_case_in_the_database_does_not_hide_its_text(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    with transaction(db):
        db.execute(update(Case).where(Case.id == flow.case_id).values(major=False))
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [(m.text, m.verified) for m in summary.major_texts] == [(None, False)]


# --- the service -----------------------------------------------------------------------


def test_the_draft_is_encrypted_under_the_staff_key_and_read_back(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    findings = flow.do(
        major_cases.save_draft,
        flow.keys,
        flow.case_id,
        SECRET_DRAFT,
        staff_id=flow.sid,
        today=TODAY,
    )
    assert {f.code.value for f in findings} >= {"name", "email"}
    db.expire_all()
    row = db.get(MajorSummary, flow.case_id)
    assert row.draft is not None and b"Jens" not in row.draft and row.published is None
    view = major_cases.read_major_summary(db, flow.keys, flow.case_id)
    assert view.draft == SECRET_DRAFT and view.findings == findings
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.case_id == flow.case_id)).all()
    assert "major_summary.draft_saved" in actions and "case.major_set" in actions


def test_approval_records_the_text_hash_in_the_audit_log(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    digest = flow.do(
        major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY
    )
    assert digest == hashlib.sha256(TEXT.encode()).hexdigest()
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == APPROVED_ACTION)).one()
    assert entry.detail["sha256"] == digest and entry.case_id == flow.case_id
    assert TEXT not in json.dumps(entry.detail)
    view = major_cases.read_major_summary(db, flow.keys, flow.case_id)
    assert view.published == TEXT and view.draft_approved and view.approved_day == TODAY


def test_a_case_that_is_not_major_takes_no_summary_text(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    with pytest.raises(NotFoundError):
        flow.do(
            major_cases.save_draft, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY
        )


# --- the summary -----------------------------------------------------------------------


def test_the_summary_lists_approved_texts_of_major_cases_closed_in_the_period(
    instance, db, tmp_path
):  # type: ignore[no-untyped-def]
    approved = _major_case(instance, db)
    approved.do(
        major_cases.approve,
        approved.keys,
        approved.case_id,
        TEXT,
        staff_id=approved.sid,
        today=TODAY,
    )
    # A newer draft after the approval stays out; the approved text stays in.
    approved.do(
        major_cases.save_draft,
        approved.keys,
        approved.case_id,
        SECRET_DRAFT,
        staff_id=approved.sid,
        today=TODAY,
    )
    drafted = _major_case(instance, db)
    drafted.do(
        major_cases.save_draft,
        drafted.keys,
        drafted.case_id,
        TEXT + " Kladde.",
        staff_id=drafted.sid,
        today=TODAY,
    )
    for flow in (approved, drafted):
        _close(db, flow.case_id, TODAY)
    year = calendar_year(TODAY.year)
    for internal in (True, False):
        summary = build_summary(db, year, internal=internal, today=dt.date(TODAY.year + 1, 1, 5))
        assert [m.text for m in summary.major_texts] == [TEXT]
        html = to_html(summary)
        assert "Større sager" in html and TEXT in html
        assert "Kladde." not in html and "Jens Hansen" not in html
        english = to_html(summary, lang="en")
        assert "Major cases" in english and TEXT in english
        assert TEXT in to_csv(summary)
    data = summary_json(instance, tmp_path, "--period", str(TODAY.year))
    assert data["major_case_texts"] == [{"text": TEXT, "verified": True}]
    # The year before does not list it: a major case belongs to the year it closed.
    earlier = build_summary(db, calendar_year(TODAY.year - 1), internal=True, today=TODAY)
    assert earlier.major_texts == ()


def test_a_withdrawn_text_leaves_the_summary_and_can_be_approved_again(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    flow.do(major_cases.withdraw, flow.case_id, staff_id=flow.sid, today=TODAY)
    flow.do(major_cases.withdraw, flow.case_id, staff_id=flow.sid, today=TODAY)  # no second act
    assert (
        build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY).major_texts == ()
    )
    view = major_cases.read_major_summary(db, flow.keys, flow.case_id)
    assert view.published is None and view.draft == TEXT  # the draft stays to be mended
    acts = db.scalars(
        select(AuditEntry.action).where(AuditEntry.action.like("major_summary.%"))
    ).all()
    assert acts == ["major_summary.approved", "major_summary.withdrawn"]
    newer = TEXT + " Sagen er fulgt op året efter."
    flow.do(major_cases.approve, flow.keys, flow.case_id, newer, staff_id=flow.sid, today=TODAY)
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [(m.text, m.verified) for m in summary.major_texts] == [(newer, True)]


def test_a_case_no_longer_major_leaves_the_summary(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    flow.do(major_cases.set_major, flow.case_id, False, staff_id=flow.sid, today=TODAY)
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert summary.major_texts == ()
    db.expire_all()
    assert db.get(MajorSummary, flow.case_id).published is None  # the approval went with it


def test_a_purge_deletes_the_draft_and_keeps_the_approved_text(instance, db):  # type: ignore[no-untyped-def]
    from wb_cases.services import retention

    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    with transaction(db):
        retention.purge_case(db, db.get(Case, flow.case_id), today=TODAY)
    db.expire_all()
    row = db.get(MajorSummary, flow.case_id)
    assert row.draft is None and row.published == TEXT
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [m.text for m in summary.major_texts] == [TEXT]


def test_rolling_back_to_an_earlier_approved_text_is_detected(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    flow.do(major_cases.approve, flow.keys, flow.case_id, TEXT, staff_id=flow.sid, today=TODAY)
    first = db.get(MajorSummary, flow.case_id).approved_seq
    newer = TEXT + " Sagen er fulgt op året efter."
    flow.do(major_cases.approve, flow.keys, flow.case_id, newer, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    with transaction(db):  # the old text, its hash and its (authentic) approval entry
        db.execute(
            update(MajorSummary).values(
                published=TEXT,
                approved_seq=first,
            )
        )
    summary = build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY)
    assert [m.verified for m in summary.major_texts] == [False]


def test_an_approved_text_is_shown_as_text_never_as_markup(instance, db):  # type: ignore[no-untyped-def]
    flow = _major_case(instance, db)
    markup = TEXT + ' <img src=x onerror="alert(1)"> <script>alert(2)</script>'
    flow.do(major_cases.approve, flow.keys, flow.case_id, markup, staff_id=flow.sid, today=TODAY)
    _close(db, flow.case_id, TODAY)
    html = to_html(build_summary(db, calendar_year(TODAY.year), internal=True, today=TODAY))
    assert "<script>alert(2)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)" in html
