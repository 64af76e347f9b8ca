"""Every follow-up rule gives the date the statute names, under the unit's own settings.

The follow-up's own paragraph is kept (the same rule serves several paragraphs), and
§ 15 extensions follow stk. 1-2 exactly at their boundaries.
"""

from datetime import date

import pytest

from policies import (
    DeadlineKind,
    DeadlineRule,
    DeadlineSettings,
    Extension,
    ExtensionKind,
    PolicyViolation,
    administration_report_deadline,
    answer_deadline,
    deadline_for,
    provisional_feedback_deadline,
)
from policies import paragraphs as P

D = date
# A unit that keeps weekend deadlines and uses periods unlike the defaults, so a rule
# that ignored the settings would give another date.
UNIT = DeadlineSettings(
    act_move_to_working_day=False,
    statute_move_to_working_day=False,
    acknowledgement_days=5,
    feedback_months=2,
    answer_days=30,
    outcome_reminder_days=10,
    asap_target_days=3,
)
START = D(2024, 6, 1)  # a Saturday: a moved deadline would differ


@pytest.mark.parametrize(
    ("rule", "due", "kind"),
    [
        (DeadlineRule.ACKNOWLEDGEMENT_7_DAYS, D(2024, 6, 6), DeadlineKind.ACKNOWLEDGEMENT),
        (DeadlineRule.FEEDBACK_3_MONTHS, D(2024, 8, 1), DeadlineKind.FEEDBACK),
        (DeadlineRule.ANSWER_3_WEEKS, D(2024, 7, 1), DeadlineKind.ANSWER),
        (DeadlineRule.OUTCOME_REMINDER, D(2024, 6, 11), DeadlineKind.AWAIT_INSTANCE_OUTCOME),
        (DeadlineRule.AS_SOON_AS_POSSIBLE, D(2024, 6, 4), DeadlineKind.AS_SOON_AS_POSSIBLE),
    ],
    ids=str,
)
def test_each_rule_uses_the_units_settings_and_keeps_the_follow_ups_paragraph(
    rule: DeadlineRule, due: date, kind: DeadlineKind
) -> None:
    deadline = deadline_for(rule, START, P.PAR_24D_STK_2, UNIT)
    assert deadline is not None
    assert (deadline.due, deadline.kind, deadline.paragraph) == (due, kind, P.PAR_24D_STK_2)
    assert deadline.as_soon_as_possible is (rule is DeadlineRule.AS_SOON_AS_POSSIBLE)


def test_a_deadline_renders_as_json_with_its_citation() -> None:
    deadline = deadline_for(DeadlineRule.ANSWER_3_WEEKS, START, P.PAR_15_STK_1, UNIT)
    assert deadline is not None
    assert deadline.to_dict() == {
        "kind": "answer",
        "due": "2024-07-01",
        "paragraph": "§ 15, stk. 1",
        "as_soon_as_possible": False,
    }


SENT = D(2024, 6, 3)


def test_par_15_an_extension_may_end_on_the_day_the_request_was_sent_but_not_before() -> None:
    same_day = Extension(ExtensionKind.LONGER_DEADLINE_SET, SENT, SENT)
    assert answer_deadline(SENT, UNIT, [same_day]).due == D(2024, 7, 3)  # shorter: ignored
    before = Extension(ExtensionKind.LONGER_DEADLINE_SET, SENT, D(2024, 6, 2))
    with pytest.raises(PolicyViolation) as refused:
        answer_deadline(SENT, UNIT, [before])
    assert refused.value.paragraph == P.PAR_15_STK_1


def test_par_15_stk_2_a_delay_notice_without_reason_is_refused_whatever_its_date() -> None:
    silent = Extension(ExtensionKind.DELAY_NOTICE, SENT, D(2024, 6, 10), reason_given=False)
    with pytest.raises(PolicyViolation) as refused:
        answer_deadline(SENT, UNIT, [silent])
    assert refused.value.paragraph == P.PAR_15_STK_2


def test_par_15_a_longer_deadline_to_a_weekend_moves_to_monday_when_the_unit_moves_deadlines() -> (
    None
):
    saturday = Extension(ExtensionKind.LONGER_DEADLINE_SET, SENT, D(2024, 7, 6))
    moved = answer_deadline(SENT, DeadlineSettings(), [saturday])
    assert (moved.due, moved.kind, moved.paragraph) == (
        D(2024, 7, 8),
        DeadlineKind.ANSWER,
        P.PAR_15_STK_1,
    )
    assert answer_deadline(SENT, UNIT, [saturday]).due == D(2024, 7, 6)


def test_par_15_stk_2_a_delay_notice_to_a_weekend_moves_nothing() -> None:
    saturday = Extension(ExtensionKind.DELAY_NOTICE, SENT, D(2024, 7, 6))
    assert answer_deadline(SENT, UNIT, [saturday]).due == answer_deadline(SENT, UNIT).due


def test_provisional_feedback_cites_the_act_and_counts_from_the_end_of_the_period() -> None:
    deadline = provisional_feedback_deadline(D(2024, 1, 10), UNIT)
    assert (deadline.kind, deadline.due, deadline.paragraph) == (
        DeadlineKind.PROVISIONAL_FEEDBACK,
        D(2024, 3, 15),  # 10 January + 5 days + 2 months
        P.WBL_12_STK_2_NR_3,
    )


def test_par_24d_stk_2_reminders_for_the_administrations_account_repeat() -> None:
    first = administration_report_deadline(START, UNIT)
    second = administration_report_deadline(START, UNIT, reminder=2)
    assert (first.due, second.due) == (D(2024, 6, 11), D(2024, 6, 21))
    assert first.paragraph == P.PAR_24D_STK_2
