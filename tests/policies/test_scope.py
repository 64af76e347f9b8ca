"""Scope rules, one test (at least) per paragraph the system acts on."""

import pytest

from policies import (
    Category,
    CommitteeChoice,
    ContradictoryFactsError,
    Exclusion,
    MissingFactError,
    Reason,
    ReporterRelation,
    Route,
    Scope,
    Subject,
    Threshold,
    decide,
    decide_scope,
)
from policies import paragraphs as P

from .helpers import inside


def test_par_24a_stk_1_employee_partner_and_similar_may_report() -> None:
    for rel in (
        ReporterRelation.EMPLOYEE,
        ReporterRelation.PARTNER_SUPPLIER,
        ReporterRelation.OTHER,
    ):
        d = decide(inside(reporter_relation=rel))
        assert d.scope is Scope.INSIDE and P.PAR_24A_STK_1 in d.legal_bases


def test_par_24a_stk_1_a_citizen_complaint_is_outside_the_scheme() -> None:
    d = decide(inside(reporter_relation=ReporterRelation.CITIZEN))
    assert (d.scope, d.reason, d.route) == (
        Scope.OUTSIDE,
        Reason.NO_STANDING,
        Route.REJECT_WITH_FEEDBACK,
    )


def test_par_24a_stk_1_below_threshold_not_material_or_unlisted_is_outside() -> None:
    below = inside(threshold=Threshold.NEITHER, gravity=None)
    assert decide_scope(below).reason is Reason.BELOW_THRESHOLD
    assert decide_scope(inside(material_to_tasks=False)).reason is Reason.NOT_MATERIAL
    assert decide_scope(inside(category=Category.NOT_LISTED)).reason is Reason.OUTSIDE_PURPOSE


def test_par_24a_stk_1_pkt_2_only_employees_may_report_retaliation() -> None:
    retal = dict(
        category=Category.RETALIATION_AGAINST_REPORTER, threshold=Threshold.NEITHER, gravity=None
    )
    assert decide_scope(inside(**retal)).scope is Scope.INSIDE  # no § 24a threshold needed
    ok = decide(inside(category=Category.RETALIATION_AGAINST_REPORTER, threshold=Threshold.NEITHER))
    assert ok.scope is Scope.INSIDE and ok.reason is Reason.RETALIATION_REPORT
    assert P.PAR_24A_STK_1_PKT_2 in ok.legal_bases
    partner = decide(inside(reporter_relation=ReporterRelation.PARTNER_SUPPLIER, **retal))
    assert partner.scope is Scope.OUTSIDE and partner.reason is Reason.RETALIATION_NOT_EMPLOYEE


def test_par_24a_stk_3_anonymous_reports_are_investigated_like_named_ones() -> None:
    named, anon = decide(inside()), decide(inside(anonymous=True))
    assert (
        (named.scope, named.route)
        == (anon.scope, anon.route)
        == (Scope.INSIDE, Route.OWN_INVESTIGATION)
    )


def test_par_7_stk_1_matter_outside_the_municipality_is_outside() -> None:
    d = decide(inside(subject=Subject.OUTSIDE_MUNICIPALITY))
    assert d.reason is Reason.OUTSIDE_MUNICIPALITY
    assert d.legal_bases[:2] == (P.PAR_7_STK_1, P.PAR_24H_STK_1)


@pytest.mark.parametrize(
    ("exclusion", "par"),
    [
        (Exclusion.POLITICAL_SERVICE_LEVEL, P.PAR_7_STK_3_NR_1),
        (Exclusion.PERSONNEL_EMPLOYMENT, P.PAR_7_STK_3_NR_2),
        (Exclusion.STATUTORY_COMPLAINT_BODY, P.PAR_7_STK_3_NR_3),
        (Exclusion.BROUGHT_BEFORE_SUPERVISOR_OMBUDSMAN_COURT, P.PAR_7_STK_3_NR_4),
        (Exclusion.DECIDED_BY_CITY_COUNCIL, P.PAR_7_STK_3_NR_5),
    ],
)
def test_par_7_stk_3_exclusions_via_par_24h_stk_1_put_the_matter_outside(
    exclusion: Exclusion, par: P.Paragraph
) -> None:
    d = decide(inside(exclusion=exclusion))
    assert d.scope is Scope.OUTSIDE and d.reason.value == exclusion.value
    assert d.legal_bases == (par, P.PAR_24H_STK_1, P.PAR_24C_STK_1)


def test_par_7_stk_4_committee_assessed_matter_may_be_declined_or_taken_as_given() -> None:
    declined = decide(inside(committee_assessed=True, committee_choice=CommitteeChoice.DECLINE))
    assert declined.reason is Reason.ASSESSED_BY_COMMITTEE_OPTIONAL
    assert declined.scope is Scope.OUTSIDE and P.PAR_7_STK_4 in declined.legal_bases
    kept = decide(
        inside(
            committee_assessed=True,
            committee_choice=CommitteeChoice.PROCEED_ON_POLITICAL_ASSESSMENT,
        )
    )
    assert kept.scope is Scope.INSIDE and P.PAR_7_STK_4 in kept.legal_bases


def test_par_7_stk_4_missing_choice_is_an_error_naming_the_field() -> None:
    with pytest.raises(MissingFactError) as err:
        decide(inside(committee_assessed=True))
    assert err.value.fields == ("committee_choice",) and err.value.paragraph == P.PAR_7_STK_4


def test_par_24d_stk_1_decline_needs_attention_handling_and_the_caseworkers_choice() -> None:
    facts = dict(political_or_media_attention=True, already_handled_by_administration=True)
    assert decide(inside(**facts, decline_24d=True)).scope is Scope.DECLINED_24D
    assert decide(inside(**facts, decline_24d=False)).scope is Scope.INSIDE
    with pytest.raises(MissingFactError, match="decline_24d"):
        decide(inside(**facts))
    with pytest.raises(ContradictoryFactsError, match="decline_24d"):
        decide(inside(political_or_media_attention=True, decline_24d=True))


def test_par_24d_stk_3_declined_matter_is_registered_with_its_own_scope() -> None:
    d = decide(
        inside(
            political_or_media_attention=True,
            already_handled_by_administration=True,
            decline_24d=True,
        )
    )
    assert d.scope is Scope.DECLINED_24D and P.PAR_24D_STK_3 in d.legal_bases


def test_outside_scope_wins_over_par_24d() -> None:
    d = decide(
        inside(
            exclusion=Exclusion.STATUTORY_COMPLAINT_BODY,
            political_or_media_attention=True,
            already_handled_by_administration=True,
            decline_24d=True,
        )
    )
    assert d.scope is Scope.OUTSIDE


def test_par_24a_stk_1_partner_reporting_gross_errors_has_standing_whatever_the_category() -> None:
    """The retaliation provision (2. pkt.) widens employees' rights and takes nothing from
    others: a supplier's report of gross errors stands on 1. pkt. even if staff record it
    under the retaliation category."""
    for rel in (ReporterRelation.PARTNER_SUPPLIER, ReporterRelation.OTHER):
        d = decide(inside(reporter_relation=rel, category=Category.RETALIATION_AGAINST_REPORTER))
        assert (d.scope, d.reason) == (Scope.INSIDE, Reason.MEETS_THRESHOLD)
        assert P.PAR_24A_STK_1 in d.legal_bases and P.PAR_24A_STK_1_PKT_2 not in d.legal_bases
    # Without gross or significant and repeated errors only an employee has the 2. pkt. right.
    below = inside(
        reporter_relation=ReporterRelation.PARTNER_SUPPLIER,
        category=Category.RETALIATION_AGAINST_REPORTER,
        threshold=Threshold.NEITHER,
        gravity=None,
    )
    assert decide_scope(below).reason is Reason.RETALIATION_NOT_EMPLOYEE
