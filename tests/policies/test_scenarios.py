"""Scenarios A–N of statute.md § 7, as a table a lawyer can read.

Each row: scenario, expected scope, route, legal bases, and follow-up kinds (in order).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from policies import (
    Consequence,
    CriticismLevel,
    MissingFactError,
    Outcome,
    OutcomeRecord,
    Route,
    Scope,
    TopOfficialRoute,
    UnitOptions,
    check_outcome,
    decide,
)
from policies import (
    FollowUpKind as K,
)
from policies.scenarios import SCENARIOS

ACK, UNION, FEEDBACK = K.ACKNOWLEDGE_RECEIPT, K.UNION_REPRESENTATIVE_INFO, K.REPORTER_FEEDBACK
OWN = ("§ 24a, stk. 1", "§ 24c, stk. 2", "§ 24c, stk. 5")
OWN_FU = (ACK, UNION, FEEDBACK, K.REQUEST_ADMINISTRATION_STATEMENT)
REJECT_FU = (ACK, UNION, K.REJECTION_FEEDBACK)

TABLE: dict[str, tuple[Scope, Route, tuple[str, ...], tuple[K, ...]]] = {
    #     scope           route                        legal bases            follow-ups
    "A": (Scope.INSIDE, Route.OWN_INVESTIGATION, OWN, OWN_FU),
    "B": (Scope.INSIDE, Route.OWN_INVESTIGATION, OWN, OWN_FU),
    "C": (Scope.INSIDE, Route.OWN_INVESTIGATION, OWN, OWN_FU),
    "D": (Scope.INSIDE, Route.OWN_INVESTIGATION, OWN, OWN_FU),
    "E": (
        Scope.INSIDE,
        Route.INTERNAL_AUDIT,
        ("§ 24a, stk. 1", "§ 24c, stk. 2", "§ 24c, stk. 3, nr. 1", "§ 24c, stk. 4"),
        (ACK, FEEDBACK, K.AWAIT_INSTANCE_OUTCOME),
    ),
    "F": (
        Scope.INSIDE,
        Route.DIRECTORATE,
        ("§ 24a, stk. 1", "§ 24c, stk. 2", "§ 24c, stk. 3, nr. 2", "§ 24c, stk. 4"),
        (ACK, UNION, FEEDBACK, K.AWAIT_INSTANCE_OUTCOME),
    ),
    "G": (
        Scope.OUTSIDE,
        Route.REJECT_WITH_FEEDBACK,
        ("§ 7, stk. 3, nr. 2", "§ 24h, stk. 1", "§ 24c, stk. 1"),
        REJECT_FU,
    ),
    "H": (
        Scope.OUTSIDE,
        Route.REJECT_WITH_FEEDBACK,
        ("§ 7, stk. 3, nr. 1", "§ 24h, stk. 1", "§ 24c, stk. 1"),
        REJECT_FU,
    ),
    "I": (
        Scope.OUTSIDE,
        Route.REJECT_WITH_FEEDBACK,
        ("§ 7, stk. 3, nr. 3", "§ 24h, stk. 1", "§ 24c, stk. 1"),
        REJECT_FU,
    ),
    "J": (
        Scope.DECLINED_24D,
        Route.DECLINED_24D,
        ("§ 24d, stk. 1", "§ 24d, stk. 3", "§ 24d, stk. 2"),
        (
            ACK,
            UNION,
            FEEDBACK,
            K.AWAIT_ADMINISTRATION_REPORT,
            K.COMMITTEE_NOTICE_24D_DECLINE,
            K.COMMITTEE_NOTICE_24D_ACCOUNT,
        ),
    ),
    "K": (
        Scope.INSIDE,
        Route.DIRECTORATE,
        ("§ 24a, stk. 1, 2. pkt.", "§ 24c, stk. 2", "§ 24c, stk. 3, nr. 2", "§ 24c, stk. 4"),
        (ACK, UNION, FEEDBACK, K.AWAIT_INSTANCE_OUTCOME, K.RETALIATION_NOTICE),
    ),
    "L": (
        Scope.INSIDE,
        Route.EXTERNAL_INVESTIGATION,
        ("§ 24a, stk. 1", "§ 24c, stk. 2", "Beretning 2023, initiativ 4"),
        (ACK, UNION, FEEDBACK, K.AWAIT_INSTANCE_OUTCOME),
    ),
    "M": (
        Scope.INSIDE,
        Route.OWN_INVESTIGATION,
        OWN,
        (*OWN_FU, K.COMMITTEE_NOTICE_IDENTITY_REQUEST),
    ),
    "N": (
        Scope.INSIDE,
        Route.CLOSE_ON_VOUCHING,
        ("§ 24a, stk. 1", "§ 24c, stk. 2", "Beretning 2023, initiativ 3"),
        (ACK, UNION, K.CLOSING_FEEDBACK),
    ),
}

BY_KEY = {s.key: s for s in SCENARIOS}


def test_the_table_covers_scenarios_a_to_n() -> None:
    assert sorted(TABLE) == sorted(BY_KEY) == list("ABCDEFGHIJKLMN")


@pytest.mark.parametrize("key", sorted(TABLE))
def test_scenario_decision(key: str) -> None:
    s = BY_KEY[key]
    d = decide(s.facts, s.options)
    scope, route, bases, follow_ups = TABLE[key]
    assert (d.scope, d.route) == (scope, route)
    assert tuple(p.cite() for p in d.legal_bases) == bases
    assert tuple(f.kind for f in d.follow_ups) == follow_ups


def test_scenario_a_outcome_confirmed_with_consequence_and_committee_notice() -> None:
    kinds = [
        f.kind
        for f in check_outcome(
            OutcomeRecord(
                frozenset({Outcome.OPINION, Outcome.CRITICISM}),
                confirmed=True,
                consequences=frozenset({Consequence.TIGHTENED_SUPERVISION}),
                major_significance=True,
                hearing_recorded=True,
            )
        ).follow_ups
    ]
    assert kinds == [K.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE]


def test_scenario_a_anonymous_reporter_is_reached_through_the_portal_only() -> None:
    assert BY_KEY["A"].facts.anonymous
    assert K.REJECTION_FEEDBACK not in [f.kind for f in decide(BY_KEY["A"].facts).follow_ups]


def test_scenario_b_not_confirmed_closes_with_feedback_and_may_still_have_a_consequence() -> None:
    fus = check_outcome(
        OutcomeRecord(
            frozenset({Outcome.SHELVED_WITH_FEEDBACK}),
            confirmed=False,
            consequences=frozenset({Consequence.GUIDELINES}),
        )
    ).follow_ups
    assert [f.kind for f in fus] == [K.CLOSING_FEEDBACK]


def test_scenario_c_henstilling_is_tracked_for_compliance_and_awaits_its_outcome() -> None:
    fus = check_outcome(
        OutcomeRecord(frozenset({Outcome.HENSTILLING}), confirmed=True, hearing_recorded=True)
    ).follow_ups
    # § 24f, stk. 3 (compliance) and § 24g, stk. 1 (the unit is told the outcome).
    assert [f.kind for f in fus] == [K.RECOMMENDATION_COMPLIANCE, K.AWAIT_INSTANCE_OUTCOME]


def test_scenario_d_records_the_criticism_level() -> None:
    rec = OutcomeRecord(
        frozenset({Outcome.CRITICISM, Outcome.RECOMMENDATION}),
        confirmed=True,
        hearing_recorded=True,
        criticism_level=CriticismLevel.KRITISABELT,
    )
    assert [f.kind for f in check_outcome(rec).follow_ups] == [
        K.RECOMMENDATION_COMPLIANCE,
        K.AWAIT_INSTANCE_OUTCOME,
    ]
    assert rec.to_dict()["criticism_level"] == "kritisabelt"


def test_scenario_f_very_special_case_goes_to_the_mayor() -> None:
    d = decide(replace(BY_KEY["F"].facts, employment_to_mayor=True))
    assert d.route is Route.MAYOR


def test_scenario_g_anonymous_grievance_is_filed_without_more() -> None:
    from dataclasses import replace

    d = decide(replace(BY_KEY["G"].facts, anonymous=True))
    assert d.route is Route.FILE_WITHOUT_MORE
    assert [f.kind for f in d.follow_ups] == [ACK, UNION]


def test_scenario_l_without_the_option_staff_choose_the_route() -> None:
    off = UnitOptions(external_investigation_top_officials=False)
    with pytest.raises(MissingFactError):
        decide(BY_KEY["L"].facts, off)
    chosen = replace(BY_KEY["L"].facts, top_official_route=TopOfficialRoute.OWN_INVESTIGATION)
    assert decide(chosen, off).route is Route.OWN_INVESTIGATION


def test_scenario_n_without_the_option_is_investigated() -> None:
    assert decide(BY_KEY["N"].facts).route is Route.OWN_INVESTIGATION
