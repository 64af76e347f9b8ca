import json

import pytest

from policies import (
    FactsFormatError,
    MatterFacts,
    ReporterRelation,
    UnitOptions,
    explain_facts_schema,
)

MINIMAL = {
    "reporter_relation": "employee",
    "anonymous": True,
    "category": "neglect",
    "threshold": "gross",
}


def test_from_dict_round_trips_through_json() -> None:
    facts = MatterFacts.from_dict({**MINIMAL, "gravity": "gross", "documentable": True})
    again = MatterFacts.from_dict(json.loads(json.dumps(facts.to_dict())))
    assert again == facts
    assert facts.reporter_relation is ReporterRelation.EMPLOYEE


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**MINIMAL, "colour": "red"}, "colour"),
        ({**MINIMAL, "reporter_relation": "boss"}, "reporter_relation"),
        ({**MINIMAL, "anonymous": "yes"}, "anonymous"),
        ({**MINIMAL, "anonymous": 1}, "anonymous"),
        ({**MINIMAL, "gravity": "huge"}, "gravity"),
        ({**MINIMAL, "anonymous": None}, "anonymous"),
        ({k: v for k, v in MINIMAL.items() if k != "threshold"}, "threshold"),
    ],
)
def test_from_dict_is_strict_and_names_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError) as err:
        MatterFacts.from_dict(data)
    assert isinstance(err.value, FactsFormatError)
    assert err.value.field == field and field in str(err.value)


def test_direct_construction_refuses_plain_strings_for_enums() -> None:
    with pytest.raises(TypeError, match="reporter_relation"):
        MatterFacts(
            reporter_relation="employee",
            anonymous=True,  # type: ignore[arg-type]
            category="neglect",
            threshold="gross",
        )  # type: ignore[arg-type]


def test_unit_options_default_to_the_seed_statute_with_the_top_official_route_on() -> None:
    o = UnitOptions()
    assert o.external_investigation_top_officials is True
    assert not (
        o.close_less_serious_on_vouching or o.work_environment_procedure or o.lower_service_level
    )
    assert UnitOptions.from_dict(o.to_dict()) == o
    with pytest.raises(FactsFormatError, match="unknown"):
        UnitOptions.from_dict({"unknown": True})


def test_schema_lists_every_field_with_type_values_and_paragraph() -> None:
    schema = explain_facts_schema()
    json.dumps(schema)
    facts = {row["name"]: row for row in schema["facts"]}  # type: ignore[index, union-attr]
    assert set(facts) == set(MatterFacts.__dataclass_fields__)
    assert facts["reporter_relation"]["values"] == [
        "employee",
        "partner_supplier",
        "other",
        "citizen",
    ]
    assert facts["decline_24d"]["nullable"] is True
    assert all(row["paragraph"] for row in facts.values())
