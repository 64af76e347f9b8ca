from datetime import date

import holidays
import pytest

from policies import (
    DeadlineKind,
    DeadlineRule,
    DeadlineSettings,
    Extension,
    ExtensionKind,
    PolicyViolation,
    UnitOptions,
    acknowledgement_deadline,
    acknowledgement_late,
    add_months,
    administration_report_deadline,
    answer_deadline,
    deadline_for,
    expected_answer,
    feedback_deadline,
    is_overdue,
    is_working_day,
    next_working_day,
    outcome_followup_deadline,
    provisional_feedback_deadline,
)
from policies import paragraphs as P

D = date
RAW = DeadlineSettings(act_move_to_working_day=False, statute_move_to_working_day=False)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 11, 30), 3, D(2024, 2, 29)),
        (D(2022, 11, 30), 3, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 8, 31), 3, D(2024, 11, 30)),
        (D(2024, 10, 31), 3, D(2025, 1, 31)),  # across the year end
        (D(2024, 5, 15), 0, D(2024, 5, 15)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
    ],
)
def test_add_months_rolls_to_the_last_day_of_a_shorter_month(
    start: date, n: int, expected: date
) -> None:
    assert add_months(start, n) == expected


def test_store_bededag_is_a_holiday_until_2023_and_not_from_2024() -> None:
    assert D(2023, 5, 5) in holidays.country_holidays("DK", years=2023)
    assert D(2024, 4, 26) not in holidays.country_holidays("DK", years=2024)
    assert not is_working_day(D(2023, 5, 5))
    assert next_working_day(D(2023, 5, 5)) == D(2023, 5, 8)
    assert is_working_day(D(2024, 4, 26))  # would have been Store Bededag


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 3, 28), D(2024, 4, 2)),  # Maundy Thursday → after Easter Monday
        (D(2024, 3, 29), D(2024, 4, 2)),  # Good Friday
        (D(2025, 4, 17), D(2025, 4, 22)),
        (D(2024, 12, 25), D(2024, 12, 27)),  # Christmas Day, Second Day of Christmas
        (D(2022, 12, 24), D(2022, 12, 27)),  # Saturday, then 25 and 26
        (D(2024, 1, 1), D(2024, 1, 2)),
        (D(2024, 5, 9), D(2024, 5, 10)),  # Ascension Day
        (D(2024, 5, 20), D(2024, 5, 21)),  # Whit Monday
        (D(2024, 6, 3), D(2024, 6, 3)),  # an ordinary Monday stays
    ],
)
def test_next_working_day_skips_weekends_easter_and_christmas(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


def test_christmas_eve_is_a_working_day_unless_the_unit_closes_on_optional_holidays() -> None:
    assert is_working_day(D(2024, 12, 24))
    assert next_working_day(D(2024, 12, 24), optional_holidays_closed=True) == D(2024, 12, 27)
    closed = DeadlineSettings(optional_holidays_closed=True)
    assert acknowledgement_deadline(D(2024, 12, 17)).due == D(2024, 12, 24)
    assert acknowledgement_deadline(D(2024, 12, 17), closed).due == D(2024, 12, 27)


def test_acknowledgement_is_7_days_and_moves_past_easter() -> None:
    dl = acknowledgement_deadline(D(2024, 3, 21))
    assert dl.due == D(2024, 4, 2) and dl.kind is DeadlineKind.ACKNOWLEDGEMENT
    assert dl.paragraph == P.WBL_12_STK_2_NR_1 and not dl.paragraph.in_seeds
    assert acknowledgement_deadline(D(2024, 3, 21), RAW).due == D(2024, 3, 28)


def test_feedback_is_3_months_from_acknowledgement_with_month_end_and_weekend() -> None:
    assert feedback_deadline(D(2023, 11, 30)).due == D(2024, 2, 29)
    assert feedback_deadline(D(2024, 3, 30)).due == D(2024, 7, 1)  # 30 June is a Sunday
    assert feedback_deadline(D(2024, 3, 30), RAW).due == D(2024, 6, 30)
    assert feedback_deadline(D(2024, 1, 1)).paragraph == P.WBL_12_STK_2_NR_3


def test_provisional_feedback_is_3_months_after_the_end_of_the_7_day_period() -> None:
    dl = provisional_feedback_deadline(D(2024, 1, 24))
    assert dl.due == D(2024, 4, 30) and dl.kind is DeadlineKind.PROVISIONAL_FEEDBACK
    assert provisional_feedback_deadline(D(2023, 11, 23), RAW).due == D(2024, 2, 29)


def test_par_15_stk_1_answer_is_due_in_three_weeks_moved_past_christmas() -> None:
    dl = answer_deadline(D(2024, 12, 4))
    assert dl.due == D(2024, 12, 27) and dl.paragraph == P.PAR_15_STK_1
    assert answer_deadline(D(2024, 12, 4), RAW).due == D(2024, 12, 25)


def test_par_15_stk_1_only_the_citizen_advisor_sets_a_longer_answer_period() -> None:
    sent = D(2024, 12, 4)
    longer = Extension(ExtensionKind.LONGER_DEADLINE_SET, D(2024, 12, 4), D(2025, 1, 6))
    dl = answer_deadline(sent, extensions=[longer])
    assert dl.due == D(2025, 1, 6) and dl.paragraph == P.PAR_15_STK_1
    shorter = Extension(ExtensionKind.LONGER_DEADLINE_SET, D(2024, 12, 4), D(2024, 12, 10))
    assert answer_deadline(sent, extensions=[shorter]).due == D(2024, 12, 27)
    with pytest.raises(PolicyViolation) as err:
        answer_deadline(
            sent,
            extensions=[Extension(ExtensionKind.LONGER_DEADLINE_SET, sent, D(2024, 12, 1))],
        )
    assert err.value.paragraph == P.PAR_15_STK_1


def test_par_15_stk_2_notice_does_not_move_the_deadline() -> None:
    sent = D(2024, 12, 4)
    notice = Extension(ExtensionKind.DELAY_NOTICE, D(2024, 12, 20), D(2025, 1, 10))
    dl = answer_deadline(sent, extensions=[notice])
    assert dl.due == D(2024, 12, 27) and dl.paragraph == P.PAR_15_STK_1
    assert expected_answer([notice]) == D(2025, 1, 10)
    assert expected_answer([]) is None
    # The notice gave an expected date, but the binding deadline has still passed.
    assert is_overdue(dl, D(2024, 12, 30)) and not is_overdue(dl, D(2024, 12, 27))
    longer = Extension(ExtensionKind.LONGER_DEADLINE_SET, D(2024, 12, 4), D(2025, 1, 6))
    assert answer_deadline(sent, extensions=[longer, notice]).due == D(2025, 1, 6)
    with pytest.raises(PolicyViolation) as err:
        answer_deadline(
            sent,
            extensions=[
                Extension(
                    ExtensionKind.DELAY_NOTICE, D(2024, 12, 20), D(2025, 1, 10), reason_given=False
                )
            ],
        )
    assert err.value.paragraph == P.PAR_15_STK_2


def test_par_24g_stk_1_outcome_reminders_repeat_at_the_configured_interval() -> None:
    assert outcome_followup_deadline(D(2024, 1, 1)).due == D(2024, 2, 12)
    assert outcome_followup_deadline(D(2024, 1, 1), reminder=2).due == D(2024, 3, 25)
    short = DeadlineSettings(outcome_reminder_days=14)
    assert outcome_followup_deadline(D(2024, 1, 1), short).due == D(2024, 1, 15)
    assert outcome_followup_deadline(D(2024, 1, 1)).paragraph == P.PAR_24G_STK_1
    with pytest.raises(ValueError):
        outcome_followup_deadline(D(2024, 1, 1), reminder=0)


def test_par_24d_stk_2_administration_report_reminders() -> None:
    dl = administration_report_deadline(D(2024, 1, 1))
    assert dl.paragraph == P.PAR_24D_STK_2 and dl.kind is DeadlineKind.AWAIT_ADMINISTRATION_REPORT


def test_as_soon_as_possible_items_are_flagged() -> None:
    dl = deadline_for(DeadlineRule.AS_SOON_AS_POSSIBLE, D(2024, 3, 28), P.PAR_24B_STK_3)
    assert dl is not None and dl.as_soon_as_possible and dl.due == D(2024, 4, 2)
    assert dl.to_dict()["paragraph"] == "§ 24b, stk. 3"
    assert deadline_for(DeadlineRule.ON_EVENT, D(2024, 1, 1), P.PAR_24D_STK_2) is None
    assert deadline_for(DeadlineRule.NEXT_COMMITTEE_BATCH, D(2024, 1, 1), P.PAR_24A_STK_2) is None


def test_deadline_for_keeps_the_follow_ups_paragraph() -> None:
    dl = deadline_for(DeadlineRule.ACKNOWLEDGEMENT_7_DAYS, D(2024, 6, 3), P.PAR_24B_STK_2)
    assert dl is not None and dl.paragraph == P.PAR_24B_STK_2 and dl.due == D(2024, 6, 10)
    for rule in (
        DeadlineRule.FEEDBACK_3_MONTHS,
        DeadlineRule.ANSWER_3_WEEKS,
        DeadlineRule.OUTCOME_REMINDER,
    ):
        assert deadline_for(rule, D(2024, 6, 3), P.PAR_14) is not None


def test_proposal_2023_2_lower_service_level_lengthens_answer_and_reminder_periods() -> None:
    low = DeadlineSettings.for_options(UnitOptions(lower_service_level=True))
    assert (low.answer_days, low.outcome_reminder_days) == (42, 84)
    assert DeadlineSettings.for_options(UnitOptions()) == DeadlineSettings()
    assert answer_deadline(D(2024, 6, 3), low).due == D(2024, 7, 15)


def test_whistleblower_act_par_12_a_late_acknowledgement_is_known_to_the_policies() -> None:
    received = D(2024, 3, 1)  # Friday; 7 days later is Friday 8 March
    assert not acknowledgement_late(received, D(2024, 3, 8))
    assert acknowledgement_late(received, D(2024, 3, 11))
    # A due date on a Sunday moves to Monday, so Monday is still on time.
    assert not acknowledgement_late(D(2024, 3, 3), D(2024, 3, 11))
    assert acknowledgement_late(
        D(2024, 3, 3), D(2024, 3, 11), DeadlineSettings(act_move_to_working_day=False)
    )


def test_par_15_stk_1_and_the_act_roll_to_working_days_by_separate_switches() -> None:
    act_only = DeadlineSettings(statute_move_to_working_day=False)
    statute_only = DeadlineSettings(act_move_to_working_day=False)
    # 7 days after Sunday 3 March 2024 is Sunday 10 March; 21 days after 4 Dec is Christmas.
    assert acknowledgement_deadline(D(2024, 3, 3), act_only).due == D(2024, 3, 11)
    assert acknowledgement_deadline(D(2024, 3, 3), statute_only).due == D(2024, 3, 10)
    assert answer_deadline(D(2024, 12, 4), act_only).due == D(2024, 12, 25)
    assert answer_deadline(D(2024, 12, 4), statute_only).due == D(2024, 12, 27)
    default = DeadlineSettings()
    assert default.act_move_to_working_day and default.statute_move_to_working_day
