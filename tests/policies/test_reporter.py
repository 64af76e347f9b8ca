"""Duties towards the reporter: § 24b, stk. 1 "om muligt", closing, input after closing."""

from datetime import date

import pytest

from policies import (
    DutyState,
    NoWayBack,
    OpenDuty,
    PolicyViolation,
    check_closing,
    check_impossibility,
    duty_state,
    on_reporter_input,
)
from policies import paragraphs as P

D = date


def test_par_24b_stk_1_no_way_back_makes_feedback_impossible_not_overdue() -> None:
    due, late = D(2024, 6, 3), D(2024, 7, 1)
    assert duty_state(due, late) is DutyState.OVERDUE
    assert duty_state(due, late, impossible=True) is DutyState.IMPOSSIBLE
    assert duty_state(due, D(2024, 6, 3)) is DutyState.OPEN
    assert duty_state(due, late, done=D(2024, 6, 20)) is DutyState.DONE
    for kind in ("acknowledgement", "feedback", "closing_feedback", "rejection_feedback"):
        assert check_impossibility(kind, NoWayBack.ANONYMOUS_NOT_RETURNED) == P.PAR_24B_STK_1
    with pytest.raises(PolicyViolation) as err:
        check_impossibility("feedback", None)
    assert err.value.paragraph == P.PAR_24B_STK_1


def test_par_24b_stk_1_only_duties_towards_the_reporter_can_be_impossible() -> None:
    for kind in ("answer", "await_instance_outcome", "retaliation_notice"):
        with pytest.raises(PolicyViolation):
            check_impossibility(kind, NoWayBack.NO_ADDRESS)


def test_par_24b_stk_1_a_case_cannot_close_while_feedback_is_owed() -> None:
    with pytest.raises(PolicyViolation) as err:
        check_closing([OpenDuty("feedback"), OpenDuty("await_instance_outcome")])
    assert err.value.paragraph == P.PAR_24B_STK_1 and "feedback" in err.value.reason
    with pytest.raises(PolicyViolation):
        check_closing([OpenDuty("acknowledgement")])
    allowed = check_closing(
        [OpenDuty("feedback", impossible=True), OpenDuty("recommendation_compliance")]
    )
    # Closing never marks an undone duty done: what is left open lapses.
    assert allowed.lapsed == ("recommendation_compliance",)
    assert check_closing([]).lapsed == ()
    assert duty_state(D(2024, 6, 3), D(2024, 7, 1), lapsed=True) is DutyState.LAPSED


def test_par_24b_stk_1_reporter_input_on_a_closed_case_flags_it_and_offers_reopening() -> None:
    closed = on_reporter_input(case_closed=True)
    assert closed.flag_case and closed.offer_reopening
    assert closed.paragraph == P.PAR_24B_STK_1
    open_case = on_reporter_input(case_closed=False)
    assert open_case.flag_case and not open_case.offer_reopening
