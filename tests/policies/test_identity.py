"""Identity requests and openings: § 24a, stk. 2 and the Whistleblower Act § 26, stk. 3."""

import pytest

from policies import (
    FollowUpKind,
    IdentitySubject,
    PolicyViolation,
    UnitOptions,
    check_disclosure,
    check_opening,
    identity_request_follow_ups,
    needs_second_head,
)
from policies import paragraphs as P
from policies.identity import COMMITTEE_NOTICE_FIELDS

FOUR_EYES = UnitOptions(identity_four_eyes=True)


def test_par_24a_stk_2_only_a_request_for_the_reporters_identity_is_told_to_the_committee() -> None:
    (notice,) = identity_request_follow_ups(IdentitySubject.REPORTER)
    assert notice.kind is FollowUpKind.COMMITTEE_NOTICE_IDENTITY_REQUEST
    assert notice.paragraph == P.PAR_24A_STK_2
    assert identity_request_follow_ups(IdentitySubject.PERSON_REPORTED_ON) == ()
    # The notice says that a request came, when, and on which paragraph: nothing more.
    assert COMMITTEE_NOTICE_FIELDS == ("kind", "paragraph", "queued")


def test_par_24a_stk_2_opening_an_identity_needs_a_written_justification() -> None:
    with pytest.raises(PolicyViolation) as err:
        check_opening("   ", requested_by="h1", approved_by=None, options=UnitOptions())
    assert err.value.paragraph == P.PAR_24A_STK_2
    check_opening(
        "Politiet har bedt om det.", requested_by="h1", approved_by=None, options=UnitOptions()
    )
    assert not needs_second_head(UnitOptions())


def test_par_24a_stk_2_with_four_eyes_a_second_head_must_approve() -> None:
    assert needs_second_head(FOUR_EYES)
    why = "Retten har pålagt udlevering."
    with pytest.raises(PolicyViolation, match="second head"):
        check_opening(why, requested_by="h1", approved_by=None, options=FOUR_EYES)
    with pytest.raises(PolicyViolation, match="another head"):
        check_opening(why, requested_by="h1", approved_by="h1", options=FOUR_EYES)
    check_opening(why, requested_by="h1", approved_by="h2", options=FOUR_EYES)


def test_whistleblower_act_par_26_stk_3_reporter_is_told_before_disclosure_or_reason_recorded() -> (
    None
):
    assert check_disclosure(reporter_told=True, withheld_reason="") == P.WBL_26_STK_3
    with pytest.raises(PolicyViolation) as err:
        check_disclosure(reporter_told=False, withheld_reason=" ")
    assert err.value.paragraph == P.WBL_26_STK_3
    assert (
        check_disclosure(
            reporter_told=False, withheld_reason="Underretning vil skade efterforskningen."
        )
        == P.WBL_26_STK_3
    )
