"""Which follow-ups the case file keeps as deadlines or committee notices, and their dates."""

from datetime import date

from policies import (
    TRACKED_DEADLINES,
    DeadlineKind,
    DeadlineRule,
    DeadlineSettings,
    FollowUp,
    FollowUpKind,
    Recipient,
    committee_notice_reason,
    deadline_for,
    follow_up_deadline,
    hearing_given,
    outcome_followup_deadline,
)
from policies import paragraphs as P

D = date
TODAY = D(2024, 3, 28)


def _fu(kind: FollowUpKind, rule: DeadlineRule, par: P.Paragraph = P.PAR_24G_STK_1) -> FollowUp:
    return FollowUp(kind, par, rule, Recipient.ADMINISTRATION)


def test_par_24g_awaited_outcome_is_dated_by_its_rule_under_its_own_kind() -> None:
    fu = _fu(FollowUpKind.AWAIT_INSTANCE_OUTCOME, DeadlineRule.OUTCOME_REMINDER)
    dl = follow_up_deadline(fu, TODAY)
    assert dl is not None
    assert dl.kind is DeadlineKind.AWAIT_INSTANCE_OUTCOME
    assert dl.due == outcome_followup_deadline(TODAY).due
    assert dl.paragraph == P.PAR_24G_STK_1 and not dl.as_soon_as_possible


def test_par_24b_stk_3_retaliation_notice_is_as_soon_as_possible_under_its_paragraph() -> None:
    fu = _fu(FollowUpKind.RETALIATION_NOTICE, DeadlineRule.AS_SOON_AS_POSSIBLE, P.PAR_24B_STK_3)
    dl = follow_up_deadline(fu, TODAY)
    assert dl is not None and dl.kind is DeadlineKind.RETALIATION_NOTICE
    assert dl.as_soon_as_possible and dl.paragraph == P.PAR_24B_STK_3


def test_a_longer_reminder_interval_moves_the_tracked_date() -> None:
    fu = _fu(FollowUpKind.AWAIT_ADMINISTRATION_REPORT, DeadlineRule.OUTCOME_REMINDER)
    short = follow_up_deadline(fu, TODAY, DeadlineSettings(outcome_reminder_days=7))
    assert short is not None and short.due == D(2024, 4, 4)


def test_every_tracked_follow_up_has_a_dated_rule_where_the_statute_uses_it() -> None:
    for kind in TRACKED_DEADLINES:
        for rule in (DeadlineRule.OUTCOME_REMINDER, DeadlineRule.AS_SOON_AS_POSSIBLE):
            assert deadline_for(rule, TODAY, P.PAR_24G_STK_1) is not None
            assert follow_up_deadline(_fu(kind, rule), TODAY) is not None


def test_case_level_follow_ups_and_notices_are_not_matter_deadlines() -> None:
    for kind in (
        FollowUpKind.ACKNOWLEDGE_RECEIPT,
        FollowUpKind.REPORTER_FEEDBACK,
        FollowUpKind.REQUEST_ADMINISTRATION_STATEMENT,
        FollowUpKind.COMMITTEE_NOTICE_24D_DECLINE,
    ):
        assert follow_up_deadline(_fu(kind, DeadlineRule.FEEDBACK_3_MONTHS), TODAY) is None


def test_committee_notices_carry_a_general_reason_only_for_notice_follow_ups() -> None:
    rule = DeadlineRule.AS_SOON_AS_POSSIBLE
    assert committee_notice_reason(_fu(FollowUpKind.COMMITTEE_NOTICE_24D_DECLINE, rule)) == (
        "declined_24d"
    )
    major = _fu(FollowUpKind.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE, rule)
    assert committee_notice_reason(major) == "major_significance"
    assert committee_notice_reason(_fu(FollowUpKind.RETALIATION_NOTICE, rule)) is None


def test_par_19_stk_2_hearing_is_given_by_an_answer_or_an_expired_answer_period() -> None:
    assert hearing_given(answered=D(2024, 3, 1), hearing_dues=[], today=TODAY)
    assert hearing_given(answered=None, hearing_dues=[D(2024, 3, 27)], today=TODAY)
    assert not hearing_given(answered=None, hearing_dues=[TODAY], today=TODAY)
    assert not hearing_given(answered=None, hearing_dues=[None, D(2024, 4, 1)], today=TODAY)
    assert not hearing_given(answered=None, hearing_dues=[], today=TODAY)
