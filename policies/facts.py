"""The facts a caseworker records per matter (*forhold*), as plain enums and booleans.

Every field cites the paragraph that makes it relevant; ``explain_facts_schema()`` turns
this module into docs/triage.md. Free text (reasons, justifications) is not a fact here:
it stays in the encrypted case notes (design.md § 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from . import paragraphs as P
from .serde import check_types, describe, from_dict, to_dict


class ReporterRelation(StrEnum):
    """Who reports (§ 24a stk. 1: employees, partners and similar)."""

    EMPLOYEE = "employee"
    PARTNER_SUPPLIER = "partner_supplier"
    OTHER = "other"  # "og lignende": temp, trainee, volunteer, former employee, board member
    CITIZEN = "citizen"  # no work relation: a citizen's complaint (§ 9), not a report


class Category(StrEnum):
    """What the matter concerns (§ 24a stk. 1's list, plus retaliation, 2. pkt.)."""

    LAW_VIOLATION = "law_violation"
    LEGAL_OBLIGATION_BREACH = "legal_obligation_breach"
    HEALTH_SAFETY = "health_safety"
    ENVIRONMENT = "environment"
    NEGLECT = "neglect"
    OTHER_SIMILAR = "other_similar"
    RETALIATION_AGAINST_REPORTER = "retaliation_against_reporter"
    NOT_LISTED = "not_listed"


class Threshold(StrEnum):
    """What the report alleges or reasonably suspects (§ 24a stk. 1)."""

    GROSS = "gross"
    SIGNIFICANT_AND_REPEATED = "significant_and_repeated"
    NEITHER = "neither"


class Gravity(StrEnum):
    """The caseworker's assessment on the face of it (§ 24c stk. 2, 3 and 5)."""

    GROSS = "gross"
    SIGNIFICANT_AND_REPEATED = "significant_and_repeated"
    LESS_SERIOUS = "less_serious"


class Subject(StrEnum):
    """Which body the matter is about (§ 7 stk. 1, applied by § 24h stk. 1)."""

    ADMINISTRATION = "administration"  # forvaltningen, incl. institutions and workplaces
    POLITICAL_BODY = "political_body"  # Økonomiudvalget, standing committees, mayors
    OUTSIDE_MUNICIPALITY = "outside_municipality"  # e.g. a state agency, a private firm


class TopOfficial(StrEnum):
    """A top official the matter concerns (2023 proposal, initiative 4, 000:91-92)."""

    NONE = "none"
    CITY_COUNCIL_MEMBER = "city_council_member"
    MAYOR = "mayor"
    CHIEF_EXECUTIVE = "chief_executive"
    HEAD_OF_AUDIT = "head_of_audit"
    CITIZEN_ADVISOR = "citizen_advisor"


class TopOfficialRoute(StrEnum):
    """Staff's route for a matter about a top official when the unit does not investigate
    such matters externally: never left to the table, which could send it to the official's
    own directorate or office (the reason stays in the case notes)."""

    OWN_INVESTIGATION = "own_investigation"
    INTERNAL_AUDIT = "internal_audit"
    DIRECTORATE = "directorate"
    MAYOR = "mayor"
    EXTERNAL_INVESTIGATION = "external_investigation"


class Exclusion(StrEnum):
    """A § 7 stk. 3 exclusion (the Citizen Advisor "kan ikke behandle")."""

    NONE = "none"
    POLITICAL_SERVICE_LEVEL = "political_service_level"  # nr. 1
    PERSONNEL_EMPLOYMENT = "personnel_employment"  # nr. 2: a personal employment grievance
    STATUTORY_COMPLAINT_BODY = "statutory_complaint_body"  # nr. 3
    BROUGHT_BEFORE_SUPERVISOR_OMBUDSMAN_COURT = "brought_before_supervisor_ombudsman_court"
    DECIDED_BY_CITY_COUNCIL = "decided_by_city_council"  # nr. 5


EXCLUSION_PARAGRAPH: dict[Exclusion, P.Paragraph] = {
    Exclusion.POLITICAL_SERVICE_LEVEL: P.PAR_7_STK_3_NR_1,
    Exclusion.PERSONNEL_EMPLOYMENT: P.PAR_7_STK_3_NR_2,
    Exclusion.STATUTORY_COMPLAINT_BODY: P.PAR_7_STK_3_NR_3,
    Exclusion.BROUGHT_BEFORE_SUPERVISOR_OMBUDSMAN_COURT: P.PAR_7_STK_3_NR_4,
    Exclusion.DECIDED_BY_CITY_COUNCIL: P.PAR_7_STK_3_NR_5,
}


class CommitteeChoice(StrEnum):
    """The caseworker's § 7 stk. 4 choice for a matter a committee has assessed."""

    DECLINE = "decline"  # "må endvidere afvise"
    PROCEED_ON_POLITICAL_ASSESSMENT = "proceed_on_political_assessment"  # "uprøvet til grund"


class Area(StrEnum):
    """What the matter predominantly concerns (§ 24c stk. 3; 2023 initiative 1)."""

    FINANCE = "finance"
    EMPLOYMENT = "employment"
    WORK_ENVIRONMENT = "work_environment"
    OTHER = "other"


def _f(default: Any, doc: str, par: P.Paragraph) -> Any:
    return field(default=default, metadata={"doc": doc, "paragraph": par})


def _req(doc: str, par: P.Paragraph) -> Any:
    return field(metadata={"doc": doc, "paragraph": par})


@dataclass(frozen=True)
class MatterFacts:
    """What a caseworker records for one matter; ``decide()`` turns it into a Decision."""

    reporter_relation: ReporterRelation = _req(
        "The reporter's relation to the municipality.", P.PAR_24A_STK_1
    )
    anonymous: bool = _req("The reporter is anonymous.", P.PAR_24A_STK_3)
    category: Category = _req("What the matter concerns.", P.PAR_24A_STK_1)
    threshold: Threshold = _req(
        "What the report alleges or reasonably suspects: gross, or significant and "
        "repeated, errors or neglect.",
        P.PAR_24A_STK_1,
    )
    material_to_tasks: bool = _f(
        True, "The information is material to the municipality's tasks.", P.PAR_24A_STK_1
    )
    subject: Subject = _f(Subject.ADMINISTRATION, "The body the matter is about.", P.PAR_7_STK_1)
    top_official: TopOfficial = _f(
        TopOfficial.NONE, "A top official the matter concerns.", P.PROP_2023_4
    )
    top_official_is_subject: bool = _f(
        False,
        "The top official is the subject of the matter (not a witness or bystander).",
        P.PROP_2023_4,
    )
    top_official_route: TopOfficialRoute | None = _f(
        None,
        "Staff's chosen route when a top official is the subject and the unit does not "
        "investigate such matters externally.",
        P.PAR_24C_STK_2,
    )
    exclusion: Exclusion = _f(
        Exclusion.NONE, "A § 7 stk. 3 exclusion that applies.", P.PAR_7_STK_3_NR_1
    )
    committee_assessed: bool = _f(
        False,
        "Økonomiudvalget, a standing committee, Borgerrådgiverudvalget or the audit "
        "committee has assessed the matter.",
        P.PAR_7_STK_4,
    )
    committee_choice: CommitteeChoice | None = _f(
        None, "The caseworker's choice when a committee has assessed the matter.", P.PAR_7_STK_4
    )
    political_or_media_attention: bool = _f(
        False, "The matter has political or media attention.", P.PAR_24D_STK_1
    )
    already_handled_by_administration: bool = _f(
        False,
        "The administration concerned is already essentially handling it satisfactorily.",
        P.PAR_24D_STK_1,
    )
    decline_24d: bool | None = _f(
        None, "The caseworker's § 24d choice: decline (true) or handle (false).", P.PAR_24D_STK_1
    )
    gravity: Gravity | None = _f(
        None, "Gravity on the face of it (needed inside scope).", P.PAR_24C_STK_2
    )
    documentable: bool | None = _f(
        None,
        "Further investigation could document the matter (needed inside scope).",
        P.PAR_24C_STK_2,
    )
    predominant_area: Area = _f(
        Area.OTHER, "What the matter predominantly concerns.", P.PAR_24C_STK_3_NR_1
    )
    employment_to_mayor: bool = _f(
        False,
        "A very special case (helt særligt tilfælde): an employment matter goes to the "
        "responsible mayor instead of the directorate.",
        P.PAR_24C_STK_3_NR_2,
    )
    retaliation_indication: bool = _f(
        False,
        "Information suggests that reporting to the Citizen Advisor has had "
        "significant negative consequences for an employee.",
        P.PAR_24B_STK_3,
    )
    retaliation_notice_to_mayor: bool = _f(
        False,
        "A very special case: the retaliation notice goes to the responsible mayor.",
        P.PAR_24B_STK_3,
    )
    identity_requested: bool = _f(
        False, "Someone has asked for information identifying the reporter.", P.PAR_24A_STK_2
    )
    administration_vouches: bool = _f(
        False,
        "The administration has confirmed in writing that it investigated and "
        "corrected the matter and vouches for its conclusions.",
        P.PROP_2023_3,
    )

    def __post_init__(self) -> None:
        check_types(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> MatterFacts:
        """Parse strictly: unknown keys or bad values raise FactsFormatError (a ValueError)."""
        return from_dict(cls, data)

    def to_dict(self) -> dict[str, object]:
        """Render as a JSON-safe dict."""
        return to_dict(self)


def explain_facts_schema() -> dict[str, object]:
    """Describe the facts' and options' fields, types and enum values (for docs/triage.md)."""
    from .options import UnitOptions

    return {"facts": describe(MatterFacts), "options": describe(UnitOptions)}
