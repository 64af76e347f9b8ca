"""Scenarios A–N of statute.md § 7, walked through the service layer end to end.

The facts come from `policies.scenarios` (the engine's own reading of each scenario);
these tests carry each one from intake to its last act: acknowledgement, triage,
requests, hearings, outcomes, notices, feedback and closing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

import policies
from policies import Consequence, Outcome
from policies.scenarios import SCENARIOS
from tests.helpers import intake_keys
from wb_cases.errors import PermissionDeniedError, WorkflowError
from wb_cases.models import CommitteeNotice, Deadline, IdentityRequest
from wb_cases.models.staff import Role
from wb_cases.services import (
    acknowledgement,
    closing,
    identity,
    outcomes,
    reporter_access,
    requests,
    retaliation,
)
from wb_cases.services.identity import IdentityReason, RequestDecision, RequesterKind
from wb_cases.summaries import Period
from wb_cases.summaries.figures import count_headline

from .conftest import add_member
from .flow import SETTINGS, Flow

FACTS = {s.key: s for s in SCENARIOS}


def _notices(db) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(n.kind for n in db.scalars(select(CommitteeNotice)))


def _investigate(flow: Flow, n: int = 0, hearing_answered: bool = True) -> None:
    request = flow.do(
        requests.send_request,
        flow.matters[n],
        staff_id=flow.sid,
        today=flow.later(1),
        settings=SETTINGS,
    )
    assert (request.due - flow.day).days >= 21  # § 15: three weeks (calendar days)
    flow.do(requests.record_answer, request.id, staff_id=flow.sid, today=flow.later(10))
    hearing = flow.do(
        requests.send_request,
        flow.matters[n],
        staff_id=flow.sid,
        today=flow.later(1),
        settings=SETTINGS,
        hearing=True,
    )
    if hearing_answered:
        flow.do(requests.record_answer, hearing.id, staff_id=flow.sid, today=flow.later(7))
    else:
        flow.later(30)  # the deadline passes without an answer: the chance was given


def test_A_deadline_manipulation_confirmed_with_major_significance(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=True, what="Afgørelser holdes tilbage")
    flow.acknowledge(employee=True).split("80/20-manipulation")
    decision = flow.triage(FACTS["A"].facts, administration="sof")
    assert decision.route is policies.Route.OWN_INVESTIGATION
    assert flow.case.status == "in_investigation"
    _investigate(flow)
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[Outcome.CRITICISM, Outcome.HENSTILLING],
        confirmed=True,
        consequences=[Consequence.TIGHTENED_SUPERVISION],
        major_significance=True,
        staff_id=flow.sid,
        today=flow.later(5),
        settings=SETTINGS,
    )
    assert "committee_notice_major_significance" in _notices(db)
    assert flow.matter().compliance == "pending"
    flow.do(
        outcomes.record_compliance,
        flow.matters[0],
        policies.ComplianceStatus.FOLLOWED,
        staff_id=flow.sid,
        today=flow.later(20),
    )
    flow.close_all()
    assert flow.case.status == "closed" and flow.case.next_due is None
    counted = count_headline(db, Period(flow.case.received, flow.day)).as_dict()
    assert counted["investigations_closed"] == 1 and counted["confirmed"] == 1
    assert counted["with_consequences"] == 1 and counted["anonymous"] == 1


def test_B_not_confirmed_closed_with_feedback(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Instruks")
    flow.triage(FACTS["B"].facts)
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[Outcome.SHELVED_WITH_FEEDBACK],
        confirmed=False,
        staff_id=flow.sid,
        today=flow.later(30),
    )
    flow.close_all("Vi kunne ikke dokumentere forholdet.")
    assert flow.matter().confirmed is False and flow.matter().closed == flow.day
    access = reporter_access.open_case_with_receipt(db, flow.receipt, intake_keys(instance))
    assert "dokumentere" in reporter_access.read_case_as_reporter(db, access).messages[-1].text


def test_C_requests_with_extension_and_a_henstilling_not_followed(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Fagsystem")
    flow.triage(FACTS["C"].facts)
    request = flow.do(
        requests.send_request,
        flow.matters[0],
        staff_id=flow.sid,
        today=flow.later(1),
        settings=SETTINGS,
    )
    first_due = request.due
    longer = first_due + dt.timedelta(days=14)
    extended = flow.do(
        requests.extend_request,
        request.id,
        kind=policies.ExtensionKind.DELAY_NOTICE,
        new_due=longer,
        reason_given=True,
        staff_id=flow.sid,
        today=flow.later(10),
        settings=SETTINGS,
    )
    # § 15, stk. 2: the administration's notice moves nothing; the binding date stays.
    assert extended.due == first_due and extended.paragraph == "§ 15, stk. 1"
    assert flow.case.next_due <= first_due
    set_longer = flow.do(
        requests.extend_request,
        request.id,
        kind=policies.ExtensionKind.LONGER_DEADLINE_SET,
        new_due=longer,
        reason_given=True,
        staff_id=flow.sid,
        today=flow.day,
        settings=SETTINGS,
    )
    assert set_longer.due >= longer  # § 15, stk. 1: only the unit sets a longer one
    with pytest.raises(policies.PolicyViolation):  # § 15 stk. 2: the reason must be given
        flow.do(
            requests.extend_request,
            request.id,
            kind=policies.ExtensionKind.DELAY_NOTICE,
            new_due=longer,
            reason_given=False,
            staff_id=flow.sid,
            today=flow.day,
            settings=SETTINGS,
        )
    flow.do(requests.record_answer, request.id, staff_id=flow.sid, today=flow.later(20))
    hearing = flow.do(
        requests.send_request,
        flow.matters[0],
        staff_id=flow.sid,
        today=flow.day,
        settings=SETTINGS,
        hearing=True,
    )
    flow.do(requests.record_answer, hearing.id, staff_id=flow.sid, today=flow.later(5))
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[Outcome.HENSTILLING],
        confirmed=True,
        staff_id=flow.sid,
        today=flow.later(3),
    )
    assert "recommendation_compliance" in flow.open_kinds()
    flow.do(
        outcomes.record_compliance,
        flow.matters[0],
        policies.ComplianceStatus.NOT_FOLLOWED,
        staff_id=flow.sid,
        today=flow.later(40),
        notify_committee=True,
    )
    assert "recommendation_not_followed" in _notices(db)
    assert "recommendation_compliance" not in flow.open_kinds()
    flow.close_all()


def test_D_criticism_needs_the_hearing_first_and_a_passed_deadline_is_enough(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Usikker e-mail")
    flow.triage(FACTS["D"].facts)
    with pytest.raises(policies.PolicyViolation) as refused:
        flow.do(
            outcomes.record_outcome,
            flow.matters[0],
            outcomes=[Outcome.CRITICISM, Outcome.RECOMMENDATION],
            confirmed=True,
            criticism_level=policies.CriticismLevel.KRITISABELT,
            staff_id=flow.sid,
            today=flow.later(1),
        )
    assert refused.value.paragraph.cite() == "§ 19, stk. 2"
    assert flow.matter().status == "in_investigation" and flow.matter().outcomes == []
    _investigate(flow, hearing_answered=False)
    flow.do(
        outcomes.record_outcome,
        flow.matters[0],
        outcomes=[Outcome.CRITICISM, Outcome.RECOMMENDATION],
        confirmed=True,
        criticism_level=policies.CriticismLevel.KRITISABELT,
        staff_id=flow.sid,
        today=flow.day,
    )
    assert flow.matter().criticism_level == "kritisabelt"
    flow.close_all()


def test_E_finance_from_a_supplier_goes_to_internal_audit_without_union_info(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=False).split("Fakturaer")
    access = reporter_access.open_case_with_receipt(db, flow.receipt, intake_keys(instance))
    assert (
        "tillidsrepræsentant"
        not in reporter_access.read_case_as_reporter(db, access).messages[0].text
    )
    decision = flow.triage(FACTS["E"].facts, administration="okf")
    assert decision.route is policies.Route.INTERNAL_AUDIT
    assert flow.matter().forwarded == flow.day and flow.case.status == "awaiting_instance"
    assert "await_instance_outcome" in flow.open_kinds()
    reminder = next(d for d in flow.case.deadlines if d.kind == "await_instance_outcome")
    before = reminder.due
    flow.do(
        outcomes.remind_instance,
        reminder.id,
        staff_id=flow.sid,
        today=flow.later(43),
        settings=SETTINGS,
    )
    assert db.get(Deadline, reminder.id).due > before
    flow.do(
        outcomes.record_instance_outcome,
        flow.matters[0],
        confirmed=True,
        consequences=[Consequence.DISCIPLINARY],
        staff_id=flow.sid,
        today=flow.later(30),
    )
    flow.close_all()
    assert flow.matter().closed == flow.day and flow.case.administration == "okf"


def test_F_employment_matter_goes_to_the_directorate_with_union_info(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=True).split("Arbejdstid")
    access = reporter_access.open_case_with_receipt(db, flow.receipt, intake_keys(instance))
    assert (
        "tillidsrepræsentant" in reporter_access.read_case_as_reporter(db, access).messages[0].text
    )
    assert flow.triage(FACTS["F"].facts).route is policies.Route.DIRECTORATE
    flow.do(
        outcomes.record_instance_outcome,
        flow.matters[0],
        confirmed=False,
        staff_id=flow.sid,
        today=flow.later(60),
    )
    flow.close_all()


@pytest.mark.parametrize(
    "key,anonymous,route",
    [
        ("G", False, policies.Route.REJECT_WITH_FEEDBACK),
        ("G", True, policies.Route.FILE_WITHOUT_MORE),
        ("H", False, policies.Route.REJECT_WITH_FEEDBACK),
        ("I", False, policies.Route.REJECT_WITH_FEEDBACK),
    ],
)
def test_G_H_I_out_of_scope_matters_close_on_the_decision(instance, db, key, anonymous, route):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=anonymous).acknowledge(employee=True).split("x")
    facts = dataclasses.replace(FACTS[key].facts, anonymous=anonymous)
    assert flow.triage(facts).route is route
    matter = flow.matter()
    assert matter.status == "closed" and matter.closed == flow.day and matter.scope == "outside"
    # § 24c, stk. 1 / § 24b, stk. 1: the case closes once the reporter has had feedback.
    with pytest.raises(policies.PolicyViolation):
        flow.do(closing.close_case, flow.case_id, staff_id=flow.sid, today=flow.later(1))
    flow.do(
        acknowledgement.send_feedback,
        flow.instance.backend.file_store,
        flow.keys,
        flow.case_id,
        "Forholdet falder uden for ordningen.",
        staff_id=flow.sid,
        today=flow.day,
    )
    flow.do(closing.close_case, flow.case_id, staff_id=flow.sid, today=flow.day)
    assert count_headline(db, Period(flow.case.received, flow.day)).as_dict()["outside"] == 1


def test_J_a_24d_decline_is_registered_and_the_committee_told_twice(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Børn og Unge")
    decided = flow.day
    assert flow.triage(FACTS["J"].facts).route is policies.Route.DECLINED_24D
    decided = flow.day
    assert _notices(db) == ["committee_notice_24d_decline"]
    assert "await_administration_report" in flow.open_kinds()
    assert flow.matter().closed == decided and flow.case.status == "awaiting_administration_report"
    flow.do(
        outcomes.record_administration_report,
        flow.matters[0],
        staff_id=flow.sid,
        today=flow.later(50),
    )
    assert _notices(db) == ["committee_notice_24d_account", "committee_notice_24d_decline"]
    flow.close_all()
    assert flow.matter().closed == decided  # conventions.md § 2: closed on the decision
    counted = count_headline(db, Period(flow.case.received, flow.day)).as_dict()
    assert counted["declined_24d"] == 1 and counted["matters"] == 1


def test_K_retaliation_notice_to_the_directorate_as_soon_as_possible(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=True).split("Forflyttet")
    flow.triage(FACTS["K"].facts)
    assert flow.case.retaliation
    notice = next(d for d in flow.case.deadlines if d.kind == "retaliation_notice")
    assert notice.as_soon_as_possible and notice.recipient == "directorate"
    assert flow.case.next_due <= notice.due
    flow.do(retaliation.record_retaliation_notice, flow.case_id, staff_id=flow.sid, today=flow.day)
    assert "retaliation_notice" not in flow.open_kinds()
    with pytest.raises(WorkflowError):
        flow.do(
            retaliation.record_retaliation_notice, flow.case_id, staff_id=flow.sid, today=flow.day
        )


def test_L_a_top_official_is_investigated_externally(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Direktør")
    assert flow.triage(FACTS["L"].facts).route is policies.Route.EXTERNAL_INVESTIGATION
    assert "await_instance_outcome" in flow.open_kinds()
    flow.do(
        outcomes.record_instance_outcome,
        flow.matters[0],
        confirmed=True,
        consequences=[Consequence.OTHER],
        major_significance=True,
        staff_id=flow.sid,
        today=flow.later(90),
    )
    # § 24g, stk. 2: informing the committee of another instance's outcome is offered only.
    assert "committee_notice_major_significance" not in _notices(db)
    assert "committee_notice_instance_outcome" not in _notices(db)
    flow.close_all()


def test_M_identity_requests_are_registered_and_notified_without_the_name(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file(anonymous=False).acknowledge(employee=True).split("Aktindsigt")
    flow.triage(FACTS["M"].facts)
    flow.do(
        identity.register_identity_request,
        flow.case_id,
        staff_id=flow.sid,
        requester=RequesterKind.ADMINISTRATION,
        basis=IdentityReason.ACCESS_TO_DOCUMENTS,
        decision=RequestDecision.REFUSED,
        today=flow.day,
    )
    notices = list(db.scalars(select(CommitteeNotice)))
    # § 24a, stk. 2: that a request came, when, on which paragraph; nothing more.
    assert [n.kind for n in notices] == ["committee_notice_identity_request"]
    assert notices[0].general_reason == "" and notices[0].paragraph == "§ 24a, stk. 2"
    assert db.scalar(select(IdentityRequest)).decision == "refused"
    # A caseworker cannot ask to open the identity; the head of unit can, and it is notified.
    add_member(instance, db, "kaj", Role.CASEWORKER, "kaj's long password")
    from wb_cases.services import staff as staff_service

    kaj, kaj_keys = staff_service.check_password(
        db, "kaj", "kaj's long password", instance.backoffice.pepper
    )
    with pytest.raises(PermissionDeniedError):
        identity.request_opening(
            db,
            kaj_keys,
            flow.case_id,
            staff_id=kaj.id,
            reason=IdentityReason.HEARING_OF_PARTIES,
            justification="Partshøring kræver navnet.",
            today=flow.day,
            options=policies.UnitOptions(),
        )
    db.rollback()
    asked = flow.do(
        identity.request_opening,
        flow.keys,
        flow.case_id,
        staff_id=flow.sid,
        reason=IdentityReason.HEARING_OF_PARTIES,
        justification="Partshøring kræver navnet.",
        today=flow.day,
        options=policies.UnitOptions(),
    )
    shown = flow.do(
        identity.open_identity,
        flow.keys,
        asked.id,
        staff_id=flow.sid,
        today=flow.day,
        options=policies.UnitOptions(),
    )
    assert shown["name"] == "Navn Navnesen"
    kinds = [n.kind for n in db.scalars(select(CommitteeNotice).order_by(CommitteeNotice.id))]
    assert kinds == ["committee_notice_identity_request", "identity_opened"]
    for notice in db.scalars(select(CommitteeNotice)):
        assert "Navn" not in f"{notice.kind}{notice.general_reason}{notice.paragraph}"
        assert "Partshøring" not in notice.general_reason
    from wb_cases.models import AuditEntry

    opened = db.scalar(select(AuditEntry).where(AuditEntry.action == "identity.opened"))
    assert opened.actor == flow.sid and "Navn" not in str(opened.detail)


def test_N_less_serious_matter_closes_on_the_administrations_vouching(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Procedurefejl")
    decision = flow.triage(FACTS["N"].facts, options=FACTS["N"].options)
    assert decision.route is policies.Route.CLOSE_ON_VOUCHING
    assert flow.matter().status == "closed"
    flow.close_all()


def test_acknowledgement_resets_feedback_to_three_months_from_acknowledgement(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    provisional = flow.case.feedback_due
    flow.acknowledge(employee=False)
    case = flow.case
    assert case.acknowledged == flow.day
    assert case.feedback_due == policies.feedback_deadline(flow.day).due != provisional
    assert flow.open_kinds() == ["feedback"]
    with pytest.raises(WorkflowError):
        flow.acknowledge(employee=False)


def test_an_override_needs_a_reason_and_stores_it_encrypted(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
    with pytest.raises(WorkflowError):
        flow.triage(FACTS["C"].facts, override_route=policies.Route.INTERNAL_AUDIT)
    db.rollback()
    flow.triage(
        FACTS["C"].facts,
        override_route=policies.Route.INTERNAL_AUDIT,
        override_reason="Intern Revision har allerede en sag",
    )
    matter = flow.matter()
    assert matter.overridden and matter.route == "internal_audit"
    assert matter.decision["route"] == "own_investigation"
    assert b"Intern Revision" not in matter.override_reason


def test_a_refused_transition_changes_nothing(instance, db):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("x")
    flow.triage(FACTS["E"].facts)
    with pytest.raises(policies.TransitionNotAllowedError):
        flow.do(closing.close_matter, flow.matters[0], staff_id=flow.sid, today=flow.day)
    assert flow.matter().status == "awaiting_instance" and flow.matter().closed is None
    with pytest.raises(WorkflowError):
        flow.do(closing.close_case, flow.case_id, staff_id=flow.sid, today=flow.day)
