"""Each refused outcome names the paragraph (and, for contradictions, the fields) staff see.

The back office shows a refusal with its citation; a refusal under the wrong paragraph,
or a contradiction without its fields, would send staff to the wrong rule.
"""

import pytest

from policies import (
    Consequence,
    ContradictoryFactsError,
    CriticismLevel,
    Exclusion,
    FollowUp,
    Outcome,
    OutcomeRecord,
    PolicyViolation,
    Refusal,
    UnitOptions,
    check_outcome,
)
from policies import paragraphs as P


def rec(*outcomes: Outcome, **kw: object) -> OutcomeRecord:
    return OutcomeRecord(frozenset(outcomes), **{"confirmed": True, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "paragraph", "fields"),
    [
        (rec(), P.PAR_24F_STK_1_NR_1, None),
        (rec(Outcome.CRITICISM), P.PAR_19_STK_2, None),
        (rec(Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING), P.PROP_2023_3, None),
        (
            rec(Outcome.NOTIFY_COMMITTEE, outside_competence=Exclusion.NONE),
            P.PAR_24F_STK_2,
            ("outside_competence",),
        ),
        (
            rec(Outcome.NOTIFY_COMMITTEE, outside_competence=Exclusion.DECIDED_BY_CITY_COUNCIL),
            P.PAR_24F_STK_2,
            None,
        ),
        (
            rec(Outcome.OPINION, outside_competence=Exclusion.PERSONNEL_EMPLOYMENT),
            P.PAR_24F_STK_2,
            None,
        ),
        (
            rec(Outcome.OPINION, criticism_level=CriticismLevel.KRITISABELT),
            P.PAR_24F_STK_1_NR_1,
            ("criticism_level", "outcomes"),
        ),
        (
            rec(Outcome.OPINION, confirmed=False, major_significance=True),
            P.PAR_24F_STK_4,
            ("major_significance", "confirmed"),
        ),
    ],
    ids=[
        "no outcome",
        "criticism before hearing",
        "vouching not adopted",
        "outside competence without exclusion",
        "decided by the City Council",
        "outside competence, an opinion",
        "criticism level without criticism",
        "major significance unconfirmed",
    ],
)
def test_a_refused_outcome_cites_its_paragraph_and_fields(
    record: OutcomeRecord, paragraph: P.Paragraph, fields: tuple[str, ...] | None
) -> None:
    with pytest.raises(PolicyViolation) as refused:
        check_outcome(record)
    assert refused.value.paragraph == paragraph
    assert str(refused.value).startswith(paragraph.cite() + ": ")
    if fields is None:
        assert not isinstance(refused.value, ContradictoryFactsError)
    else:
        assert isinstance(refused.value, ContradictoryFactsError)
        assert refused.value.fields == fields


def test_outside_competence_allows_a_transfer_shelving_or_any_notification() -> None:
    for outcome in (
        Outcome.TRANSFER_WITH_RECOMMENDATION,
        Outcome.NOTIFY_DIRECTORATE_OR_MAYOR,
        Outcome.NOTIFY_COMMITTEE,
        Outcome.NOTIFY_STANDING_COMMITTEE,
        Outcome.NOTIFY_CITY_COUNCIL,
        Outcome.SHELVED_WITH_FEEDBACK,
    ):
        record = rec(
            outcome, hearing_recorded=True, outside_competence=Exclusion.POLITICAL_SERVICE_LEVEL
        )
        check_outcome(record)


def test_the_follow_ups_of_a_full_outcome_in_order() -> None:
    record = rec(
        Outcome.RECOMMENDATION,
        Outcome.TRANSFER_WITH_RECOMMENDATION,
        Outcome.SHELVED_WITH_FEEDBACK,
        hearing_recorded=True,
        major_significance=True,
    )
    follow_ups = check_outcome(record).follow_ups
    assert all(isinstance(f, FollowUp) for f in follow_ups)
    assert [(f.kind.value, f.paragraph, f.rule.value, f.recipient.value) for f in follow_ups] == [
        ("recommendation_compliance", P.PAR_24F_STK_3, "outcome_reminder", "administration"),
        ("await_instance_outcome", P.PAR_24G_STK_1, "outcome_reminder", "administration"),
        ("closing_feedback", P.PAR_24F_STK_1_NR_4, "feedback_3_months", "reporter"),
        (
            "committee_notice_major_significance",
            P.PAR_24F_STK_4,
            "next_committee_batch",
            "committee",
        ),
    ]


def test_closing_on_vouching_gives_closing_feedback_when_adopted() -> None:
    adopted = UnitOptions(close_less_serious_on_vouching=True)
    [follow_up] = check_outcome(rec(Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING), adopted).follow_ups
    assert (follow_up.kind.value, follow_up.paragraph) == ("closing_feedback", P.PAR_24F_STK_1_NR_4)


def test_an_outcome_record_renders_as_json_with_sorted_codes() -> None:
    record = rec(
        Outcome.RECOMMENDATION,
        Outcome.CRITICISM,
        consequences=frozenset({Consequence.OTHER, Consequence.GUIDELINES}),
        major_significance=True,
        hearing_recorded=True,
        criticism_level=CriticismLevel.KRITISABELT,
        outside_competence=Exclusion.STATUTORY_COMPLAINT_BODY,
    )
    assert record.to_dict() == {
        "outcomes": ["criticism", "recommendation"],
        "confirmed": True,
        "consequences": ["guidelines", "other"],
        "major_significance": True,
        "hearing_recorded": True,
        "criticism_level": "kritisabelt",
        "outside_competence": "statutory_complaint_body",
    }
    plain = rec(Outcome.OPINION, confirmed=None).to_dict()
    assert (plain["confirmed"], plain["criticism_level"], plain["outside_competence"]) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("record", "code", "data"),
    [
        (rec(), Refusal.NO_OUTCOME, {}),
        (
            rec(Outcome.RECOMMENDATION, Outcome.CRITICISM),
            Refusal.HEARING_FIRST,
            {"outcomes": ("criticism", "recommendation")},
        ),
        (rec(Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING), Refusal.VOUCHING_NOT_ADOPTED, {}),
        (
            rec(Outcome.NOTIFY_COMMITTEE, outside_competence=Exclusion.NONE),
            Refusal.CONTRADICTORY_FACTS,
            {"fields": ("outside_competence",)},
        ),
        (
            rec(Outcome.NOTIFY_COMMITTEE, outside_competence=Exclusion.DECIDED_BY_CITY_COUNCIL),
            Refusal.DECIDED_BY_CITY_COUNCIL,
            {},
        ),
        (
            rec(
                Outcome.OPINION,
                Outcome.CRITICISM,
                hearing_recorded=True,
                outside_competence=Exclusion.PERSONNEL_EMPLOYMENT,
            ),
            Refusal.OUTSIDE_COMPETENCE_OUTCOMES,
            {"outcomes": ("criticism", "opinion")},
        ),
    ],
    ids=[
        "no outcome",
        "criticism before hearing",
        "vouching",
        "no exclusion",
        "city council",
        "outside competence",
    ],
)
def test_a_refused_outcome_names_what_staff_must_change(
    record: OutcomeRecord, code: Refusal, data: dict[str, object]
) -> None:
    # The back office words each refusal from its code and data: the outcomes named here
    # are the ones it lists for staff to remove or to hear the administration about.
    with pytest.raises(PolicyViolation) as refused:
        check_outcome(record)
    assert (refused.value.code, refused.value.data) == (code, data)
