"""Outcomes of an own investigation (§ 24f) and of a forwarded matter (§ 24g), consequences,
and the § 19 stk. 2 hearing guard. Every allowed outcome comes back with its legal bases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from . import paragraphs as P
from .errors import ContradictoryFactsError, PolicyViolation, Refusal
from .facts import Exclusion
from .followups import DeadlineRule as R
from .followups import FollowUp
from .followups import FollowUpKind as K
from .followups import Recipient as To
from .options import UnitOptions


class Outcome(StrEnum):
    """§ 24f stk. 1 outcomes (several may apply), § 19 stk. 3, and 2023 initiative 3."""

    OPINION = "opinion"  # nr. 1: udtale sin opfattelse
    CRITICISM = "criticism"  # nr. 1: kritik
    RECOMMENDATION = "recommendation"  # nr. 1: forslag, anbefalinger
    HENSTILLING = "henstilling"  # nr. 1: henstillinger
    TRANSFER_WITH_RECOMMENDATION = "transfer_with_recommendation"  # nr. 2
    NOTIFY_DIRECTORATE_OR_MAYOR = "notify_directorate_or_mayor"  # nr. 3
    NOTIFY_COMMITTEE = "notify_committee"  # nr. 3: Borgerrådgiverudvalget
    NOTIFY_STANDING_COMMITTEE = "notify_standing_committee"  # nr. 3
    NOTIFY_CITY_COUNCIL = "notify_city_council"  # nr. 3
    SHELVED_WITH_FEEDBACK = "shelved_with_feedback"  # nr. 4
    EXPEDITE_RECOMMENDATION = "expedite_recommendation"  # § 19 stk. 3
    CLOSED_ON_ADMINISTRATION_VOUCHING = (
        "closed_on_administration_vouching"  # Beretning 2023, initiativ 3
    )


OUTCOME_PARAGRAPH: dict[Outcome, P.Paragraph] = {
    Outcome.OPINION: P.PAR_24F_STK_1_NR_1,
    Outcome.CRITICISM: P.PAR_24F_STK_1_NR_1,
    Outcome.RECOMMENDATION: P.PAR_24F_STK_1_NR_1,
    Outcome.HENSTILLING: P.PAR_24F_STK_1_NR_1,
    Outcome.TRANSFER_WITH_RECOMMENDATION: P.PAR_24F_STK_1_NR_2,
    Outcome.NOTIFY_DIRECTORATE_OR_MAYOR: P.PAR_24F_STK_1_NR_3,
    Outcome.NOTIFY_COMMITTEE: P.PAR_24F_STK_1_NR_3,
    Outcome.NOTIFY_STANDING_COMMITTEE: P.PAR_24F_STK_1_NR_3,
    Outcome.NOTIFY_CITY_COUNCIL: P.PAR_24F_STK_1_NR_3,
    Outcome.SHELVED_WITH_FEEDBACK: P.PAR_24F_STK_1_NR_4,
    Outcome.EXPEDITE_RECOMMENDATION: P.PAR_19_STK_3,
    Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING: P.PROP_2023_3,
}

#: § 19 stk. 2: "kritik, afgive henstilling mv." needs the hearing first.
NEEDS_HEARING = frozenset(
    {
        Outcome.CRITICISM,
        Outcome.RECOMMENDATION,
        Outcome.HENSTILLING,
        Outcome.TRANSFER_WITH_RECOMMENDATION,
    }
)
#: § 24f stk. 3 / § 24g stk. 1: the administration must say if these are not followed.
TRACKED = frozenset(
    {Outcome.RECOMMENDATION, Outcome.HENSTILLING, Outcome.TRANSFER_WITH_RECOMMENDATION}
)
#: § 24g, stk. 1 (its "§ 24e, stk. 1, nr. 1 og 2" read as § 24f, stk. 1, nr. 1 og 2): the
#: unit must be told the outcome of recommendations and henstillinger under nr. 1 as of a
#: transfer under nr. 2, so all three wait for the outcome (docs/policy-open-points.md).
AWAITS_OUTCOME = TRACKED


@dataclass(frozen=True)
class OutcomeCheck:
    """An allowed outcome: its legal bases, the duties it creates, and what it merely offers."""

    legal_bases: tuple[P.Paragraph, ...]
    follow_ups: tuple[FollowUp, ...]
    #: Whom staff may inform (§ 24g, stk. 2): offered, never queued as a duty.
    offers: tuple[str, ...] = ()


class Consequence(StrEnum):
    """Consequences in the administration (the 2016 annual report's types; docs/summaries.md)."""

    TIGHTENED_SUPERVISION = "tightened_supervision"
    GUIDELINES = "guidelines"
    DISCIPLINARY = "disciplinary"
    OTHER = "other"


class CriticismLevel(StrEnum):
    """The criticism scale, mildest first (Hvidovre's, from its 2017 annual report); optional."""

    UHELDIGT = "uheldigt"
    BEKLAGELIGT = "beklageligt"
    MEGET_BEKLAGELIGT = "meget_beklageligt"
    KRITISABELT = "kritisabelt"
    MEGET_KRITISABELT = "meget_kritisabelt"
    STAERKT_KRITISABELT = "staerkt_kritisabelt"


class ComplianceStatus(StrEnum):
    """§ 24f stk. 3: whether a recommendation or henstilling was followed."""

    PENDING = "pending"
    FOLLOWED = "followed"
    NOT_FOLLOWED = "not_followed"


@dataclass(frozen=True)
class OutcomeRecord:
    """What the unit records when it concludes a matter it investigated."""

    outcomes: frozenset[Outcome]
    confirmed: bool | None
    consequences: frozenset[Consequence] = frozenset()
    major_significance: bool = False
    hearing_recorded: bool = False
    criticism_level: CriticismLevel | None = None
    #: § 24f stk. 2: the investigation uncovered matters outside competence; which § 7
    #: stk. 3 exclusion they fall under (read as "§ 7, stk. 3, nr. 1-4", open point 1).
    outside_competence: Exclusion | None = None

    def to_dict(self) -> dict[str, object]:
        """Render as a JSON-safe dict (sets as sorted lists)."""
        return {
            "outcomes": sorted(o.value for o in self.outcomes),
            "confirmed": self.confirmed,
            "consequences": sorted(c.value for c in self.consequences),
            "major_significance": self.major_significance,
            "hearing_recorded": self.hearing_recorded,
            "criticism_level": None if self.criticism_level is None else self.criticism_level.value,
            "outside_competence": None
            if self.outside_competence is None
            else self.outside_competence.value,
        }


def check_outcome(
    record: OutcomeRecord,
    options: UnitOptions = UnitOptions(),  # noqa: B008 (frozen)
) -> OutcomeCheck:
    """Check an outcome against § 24f, § 19 stk. 2 and the options; return its legal bases
    and follow-ups.

    § 24f stk. 1; § 19 stk. 2: no criticism or recommendation before the administration
    has had the chance to comment; § 24f stk. 3 and § 24g stk. 1: track recommendations;
    § 24f stk. 4: errors of major significance go to the committee.
    """
    if not record.outcomes:
        raise PolicyViolation(P.PAR_24F_STK_1_NR_1, "no outcome", code=Refusal.NO_OUTCOME)
    needing = sorted(o.value for o in record.outcomes & NEEDS_HEARING)
    if needing and not record.hearing_recorded:
        raise PolicyViolation(
            P.PAR_19_STK_2,
            f"hear the administration before: {', '.join(needing)}",
            code=Refusal.HEARING_FIRST,
            data={"outcomes": tuple(needing)},
        )
    if (
        Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING in record.outcomes
        and not options.close_less_serious_on_vouching
    ):
        raise PolicyViolation(
            P.PROP_2023_3,
            "the unit has not adopted closing on the administration's vouching",
            code=Refusal.VOUCHING_NOT_ADOPTED,
        )
    _check_outside_competence(record)
    if record.criticism_level is not None and Outcome.CRITICISM not in record.outcomes:
        raise ContradictoryFactsError(
            P.PAR_24F_STK_1_NR_1,
            "a criticism level needs the criticism outcome",
            ("criticism_level", "outcomes"),
        )
    if record.major_significance and record.confirmed is False:
        raise ContradictoryFactsError(
            P.PAR_24F_STK_4,
            "an error of major significance cannot be found in an unconfirmed matter",
            ("major_significance", "confirmed"),
        )
    return OutcomeCheck(outcome_legal_bases(record), _outcome_follow_ups(record))


def outcome_legal_bases(record: OutcomeRecord) -> tuple[P.Paragraph, ...]:
    """§ 24f (and § 19, stk. 2, § 24g, stk. 1 where they apply): the paragraphs a recorded
    outcome rests on, in the statute's order; the case page shows them per matter."""
    bases = {OUTCOME_PARAGRAPH[o] for o in record.outcomes}
    if record.outcomes & NEEDS_HEARING:
        bases.add(P.PAR_19_STK_2)
    if record.outside_competence is not None:
        bases.add(P.PAR_24F_STK_2)
    if record.outcomes & AWAITS_OUTCOME:
        bases.add(P.PAR_24G_STK_1)
    if record.outcomes & TRACKED:
        bases.add(P.PAR_24F_STK_3)
    if record.major_significance:
        bases.add(P.PAR_24F_STK_4)
    return tuple(sorted(bases, key=_statute_order))


def _statute_order(p: P.Paragraph) -> tuple[bool, int, str, int, int]:
    """Statute before the 2023 proposals; § 19 before § 24f (by length, then letter)."""
    return (p.source is not P.Source.STATUTE, len(p.section), p.section, p.stk or 0, p.nr or 0)


def _outcome_follow_ups(record: OutcomeRecord) -> tuple[FollowUp, ...]:
    out: list[FollowUp] = []
    if record.outcomes & TRACKED:
        out.append(
            FollowUp(
                K.RECOMMENDATION_COMPLIANCE, P.PAR_24F_STK_3, R.OUTCOME_REMINDER, To.ADMINISTRATION
            )
        )
    if record.outcomes & AWAITS_OUTCOME:
        out.append(
            FollowUp(
                K.AWAIT_INSTANCE_OUTCOME, P.PAR_24G_STK_1, R.OUTCOME_REMINDER, To.ADMINISTRATION
            )
        )
    if record.outcomes & {Outcome.SHELVED_WITH_FEEDBACK, Outcome.CLOSED_ON_ADMINISTRATION_VOUCHING}:
        out.append(
            FollowUp(K.CLOSING_FEEDBACK, P.PAR_24F_STK_1_NR_4, R.FEEDBACK_3_MONTHS, To.REPORTER)
        )
    if record.major_significance:
        out.append(
            FollowUp(
                K.COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE,
                P.PAR_24F_STK_4,
                R.NEXT_COMMITTEE_BATCH,
                To.COMMITTEE,
            )
        )
    return tuple(out)


#: § 24f stk. 2 allows only these (stk. 1, nr. 2 and 3) about matters outside competence.
OUTSIDE_COMPETENCE_ALLOWED = frozenset(
    {
        Outcome.TRANSFER_WITH_RECOMMENDATION,
        Outcome.NOTIFY_DIRECTORATE_OR_MAYOR,
        Outcome.NOTIFY_COMMITTEE,
        Outcome.NOTIFY_STANDING_COMMITTEE,
        Outcome.NOTIFY_CITY_COUNCIL,
        Outcome.SHELVED_WITH_FEEDBACK,
    }
)


def _check_outside_competence(record: OutcomeRecord) -> None:
    """§ 24f stk. 2: about matters outside competence the Citizen Advisor may
    only transfer with a recommendation (nr. 2) or notify (nr. 3). The statute's "§ 7, stk. 1,
    nr. 1-4" is read as § 7, stk. 3, nr. 1-4, so nr. 5 (decided by the City Council) stays
    excluded altogether (docs/policy-open-points.md, point 1)."""
    ex = record.outside_competence
    if ex is None:
        return
    if ex is Exclusion.NONE:
        raise ContradictoryFactsError(
            P.PAR_24F_STK_2,
            "outside_competence needs a § 7 stk. 3 exclusion, not 'none'",
            ("outside_competence",),
        )
    if ex is Exclusion.DECIDED_BY_CITY_COUNCIL:
        raise PolicyViolation(
            P.PAR_24F_STK_2,
            "§ 24f stk. 2 covers § 7 stk. 3 nr. 1-4 only, not City Council decisions",
            code=Refusal.DECIDED_BY_CITY_COUNCIL,
        )
    barred = sorted(o.value for o in record.outcomes - OUTSIDE_COMPETENCE_ALLOWED)
    if barred:
        raise PolicyViolation(
            P.PAR_24F_STK_2,
            "outside competence only nr. 2 and nr. 3 are allowed: " + ", ".join(barred),
            code=Refusal.OUTSIDE_COMPETENCE_OUTCOMES,
            data={"outcomes": tuple(barred)},
        )


def may_notify_on_non_compliance(status: ComplianceStatus) -> bool:
    """§ 24f stk. 3, 2. pkt.: when a recommendation is not followed, the Citizen Advisor may
    inform the directorate or mayor, the committee, the standing committee or the City
    Council."""
    return status is ComplianceStatus.NOT_FOLLOWED


def hearing_given(
    *, answered: date | None, hearing_dues: Iterable[date | None], today: date
) -> bool:
    """§ 19, stk. 2: the administration has had its chance to comment before criticism.

    It has when it answered the hearing (``answered``), or when a hearing's answer period
    has run out before ``today`` (an answer is not required, only the chance to give one).
    """
    if answered is not None:
        return True
    return any(due is not None and due < today for due in hearing_dues)
