"""Routing and follow-ups, named after the paragraphs they carry out."""

import pytest

from policies import (
    Area,
    DeadlineRule,
    FollowUpKind,
    Gravity,
    MissingFactError,
    Recipient,
    ReporterRelation,
    Route,
    Scope,
    TopOfficial,
    TopOfficialRoute,
    UnitOptions,
    awaits_outcome,
    check_reasons,
    decide,
    reasons_needed,
    route_scope,
)
from policies import paragraphs as P
from policies.reasons import TOP_OFFICIAL_ROUTE

from .helpers import inside


def kinds(d: object) -> list[FollowUpKind]:
    return [f.kind for f in d.follow_ups]  # type: ignore[attr-defined]


def test_par_24c_stk_1_named_out_of_scope_report_is_rejected_with_feedback() -> None:
    d = decide(inside(reporter_relation=ReporterRelation.CITIZEN))
    assert d.route is Route.REJECT_WITH_FEEDBACK and P.PAR_24C_STK_1 in d.legal_bases
    assert FollowUpKind.REJECTION_FEEDBACK in kinds(d)


def test_par_24c_stk_1_anonymous_out_of_scope_report_is_filed_without_more() -> None:
    d = decide(inside(reporter_relation=ReporterRelation.CITIZEN, anonymous=True))
    assert d.route is Route.FILE_WITHOUT_MORE
    assert kinds(d) == [FollowUpKind.ACKNOWLEDGE_RECEIPT]


def test_par_24c_stk_2_gravity_and_documentability_are_required_inside_scope() -> None:
    with pytest.raises(MissingFactError) as err:
        decide(inside(gravity=None, documentable=None))
    assert err.value.fields == ("gravity", "documentable")
    assert err.value.paragraph == P.PAR_24C_STK_2


def test_par_24c_stk_2_failing_gravity_or_documentability_closes_with_feedback() -> None:
    not_grave = decide(inside(gravity=Gravity.LESS_SERIOUS))
    assert not_grave.route is Route.CLOSE_NOT_GRAVE
    assert P.PAR_24F_STK_1_NR_4 in not_grave.legal_bases
    not_doc = decide(inside(documentable=False, predominant_area=Area.FINANCE))
    assert not_doc.route is Route.CLOSE_NOT_DOCUMENTABLE
    assert FollowUpKind.CLOSING_FEEDBACK in kinds(not_doc)


def test_par_24c_stk_3_nr_1_finance_goes_to_internal_audit() -> None:
    d = decide(inside(predominant_area=Area.FINANCE))
    assert d.route is Route.INTERNAL_AUDIT
    assert P.PAR_24C_STK_3_NR_1 in d.legal_bases and P.PAR_24C_STK_4 in d.legal_bases


def test_par_24c_stk_3_nr_2_employment_goes_to_the_directorate_or_mayor_in_special_cases() -> None:
    assert decide(inside(predominant_area=Area.EMPLOYMENT)).route is Route.DIRECTORATE
    mayor = decide(inside(predominant_area=Area.EMPLOYMENT, employment_to_mayor=True))
    assert mayor.route is Route.MAYOR and P.PAR_24C_STK_3_NR_2 in mayor.legal_bases


def test_par_24c_stk_4_forwarded_instance_proceeds_by_its_own_practice() -> None:
    for area in (Area.FINANCE, Area.EMPLOYMENT):
        assert P.PAR_24C_STK_4 in decide(inside(predominant_area=area)).legal_bases


def test_par_24c_stk_5_grave_documentable_not_forwarded_gets_own_investigation() -> None:
    d = decide(inside())
    assert d.route is Route.OWN_INVESTIGATION and P.PAR_24C_STK_5 in d.legal_bases
    (req,) = [f for f in d.follow_ups if f.kind is FollowUpKind.REQUEST_ADMINISTRATION_STATEMENT]
    assert req.paragraph == P.PAR_15_STK_1 and req.rule is DeadlineRule.ANSWER_3_WEEKS


def test_par_24d_stk_2_decline_creates_the_account_and_two_committee_notices() -> None:
    d = decide(
        inside(
            political_or_media_attention=True,
            already_handled_by_administration=True,
            decline_24d=True,
        )
    )
    assert d.route is Route.DECLINED_24D
    by_kind = {f.kind: f for f in d.follow_ups}
    assert by_kind[FollowUpKind.AWAIT_ADMINISTRATION_REPORT].rule is DeadlineRule.OUTCOME_REMINDER
    assert by_kind[FollowUpKind.COMMITTEE_NOTICE_24D_DECLINE].as_soon_as_possible
    assert by_kind[FollowUpKind.COMMITTEE_NOTICE_24D_ACCOUNT].rule is DeadlineRule.ON_EVENT
    assert {f.paragraph for f in d.follow_ups if f.recipient is Recipient.COMMITTEE} == {
        P.PAR_24D_STK_2
    }


def test_par_24g_stk_1_forwarded_matters_await_the_instances_outcome_with_reminders() -> None:
    for area, to in (
        (Area.FINANCE, Recipient.INTERNAL_AUDIT),
        (Area.EMPLOYMENT, Recipient.DIRECTORATE),
    ):
        (wait,) = [
            f
            for f in decide(inside(predominant_area=area)).follow_ups
            if f.kind is FollowUpKind.AWAIT_INSTANCE_OUTCOME
        ]
        assert (wait.paragraph, wait.rule, wait.recipient) == (
            P.PAR_24G_STK_1,
            DeadlineRule.OUTCOME_REMINDER,
            to,
        )


def test_par_24b_stk_1_reporter_gets_feedback_on_status_and_outcome() -> None:
    d = decide(inside(predominant_area=Area.FINANCE))
    assert FollowUpKind.REPORTER_FEEDBACK in kinds(d)
    assert FollowUpKind.ACKNOWLEDGE_RECEIPT in kinds(d)


def test_par_24b_stk_2_only_employees_get_union_representative_info() -> None:
    assert FollowUpKind.UNION_REPRESENTATIVE_INFO in kinds(decide(inside()))
    partner = decide(inside(reporter_relation=ReporterRelation.PARTNER_SUPPLIER))
    assert FollowUpKind.UNION_REPRESENTATIVE_INFO not in kinds(partner)


def test_par_24b_stk_3_retaliation_indication_notifies_as_soon_as_possible_whatever_the_scope() -> (
    None
):
    for facts in (
        inside(retaliation_indication=True),
        inside(
            retaliation_indication=True, anonymous=True, reporter_relation=ReporterRelation.CITIZEN
        ),
    ):
        (notice,) = [
            f for f in decide(facts).follow_ups if f.kind is FollowUpKind.RETALIATION_NOTICE
        ]
        assert notice.as_soon_as_possible and notice.paragraph == P.PAR_24B_STK_3
        assert notice.recipient is Recipient.DIRECTORATE
    mayor = decide(inside(retaliation_indication=True, retaliation_notice_to_mayor=True))
    assert [f.recipient for f in mayor.follow_ups if f.kind is FollowUpKind.RETALIATION_NOTICE] == [
        Recipient.MAYOR
    ]


def test_par_24a_stk_2_identity_request_queues_a_committee_notice() -> None:
    d = decide(inside(identity_requested=True, reporter_relation=ReporterRelation.CITIZEN))
    (n,) = [f for f in d.follow_ups if f.kind is FollowUpKind.COMMITTEE_NOTICE_IDENTITY_REQUEST]
    assert n.paragraph == P.PAR_24A_STK_2 and n.recipient is Recipient.COMMITTEE


@pytest.mark.parametrize("who", [t for t in TopOfficial if t is not TopOfficial.NONE])
def test_proposal_2023_4_top_official_as_subject_is_investigated_externally(
    who: TopOfficial,
) -> None:
    d = decide(
        inside(top_official=who, top_official_is_subject=True, predominant_area=Area.FINANCE)
    )
    assert d.route is Route.EXTERNAL_INVESTIGATION and P.PROP_2023_4 in d.legal_bases


def test_par_24c_stk_2_without_external_investigation_staff_choose_a_top_officials_route() -> None:
    """A matter about a top official is never routed silently (by the table) to the official's
    own directorate, office or audit unit: staff choose the route and record why."""
    off = UnitOptions(external_investigation_top_officials=False)
    for who, area in (
        (TopOfficial.HEAD_OF_AUDIT, Area.FINANCE),
        (TopOfficial.CHIEF_EXECUTIVE, Area.EMPLOYMENT),
        (TopOfficial.MAYOR, Area.OTHER),
    ):
        about = inside(top_official=who, top_official_is_subject=True, predominant_area=area)
        with pytest.raises(MissingFactError) as err:
            decide(about, off)
        assert err.value.fields == ("top_official_route",)
        assert err.value.paragraph == P.PAR_24C_STK_2
    facts = inside(
        top_official=TopOfficial.HEAD_OF_AUDIT,
        top_official_is_subject=True,
        predominant_area=Area.FINANCE,
        top_official_route=TopOfficialRoute.OWN_INVESTIGATION,
    )
    d = decide(facts, off)
    assert d.route is Route.OWN_INVESTIGATION and P.PAR_24C_STK_5 in d.legal_bases
    assert "staff chose the route" in d.explanation_en
    assert reasons_needed(facts, off) == (TOP_OFFICIAL_ROUTE,)
    with pytest.raises(MissingFactError) as missing:
        check_reasons(facts, {"top_official_route": "  "}, off)
    assert missing.value.fields == ("top_official_route",)
    check_reasons(facts, {"top_official_route": "Intern Revision er inhabil."}, off)
    # With the external route on, the choice is not asked for and needs no reason.
    assert decide(facts).route is Route.EXTERNAL_INVESTIGATION
    assert reasons_needed(facts) == ()


def test_proposal_2023_4_top_official_as_witness_changes_nothing() -> None:
    assert decide(inside(top_official=TopOfficial.MAYOR)).route is Route.OWN_INVESTIGATION


def test_proposal_2023_1_work_environment_procedure_is_a_switch() -> None:
    facts = inside(predominant_area=Area.WORK_ENVIRONMENT)
    assert decide(facts).route is Route.OWN_INVESTIGATION
    on = decide(facts, UnitOptions(work_environment_procedure=True))
    assert on.route is Route.WORK_ENVIRONMENT_PROCEDURE and P.PROP_2023_1 in on.legal_bases


def test_proposal_2023_3_vouching_closes_only_less_serious_matters_when_on() -> None:
    on = UnitOptions(close_less_serious_on_vouching=True)
    sig = inside(gravity=Gravity.SIGNIFICANT_AND_REPEATED, administration_vouches=True)
    assert decide(sig).route is Route.OWN_INVESTIGATION
    assert decide(sig, on).route is Route.CLOSE_ON_VOUCHING
    gross = inside(administration_vouches=True)
    assert decide(gross, on).route is Route.OWN_INVESTIGATION


def test_decision_to_dict_is_json_safe_with_citations() -> None:
    import json

    d = decide(inside(predominant_area=Area.FINANCE)).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert "§ 24c, stk. 3, nr. 1" in d["legal_bases"]  # type: ignore[operator]
    assert d["scope"] == Scope.INSIDE.value


def test_par_24c_stk_3_nr_2_the_mayor_route_in_very_special_cases_needs_a_recorded_reason() -> None:
    facts = inside(predominant_area=Area.EMPLOYMENT, employment_to_mayor=True)
    assert decide(facts).route is Route.MAYOR
    with pytest.raises(MissingFactError) as err:
        check_reasons(facts, {})
    assert err.value.paragraph == P.PAR_24C_STK_3_NR_2
    assert err.value.fields == ("employment_to_mayor",)
    check_reasons(facts, {"employment_to_mayor": "Direktionen er selv part i sagen."})
    assert reasons_needed(inside(predominant_area=Area.EMPLOYMENT)) == ()


def test_par_24b_stk_3_a_retaliation_notice_to_the_mayor_needs_a_recorded_reason() -> None:
    facts = inside(retaliation_indication=True, retaliation_notice_to_mayor=True)
    with pytest.raises(MissingFactError) as err:
        check_reasons(facts, {"retaliation_notice_to_mayor": ""})
    assert err.value.paragraph == P.PAR_24B_STK_3
    check_reasons(facts, {"retaliation_notice_to_mayor": "Direktøren er selv involveret."})
    assert reasons_needed(inside(retaliation_indication=True)) == ()


def test_an_override_records_the_scope_its_route_implies() -> None:
    assert route_scope(Route.MAYOR, Scope.OUTSIDE, overridden=False) is Scope.OUTSIDE
    assert route_scope(Route.FILE_WITHOUT_MORE, Scope.INSIDE, overridden=True) is Scope.OUTSIDE
    assert route_scope(Route.REJECT_WITH_FEEDBACK, Scope.INSIDE, overridden=True) is Scope.OUTSIDE
    assert route_scope(Route.DECLINED_24D, Scope.INSIDE, overridden=True) is Scope.DECLINED_24D
    assert route_scope(Route.MAYOR, Scope.OUTSIDE, overridden=True) is Scope.INSIDE


def test_par_24g_forwarded_routes_await_an_outcome_and_the_others_do_not() -> None:
    away = {r for r in Route if awaits_outcome(r)}
    assert away == {
        Route.INTERNAL_AUDIT,
        Route.DIRECTORATE,
        Route.MAYOR,
        Route.EXTERNAL_INVESTIGATION,
        Route.WORK_ENVIRONMENT_PROCEDURE,
    }


@pytest.mark.parametrize(
    ("facts", "da", "en"),
    [
        (
            inside(reporter_relation=ReporterRelation.CITIZEN, anonymous=True),
            "fordi indberetteren er anonym.",
            "because the reporter is anonymous.",
        ),
        (
            inside(reporter_relation=ReporterRelation.CITIZEN),
            "fordi indberetteren er kendt og får tilbagemelding.",
            "because the reporter is named and gets feedback.",
        ),
    ],
    ids=["anonymous", "named"],
)
def test_par_24c_stk_1_the_explanation_says_why_a_report_outside_is_filed_or_answered(
    facts: object, da: str, en: str
) -> None:
    # Staff read the explanation on the decision page, in their language.
    d = decide(facts)  # type: ignore[arg-type]
    assert da in d.explanation_da
    assert en in d.explanation_en


def test_par_24d_the_explanation_says_what_a_decline_leaves_behind() -> None:
    d = decide(
        inside(
            political_or_media_attention=True,
            already_handled_by_administration=True,
            decline_24d=True,
        )
    )
    assert d.route is Route.DECLINED_24D
    assert (
        "fordi forvaltningen skal redegøre for udfaldet, udvalget orienteres, "
        "og sagen forbliver registreret."
    ) in d.explanation_da
    assert (
        "because the administration must report its outcome, the committee is told, "
        "and the case stays registered."
    ) in d.explanation_en
