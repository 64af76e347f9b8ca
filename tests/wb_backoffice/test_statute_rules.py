"""The statute read again, through the services: each test is named after its paragraph."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

import policies
from tests.helpers import intake_keys
from wb_cases.models import Case, CommitteeNotice, Deadline, IdentityRequest, Note
from wb_cases.models.staff import Role
from wb_cases.services import (
    closing,
    identity,
    inbox,
    outcomes,
    reporter_access,
    reporter_duties,
    requests,
    retaliation,
)
from wb_cases.services import staff as staff_service
from wb_cases.services.identity import IdentityReason, RequestDecision, RequesterKind

from .conftest import add_member
from .flow import SETTINGS, Flow

OWN = policies.MatterFacts(
    reporter_relation=policies.ReporterRelation.EMPLOYEE,
    anonymous=True,
    category=policies.Category.LAW_VIOLATION,
    threshold=policies.Threshold.GROSS,
    gravity=policies.Gravity.GROSS,
    documentable=True,
)
FINANCE = dataclasses.replace(OWN, predominant_area=policies.Area.FINANCE)


def _closed_matter(flow: Flow) -> Flow:
    flow.triage(OWN)
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[policies.Outcome.SHELVED_WITH_FEEDBACK],
        confirmed=False,
        staff_id=flow.sid,
        today=flow.later(10),
    )
    flow.do(closing.close_matter, flow.matters[0], staff_id=flow.sid, today=flow.day)
    return flow


def _open(flow: Flow, kind: str) -> Deadline:
    return next(d for d in flow.case.deadlines if d.kind == kind and d.done is None)


def test_par_24b_stk_1_a_case_with_owed_feedback_closes_only_after_it_or_its_impossibility(
    instance, db
):  # type: ignore[no-untyped-def]
    flow = _closed_matter(Flow(instance, db).file().acknowledge(employee=True).split("x"))
    with pytest.raises(policies.PolicyViolation) as err:
        flow.do(closing.close_case, flow.case_id, staff_id=flow.sid, today=flow.day)
    assert err.value.paragraph.cite() == "§ 24b, stk. 1"
    db.rollback()
    feedback = _open(flow, "feedback")
    with pytest.raises(reporter_duties.ReporterDutyError):  # the staff's own words are needed
        flow.do(
            reporter_duties.record_impossibility,
            flow.keys,
            feedback.id,
            reason=policies.NoWayBack.ANONYMOUS_NOT_RETURNED,
            text=" ",
            staff_id=flow.sid,
            today=flow.day,
        )
    db.rollback()
    flow.do(
        reporter_duties.record_impossibility,
        flow.keys,
        feedback.id,
        reason=policies.NoWayBack.ANONYMOUS_NOT_RETURNED,
        text="Indberetteren har ikke logget ind siden indberetningen.",
        staff_id=flow.sid,
        today=flow.day,
    )
    db.expire_all()
    row = db.get(Deadline, feedback.id)
    assert row.impossible == "anonymous_not_returned" and row.done is None
    assert flow.case.next_due is None or flow.case.next_due != row.due  # not due any more
    note = db.scalar(select(Note).where(Note.kind == "impossible"))
    assert note is not None and b"logget ind" not in note.body  # encrypted
    flow.do(closing.close_case, flow.case_id, staff_id=flow.sid, today=flow.day)
    db.expire_all()
    assert db.get(Case, flow.case_id).closed == flow.day
    assert db.get(Deadline, feedback.id).done is None  # closing never marks it done


def test_par_24b_stk_1_only_duties_towards_the_reporter_can_be_recorded_impossible(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
    flow.triage(FINANCE)
    awaiting = _open(flow, "await_instance_outcome")
    with pytest.raises(policies.PolicyViolation):
        flow.do(
            reporter_duties.record_impossibility,
            flow.keys,
            awaiting.id,
            reason=policies.NoWayBack.NO_ADDRESS,
            text="x",
            staff_id=flow.sid,
            today=flow.day,
        )


def test_par_24b_stk_1_closing_lets_open_duties_lapse_and_marks_none_done(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
    flow.triage(OWN)
    flow.do(
        retaliation.flag_retaliation,
        flow.case_id,
        to_mayor=False,
        staff_id=flow.sid,
        today=flow.day,
        settings=SETTINGS,
    )
    notice = _open(flow, "retaliation_notice")
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[policies.Outcome.SHELVED_WITH_FEEDBACK],
        confirmed=False,
        staff_id=flow.sid,
        today=flow.later(5),
    )
    flow.close_all()
    db.expire_all()
    row = db.get(Deadline, notice.id)
    assert (row.done, row.lapsed) == (None, flow.day)  # ended undone, never counted as done
    rows = db.scalars(select(Deadline).where(Deadline.case_id == flow.case_id)).all()
    assert all(r.done is not None or r.lapsed is not None for r in rows)
    assert db.get(Case, flow.case_id).next_due is None


def test_par_24b_stk_1_reporter_input_on_a_closed_case_flags_it_in_the_inbox_and_reopens(
    instance, db
):  # type: ignore[no-untyped-def]
    flow = _closed_matter(Flow(instance, db).file().acknowledge(employee=True).split("x"))
    flow.close_all()
    listed = inbox.list_cases(db, inbox.InboxFilter(), flow.day)
    assert flow.case_id not in [r.id for r in listed.rows]  # closed, quiet
    access = reporter_access.open_case_with_receipt(db, flow.receipt, intake_keys(instance))
    flow.do(
        reporter_access.add_reporter_message,
        access,
        "Der er sket det igen.",
        instance.backend.file_store,
        today=flow.later(3),
    )
    db.expire_all()
    assert db.get(Case, flow.case_id).input_after_closing == flow.day
    (row,) = [r for r in inbox.list_cases(db, inbox.InboxFilter(), flow.day).rows]
    assert row.id == flow.case_id and row.input_after_closing == flow.day
    flow.do(
        reporter_duties.reopen_case,
        flow.case_id,
        staff_id=flow.sid,
        today=flow.day,
        settings=SETTINGS,
    )
    db.expire_all()
    case = db.get(Case, flow.case_id)
    assert case.closed is None and case.input_after_closing is None
    assert case.status == "in_triage" and "feedback" in flow.open_kinds()


def test_par_24b_stk_1_staff_may_keep_a_case_closed_after_reading_the_input(instance, db):  # type: ignore[no-untyped-def]
    flow = _closed_matter(Flow(instance, db).file().acknowledge(employee=True).split("x"))
    flow.close_all()
    access = reporter_access.open_case_with_receipt(db, flow.receipt, intake_keys(instance))
    flow.do(
        reporter_access.add_reporter_message,
        access,
        "Tak.",
        instance.backend.file_store,
        today=flow.day,
    )
    flow.do(reporter_duties.keep_closed, flow.case_id, staff_id=flow.sid, today=flow.day)
    db.expire_all()
    case = db.get(Case, flow.case_id)
    assert case.closed is not None and case.input_after_closing is None
    assert flow.case_id not in [
        r.id for r in inbox.list_cases(db, inbox.InboxFilter(), flow.day).rows
    ]


def test_par_15_stk_2_a_delay_notice_records_the_expected_date_and_the_request_still_falls_due(
    instance, db
):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
    flow.triage(OWN)
    request = flow.do(
        requests.send_request, flow.matters[0], staff_id=flow.sid, today=flow.day, settings=SETTINGS
    )
    due = request.due
    expected = due + dt.timedelta(days=20)
    row = flow.do(
        requests.extend_request,
        request.id,
        kind=policies.ExtensionKind.DELAY_NOTICE,
        new_due=expected,
        reason_given=True,
        staff_id=flow.sid,
        today=flow.day,
        settings=SETTINGS,
    )
    assert (row.due, row.expected, row.paragraph) == (due, expected, "§ 15, stk. 1")
    assert flow.case.next_due <= due


def test_par_24g_stk_2_the_committee_hears_of_an_instance_outcome_only_when_staff_choose(
    instance, db
):  # type: ignore[no-untyped-def]
    for inform in (False, True):
        flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
        flow.triage(FINANCE)
        recorded = flow.do(
            outcomes.record_instance_outcome,
            flow.matters[0],
            confirmed=True,
            major_significance=True,
            inform_committee=inform,
            staff_id=flow.sid,
            today=flow.later(60),
        )
        assert recorded.check.follow_ups == () and "committee" in recorded.check.offers
    kinds = [n.kind for n in db.scalars(select(CommitteeNotice))]
    assert kinds == ["committee_notice_instance_outcome"]


def test_par_24a_stk_2_a_request_about_a_person_reported_on_is_registered_without_a_notice(
    instance, db
):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=True)
    flow.do(
        identity.register_identity_request,
        flow.case_id,
        staff_id=flow.sid,
        requester=RequesterKind.PERSON_REPORTED_ON,
        basis=IdentityReason.DATA_SUBJECT_ACCESS,
        decision=RequestDecision.PENDING,
        today=flow.day,
        subject=policies.IdentitySubject.PERSON_REPORTED_ON,
    )
    assert db.scalar(select(IdentityRequest)).subject == "person_reported_on"
    assert db.scalar(select(CommitteeNotice)) is None


def _second_head(instance, db):  # type: ignore[no-untyped-def]
    add_member(instance, db, "hanne", Role.HEAD, "hanne's long password")
    return staff_service.check_password(
        db, "hanne", "hanne's long password", instance.backoffice.pepper
    )


def test_par_24a_stk_2_with_four_eyes_opening_an_identity_waits_for_a_second_head(instance, db):  # type: ignore[no-untyped-def]
    four = policies.UnitOptions(identity_four_eyes=True)
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=True)
    with pytest.raises(policies.PolicyViolation):  # no written justification
        flow.do(
            identity.request_opening,
            flow.keys,
            flow.case_id,
            staff_id=flow.sid,
            reason=IdentityReason.POLICE_OR_COURT,
            justification="",
            today=flow.day,
            options=four,
        )
    db.rollback()
    asked = flow.do(
        identity.request_opening,
        flow.keys,
        flow.case_id,
        staff_id=flow.sid,
        reason=IdentityReason.POLICE_OR_COURT,
        justification="Retten har pålagt os at udlevere navnet.",
        today=flow.day,
        options=four,
    )
    assert asked.decision == "needs_approval"
    with pytest.raises(policies.PolicyViolation, match="second head"):
        flow.do(
            identity.open_identity,
            flow.keys,
            asked.id,
            staff_id=flow.sid,
            today=flow.day,
            options=four,
        )
    db.rollback()
    with pytest.raises(policies.PolicyViolation, match="another head"):
        flow.do(identity.approve_opening, asked.id, staff_id=flow.sid, today=flow.day)
    db.rollback()
    hanne, _ = _second_head(instance, db)
    flow.do(identity.approve_opening, asked.id, staff_id=hanne.id, today=flow.day)
    shown = flow.do(
        identity.open_identity, flow.keys, asked.id, staff_id=flow.sid, today=flow.day, options=four
    )
    assert shown["name"] == "Navn Navnesen"
    row = db.get(IdentityRequest, asked.id)
    assert (row.decision, row.approved_by) == ("opened", hanne.id)
    notices = list(db.scalars(select(CommitteeNotice)))
    assert [(n.kind, n.general_reason) for n in notices] == [("identity_opened", "")]


def test_whistleblower_act_par_26_stk_3_disclosure_outside_the_unit_tells_the_reporter_first(
    instance, db
):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=True)
    common = dict(
        reason=IdentityReason.POLICE_OR_COURT,
        justification="Politiet efterforsker.",
        today=flow.day,
        options=policies.UnitOptions(),
        outside_unit=True,
    )
    with pytest.raises(policies.PolicyViolation) as err:
        flow.do(identity.request_opening, flow.keys, flow.case_id, staff_id=flow.sid, **common)
    assert err.value.paragraph.cite() == "whistleblowerloven § 26, stk. 3"
    db.rollback()
    withheld = flow.do(
        identity.request_opening,
        flow.keys,
        flow.case_id,
        staff_id=flow.sid,
        withheld_reason="Underretning vil skade politiets efterforskning.",
        **common,
    )
    assert withheld.reporter_told is False
    assert db.scalar(select(Note).where(Note.kind == "disclosure_withheld")) is not None
    told = flow.do(
        identity.request_opening,
        flow.keys,
        flow.case_id,
        staff_id=flow.sid,
        reporter_told=True,
        **common,
    )
    assert told.reporter_told is True
