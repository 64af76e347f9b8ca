"""Every refusal carries a code and structured data, so an app can say it in its own words."""

from __future__ import annotations

import pytest

from policies import (
    ContradictoryFactsError,
    MatterEvent,
    MatterStatus,
    MissingFactError,
    PolicyViolation,
    Refusal,
    TransitionNotAllowedError,
    decide,
    paragraph,
    transition,
)
from policies.facts import TopOfficial
from policies.validation import check_consistency

from .helpers import inside


def test_contradictory_facts_name_their_fields_as_data() -> None:
    facts = inside(top_official=TopOfficial.NONE, top_official_is_subject=True)
    with pytest.raises(ContradictoryFactsError) as err:
        check_consistency(facts)
    assert err.value.code is Refusal.CONTRADICTORY_FACTS
    assert err.value.data == {"fields": ("top_official", "top_official_is_subject")}


def test_a_refused_transition_says_which_act_in_which_status() -> None:
    with pytest.raises(TransitionNotAllowedError) as err:
        transition(MatterStatus.CLOSED, MatterEvent.FORWARD)
    assert err.value.code is Refusal.TRANSITION_NOT_ALLOWED
    assert err.value.data == {"current": "closed", "event": "forward"}


def test_a_missing_fact_is_its_own_code() -> None:
    with pytest.raises(MissingFactError) as err:
        decide(inside(gravity=None))
    assert err.value.code is Refusal.MISSING_FACT
    assert err.value.data == {"fields": ("gravity",)}


def test_a_policy_violation_cannot_be_raised_without_a_code() -> None:
    with pytest.raises(TypeError):
        PolicyViolation(paragraph("§ 24c, stk. 2"), "why")  # type: ignore[call-arg]
