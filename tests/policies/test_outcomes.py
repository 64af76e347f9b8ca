import pytest

from policies import (
    ComplianceStatus,
    Consequence,
    ContradictoryFactsError,
    Exclusion,
    InformWhom,
    Outcome,
    OutcomeRecord,
    PolicyViolation,
    UnitOptions,
    check_instance_outcome,
    check_outcome,
    may_notify_on_non_compliance,
)
from policies import (
    FollowUpKind as K,
)
from policies import paragraphs as P


def rec(*outcomes: Outcome, **kw: object) -> OutcomeRecord:
    return OutcomeRecord(frozenset(outcomes), **{"confirmed": True, **kw})  # type: ignore[arg-type]


def test_consequence_codes_are_exactly_the_four_conventions_names() -> None:
    assert [c.value for c in Consequence] == [
        "tightened_supervision",
        "guidelines",
        "disciplinary",
        "other",
    ]


def test_par_24f_stk_1_several_outcomes_may_apply_but_at_least_one() -> None:
    fus = check_outcome(
        rec(Outcome.OPINION, Outcome.NOTIFY_COMMITTEE, Outcome.SHELVED_WITH_FEEDBACK)
    ).follow_ups
    assert [f.kind for f in fus] == [K.CLOSING_FEEDBACK]
    with pytest.raises(PolicyViolation):
        check_outcome(rec())


@pytest.mark.parametrize(
    "o",
    [
        Outcome.CRITICISM,
        Outcome.RECOMMENDATION,
        Outcome.HENSTILLING,
        Outcome.TRANSFER_WITH_RECOMMENDATION,
    ],
)
def test_par_19_stk_2_no_criticism_or_recommendation_before_the_hearing_is_recorded(
    o: Outcome,
) -> None:
    with pytest.raises(PolicyViolation) as err:
        check_outcome(rec(o, Outcome.OPINION))
    assert err.value.paragraph == P.PAR_19_STK_2 and str(err.value).startswith("§ 19, stk. 2")
    assert o.value in err.value.reason
    check_outcome(rec(o, hearing_recorded=True))


def test_par_19_stk_3_a_recommendation_to_expedite_needs_no_hearing() -> None:
    assert check_outcome(rec(Outcome.EXPEDITE_RECOMMENDATION)).follow_ups == ()


def test_par_24f_stk_3_recommendations_are_tracked_for_compliance() -> None:
    fu, _ = check_outcome(rec(Outcome.RECOMMENDATION, hearing_recorded=True)).follow_ups
    assert fu.kind is K.RECOMMENDATION_COMPLIANCE and fu.paragraph == P.PAR_24F_STK_3
    assert may_notify_on_non_compliance(ComplianceStatus.NOT_FOLLOWED)
    assert not may_notify_on_non_compliance(ComplianceStatus.PENDING)
    assert not may_notify_on_non_compliance(ComplianceStatus.FOLLOWED)


def test_par_24f_stk_1_nr_2_and_par_24g_stk_1_transfer_awaits_the_outcome() -> None:
    kinds = [
        f.kind
        for f in check_outcome(
            rec(Outcome.TRANSFER_WITH_RECOMMENDATION, hearing_recorded=True)
        ).follow_ups
    ]
    assert kinds == [K.RECOMMENDATION_COMPLIANCE, K.AWAIT_INSTANCE_OUTCOME]


def test_par_24f_stk_4_error_of_major_significance_notifies_the_committee() -> None:
    (fu,) = check_outcome(rec(Outcome.OPINION, major_significance=True)).follow_ups
    assert fu.kind is K.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE and fu.paragraph == P.PAR_24F_STK_4
    with pytest.raises(ContradictoryFactsError) as err:
        check_outcome(rec(Outcome.OPINION, major_significance=True, confirmed=False))
    assert err.value.fields == ("major_significance", "confirmed")


def test_par_24f_stk_2_outside_competence_only_transfer_or_notification() -> None:
    ok = rec(
        Outcome.NOTIFY_DIRECTORATE_OR_MAYOR, outside_competence=Exclusion.STATUTORY_COMPLAINT_BODY
    )
    assert check_outcome(ok).follow_ups == ()
    with pytest.raises(PolicyViolation) as err:
        check_outcome(
            rec(
                Outcome.CRITICISM,
                hearing_recorded=True,
                outside_competence=Exclusion.POLITICAL_SERVICE_LEVEL,
            )
        )
    assert err.value.paragraph == P.PAR_24F_STK_2
    # The defect "§ 7, stk. 1, nr. 1-4" is read as § 7, stk. 3, nr. 1-4: nr. 5 stays out.
    with pytest.raises(PolicyViolation, match="nr. 1-4"):
        check_outcome(
            rec(Outcome.NOTIFY_COMMITTEE, outside_competence=Exclusion.DECIDED_BY_CITY_COUNCIL)
        )


def test_proposal_2023_3_closing_on_vouching_needs_the_option() -> None:
    record = rec(Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING)
    with pytest.raises(PolicyViolation):
        check_outcome(record)
    on = UnitOptions(close_less_serious_on_vouching=True)
    assert [f.kind for f in check_outcome(record, on).follow_ups] == [K.CLOSING_FEEDBACK]


def test_consequences_may_follow_an_unconfirmed_matter() -> None:
    r = rec(
        Outcome.SHELVED_WITH_FEEDBACK,
        confirmed=False,
        consequences=frozenset({Consequence.DISCIPLINARY}),
    )
    check_outcome(r)
    assert r.to_dict()["consequences"] == ["disciplinary"]


def test_par_24f_stk_1_an_allowed_outcome_returns_its_legal_bases() -> None:
    check = check_outcome(
        rec(Outcome.OPINION, Outcome.CRITICISM, hearing_recorded=True, major_significance=True)
    )
    assert [p.cite() for p in check.legal_bases] == [
        "§ 19, stk. 2",
        "§ 24f, stk. 1, nr. 1",
        "§ 24f, stk. 4",
    ]
    shelved = check_outcome(rec(Outcome.SHELVED_WITH_FEEDBACK))
    assert shelved.legal_bases == (P.PAR_24F_STK_1_NR_4,)
    vouched = check_outcome(
        rec(Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING),
        UnitOptions(close_less_serious_on_vouching=True),
    )
    assert vouched.legal_bases == (P.PROP_2023_3,)


def test_par_24g_stk_1_a_recommendation_under_nr_1_awaits_its_outcome_as_a_transfer_does() -> None:
    """§ 24g, stk. 1 names recommendations under nr. 1 and 2 alike (its "§ 24e" read as
    § 24f): the unit must be told the outcome, so both wait for it with reminders."""
    for o in (Outcome.RECOMMENDATION, Outcome.HENSTILLING, Outcome.TRANSFER_WITH_RECOMMENDATION):
        check = check_outcome(rec(o, hearing_recorded=True))
        awaits = [f for f in check.follow_ups if f.kind is K.AWAIT_INSTANCE_OUTCOME]
        assert len(awaits) == 1 and awaits[0].paragraph == P.PAR_24G_STK_1
        assert P.PAR_24G_STK_1 in check.legal_bases
    # An opinion or criticism alone is no recommendation: nothing to wait for.
    plain = check_outcome(rec(Outcome.OPINION, Outcome.CRITICISM, hearing_recorded=True))
    assert plain.follow_ups == () and P.PAR_24G_STK_1 not in plain.legal_bases


def test_par_24g_stk_2_informing_the_committee_of_an_instance_outcome_is_offered_not_owed() -> None:
    """§ 24f, stk. 4's duty covers the Citizen Advisor's own investigations; for a forwarded
    matter § 24g, stk. 2 says "kan": an offer, never a queued duty."""
    own = check_outcome(rec(Outcome.OPINION, major_significance=True))
    assert [f.kind for f in own.follow_ups] == [K.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE]
    forwarded = check_instance_outcome(confirmed=True, major_significance=True)
    assert forwarded.follow_ups == ()
    assert set(forwarded.offers) == {w.value for w in InformWhom}
    assert forwarded.legal_bases == (P.PAR_24G_STK_1, P.PAR_24G_STK_2)
    with pytest.raises(ContradictoryFactsError):
        check_instance_outcome(confirmed=False, major_significance=True)
