"""The small helpers that build the statute tables build exactly what they are given.

The tables (paragraphs, fact and option fields, scope exclusions, scenarios, field
specs) are built once, at import. These tests call the builders directly, so a change
to a builder shows here and not only as a differently built table.
"""

from __future__ import annotations

import dataclasses

import pytest

from policies import paragraphs as P
from policies import scenarios, scope, serde
from policies.facts import (
    Category,
    Exclusion,
    Gravity,
    MatterFacts,
    ReporterRelation,
    Threshold,
    _f,
    _req,
)
from policies.options import _opt


def test_a_paragraph_is_built_from_the_statute_unless_told_otherwise() -> None:
    built = P._p("24c", 3, 1, pkt=2, da="dansk", en="english")
    assert built == P.Paragraph(P.Source.STATUTE, "24c", 3, 1, 2, "dansk", "english")
    proposal = P._p("4", da="d", en="e", source=P.Source.PROPOSAL_2023)
    assert proposal == P.Paragraph(P.Source.PROPOSAL_2023, "4", None, None, None, "d", "e")


def test_fact_and_option_fields_carry_their_default_doc_and_paragraph() -> None:
    paragraph = P.PAR_24A_STK_1
    for build in (_f, _opt):
        field = build(True, "a doc", paragraph)
        assert field.default is True
        assert dict(field.metadata) == {"doc": "a doc", "paragraph": paragraph}
    required = _req("needed", paragraph)
    assert required.default is dataclasses.MISSING
    assert dict(required.metadata) == {"doc": "needed", "paragraph": paragraph}


@pytest.mark.parametrize("gravity", list(Gravity))
def test_an_inside_scenario_takes_its_threshold_from_the_gravity(gravity: Gravity) -> None:
    facts = scenarios._in(gravity=gravity)
    expected = Threshold.GROSS if gravity is Gravity.GROSS else Threshold.SIGNIFICANT_AND_REPEATED
    assert facts.threshold is expected
    assert facts.gravity is gravity
    assert facts.documentable is True
    assert facts.reporter_relation is ReporterRelation.EMPLOYEE
    assert facts.anonymous is False
    assert facts.category is Category.LEGAL_OBLIGATION_BREACH
    assert scenarios._in(anonymous=True, rel=ReporterRelation.PARTNER_SUPPLIER).anonymous is True


def test_an_outside_scenario_is_below_every_threshold() -> None:
    facts = scenarios._out(exclusion=Exclusion.STATUTORY_COMPLAINT_BODY)
    assert facts == MatterFacts(
        reporter_relation=ReporterRelation.EMPLOYEE,
        anonymous=False,
        category=Category.OTHER_SIMILAR,
        threshold=Threshold.NEITHER,
        exclusion=Exclusion.STATUTORY_COMPLAINT_BODY,
    )


@pytest.mark.parametrize("excluded", [e for e in Exclusion if e is not Exclusion.NONE])
def test_an_exclusion_rule_applies_to_its_own_exclusion_only(excluded: Exclusion) -> None:
    rule = scope._exclusion_rule(excluded)
    reason, english, danish = scope._EXCLUSION_TEXT[excluded]
    assert (rule.reason, rule.when_en, rule.when_da) == (reason, english, danish)
    assert rule.scope is scope.Scope.OUTSIDE
    assert rule.paragraphs == (scope.EXCLUSION_PARAGRAPH[excluded], *scope._H, *scope._OUT)
    for other in Exclusion:
        facts = scenarios._out(exclusion=other)
        assert rule.applies(facts) is (other is excluded)


@dataclasses.dataclass(frozen=True)
class _Sample:
    needed: Category = dataclasses.field(metadata={"doc": "what", "paragraph": P.PAR_24A_STK_1})
    maybe: int | None = dataclasses.field(default=None, metadata={"doc": "how many"})
    flag: bool = True


def test_field_specs_describe_each_field_in_declaration_order() -> None:
    assert serde._field_specs(_Sample) == (
        serde.FieldSpec("needed", Category, False, True, None, "what", str(P.PAR_24A_STK_1)),
        serde.FieldSpec("maybe", int, True, False, None, "how many", None),
        serde.FieldSpec("flag", bool, False, False, True, "", None),
    )
    # The public accessor remembers what it described.
    assert serde.field_specs(_Sample) is serde.field_specs(_Sample)
