"""Totality: every combination of facts and options gets exactly one decision, or a
ContradictoryFactsError naming the conflicting fields: never a silent default."""

from __future__ import annotations

import json
from dataclasses import replace
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies import (
    REGISTRY,
    ContradictoryFactsError,
    Decision,
    FollowUpKind,
    MatterFacts,
    Route,
    Scope,
    UnitOptions,
    decide,
)
from policies.routing import ROUTE_RULES
from policies.scope import SCOPE_RULES
from policies.serde import FieldSpec, field_specs
from policies.validation import CONSISTENCY_RULES

FACT_FIELDS = frozenset(MatterFacts.__dataclass_fields__)


def field_strategy(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Every value a field can hold: its enum members or booleans, plus None if optional."""
    base: st.SearchStrategy[Any] = (
        st.sampled_from(list(spec.base)) if issubclass(spec.base, StrEnum) else st.booleans()
    )
    return st.none() | base if spec.optional else base


def strategy_for(cls: type) -> st.SearchStrategy[Any]:
    """Build a strategy from the dataclass fields: every field drawn independently."""
    return st.builds(cls, **{s.name: field_strategy(s) for s in field_specs(cls)})


# Fields that only push a matter out of scope or need a choice: drawn at random when
# perturbed, else left at their default, so that inside-scope paths are reached often too.
GATES = frozenset(
    {
        "material_to_tasks",
        "subject",
        "exclusion",
        "committee_assessed",
        "committee_choice",
        "political_or_media_attention",
        "already_handled_by_administration",
        "decline_24d",
        "employment_to_mayor",
        "retaliation_notice_to_mayor",
    }
)


# Assessments that are None only when not yet recorded: recorded unless perturbed.
RECORDED = frozenset({"gravity", "documentable"})


@st.composite
def near_default_facts(draw: st.DrawFn) -> MatterFacts:
    """Random decisive fields; at most three gate fields perturbed from their defaults."""
    specs = field_specs(MatterFacts)
    perturbed = draw(st.sets(st.sampled_from(sorted(GATES | RECORDED)), max_size=3))
    values: dict[str, Any] = {}
    for s in specs:
        if s.name in perturbed or not (s.name in GATES or s.name in RECORDED):
            values[s.name] = draw(field_strategy(s))
        elif s.name in RECORDED:
            values[s.name] = draw(field_strategy(replace(s, optional=False)))
        else:
            values[s.name] = s.default
    return MatterFacts(**values)


FACTS = st.one_of(strategy_for(MatterFacts), near_default_facts())
OPTIONS = strategy_for(UnitOptions)

ROUTES_FOR_SCOPE = {
    Scope.OUTSIDE: {Route.REJECT_WITH_FEEDBACK, Route.FILE_WITHOUT_MORE},
    Scope.DECLINED_24D: {Route.DECLINED_24D},
    Scope.INSIDE: {r.route for r in ROUTE_RULES},
}


def outcome(facts: MatterFacts, options: UnitOptions) -> Decision | ContradictoryFactsError:
    try:
        return decide(facts, options)
    except ContradictoryFactsError as err:
        return err


def check_total(facts: MatterFacts, options: UnitOptions) -> None:
    """Exactly one decision, consistent and JSON-safe, or a conflict naming its fields."""
    result = outcome(facts, options)
    if isinstance(result, ContradictoryFactsError):
        assert isinstance(result, ValueError)
        assert result.fields and set(result.fields) <= FACT_FIELDS
        assert all(name in str(result) for name in result.fields)
        assert result.paragraph in REGISTRY.values()
        return
    assert result == decide(facts, options)  # one decision, deterministic
    assert result.route in ROUTES_FOR_SCOPE[result.scope]
    assert result.legal_bases and all(p in REGISTRY.values() for p in result.legal_bases)
    assert len(set(result.legal_bases)) == len(result.legal_bases)
    assert result.follow_ups[0].kind is FollowUpKind.ACKNOWLEDGE_RECEIPT
    assert all(f.paragraph in REGISTRY.values() for f in result.follow_ups)
    assert result.explanation_da and result.explanation_en
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
    assert MatterFacts.from_dict(json.loads(json.dumps(facts.to_dict()))) == facts


@settings(settings.get_profile("wb-policies"), max_examples=1000)
@given(FACTS, OPTIONS)
def test_every_combination_gets_exactly_one_decision_or_a_named_conflict(
    facts: MatterFacts, options: UnitOptions
) -> None:
    check_total(facts, options)


@settings(settings.get_profile("wb-policies"), max_examples=1000)
@given(near_default_facts(), OPTIONS)
def test_near_valid_combinations_get_exactly_one_decision_or_a_named_conflict(
    facts: MatterFacts, options: UnitOptions
) -> None:
    check_total(facts, options)


def test_every_scope_route_and_conflict_rule_has_a_witness() -> None:
    """Each row of the decision table is reachable: a witness example per rule."""
    from policies import (
        Area,
        Category,
        CommitteeChoice,
        Exclusion,
        Gravity,
        Subject,
        Threshold,
        TopOfficial,
        TopOfficialRoute,
    )
    from policies import (
        ReporterRelation as Rel,
    )

    from .helpers import inside

    opts = UnitOptions(close_less_serious_on_vouching=True, work_environment_procedure=True)
    witnesses = [
        inside(reporter_relation=Rel.CITIZEN),
        inside(
            reporter_relation=Rel.OTHER,
            category=Category.RETALIATION_AGAINST_REPORTER,
            threshold=Threshold.NEITHER,
            gravity=None,
        ),
        inside(subject=Subject.OUTSIDE_MUNICIPALITY),
        *(inside(exclusion=e) for e in Exclusion if e is not Exclusion.NONE),
        inside(committee_assessed=True, committee_choice=CommitteeChoice.DECLINE),
        inside(category=Category.NOT_LISTED),
        inside(material_to_tasks=False),
        inside(threshold=Threshold.NEITHER, gravity=None),
        inside(
            political_or_media_attention=True,
            already_handled_by_administration=True,
            decline_24d=True,
        ),
        inside(category=Category.RETALIATION_AGAINST_REPORTER),
        inside(gravity=Gravity.LESS_SERIOUS),
        inside(documentable=False),
        inside(top_official=TopOfficial.MAYOR, top_official_is_subject=True),
        inside(predominant_area=Area.FINANCE),
        inside(predominant_area=Area.EMPLOYMENT, employment_to_mayor=True),
        inside(predominant_area=Area.EMPLOYMENT),
        inside(predominant_area=Area.WORK_ENVIRONMENT),
        inside(gravity=Gravity.SIGNIFICANT_AND_REPEATED, administration_vouches=True),
        inside(),
    ]
    decisions = [decide(f, opts) for f in witnesses]
    assert {d.reason for d in decisions} == {r.reason for r in SCOPE_RULES}
    assert {d.route for d in decisions} >= {r.route for r in ROUTE_RULES}
    chosen = inside(
        top_official=TopOfficial.MAYOR,
        top_official_is_subject=True,
        top_official_route=TopOfficialRoute.INTERNAL_AUDIT,
    )
    off = UnitOptions(external_investigation_top_officials=False)
    assert decide(chosen, off).route is Route.INTERNAL_AUDIT
    conflicts = [
        inside(top_official_is_subject=True),
        inside(committee_choice=CommitteeChoice.DECLINE),
        inside(decline_24d=True),
        inside(threshold=Threshold.NEITHER),
        inside(
            category=Category.RETALIATION_AGAINST_REPORTER, exclusion=Exclusion.PERSONNEL_EMPLOYMENT
        ),
        inside(employment_to_mayor=True),
        inside(retaliation_notice_to_mayor=True),
        inside(top_official_route=TopOfficialRoute.DIRECTORATE),
    ]
    seen = set()
    for f in conflicts:
        with pytest.raises(ContradictoryFactsError) as err:
            decide(f)
        seen.add(err.value.fields)
    assert seen == {r.fields for r in CONSISTENCY_RULES}
