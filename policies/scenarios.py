"""Scenarios A–N: example reports as facts; tests assert their decisions, docs show them."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import (
    Area,
    Category,
    Exclusion,
    Gravity,
    MatterFacts,
    Threshold,
    TopOfficial,
)
from .facts import (
    ReporterRelation as Rel,
)
from .options import UnitOptions


@dataclass(frozen=True)
class Scenario:
    """One acceptance scenario: a title and the facts a caseworker would record."""

    key: str
    title_en: str
    title_da: str
    facts: MatterFacts
    options: UnitOptions = UnitOptions()


def _in(
    rel: Rel = Rel.EMPLOYEE,
    anonymous: bool = False,
    category: Category = Category.LEGAL_OBLIGATION_BREACH,
    gravity: Gravity = Gravity.SIGNIFICANT_AND_REPEATED,
    **kw: object,
) -> MatterFacts:
    threshold = Threshold.GROSS if gravity is Gravity.GROSS else Threshold.SIGNIFICANT_AND_REPEATED
    return MatterFacts(
        reporter_relation=rel,
        anonymous=anonymous,
        category=category,
        threshold=threshold,
        gravity=gravity,
        documentable=True,
        **kw,  # type: ignore[arg-type]
    )


def _out(**kw: object) -> MatterFacts:
    return MatterFacts(
        reporter_relation=Rel.EMPLOYEE,
        anonymous=False,
        category=Category.OTHER_SIMILAR,
        threshold=Threshold.NEITHER,
        **kw,  # type: ignore[arg-type]
    )


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "A",
        "Borgercenter Handicap 80/20 deadline manipulation",
        "Tilbageholdte afgørelser i Borgercenter Handicap",
        _in(anonymous=True),
    ),
    Scenario(
        "B",
        "Budget-driven instruction to withhold statutory benefits",
        "Instruks om ikke at give lovbestemte ydelser",
        _in(category=Category.LAW_VIOLATION, gravity=Gravity.GROSS),
    ),
    Scenario(
        "C",
        "Systematic IT error stopping sickness benefit",
        "Fagsystem raskmelder borgere fejlagtigt",
        _in(),
    ),
    Scenario(
        "D",
        "Sensitive personal data sent by insecure e-mail",
        "Personfølsomme oplysninger med usikker e-mail",
        _in(),
    ),
    Scenario(
        "E",
        "Finance matter reported by a supplier",
        "Leverandør: betaling for ydelser, der ikke er leveret",
        _in(
            rel=Rel.PARTNER_SUPPLIER, category=Category.LAW_VIOLATION, predominant_area=Area.FINANCE
        ),
    ),
    Scenario(
        "F",
        "Employment-law matter: working-time rules breached for a team",
        "Systematiske brud på arbejdstidsregler",
        _in(predominant_area=Area.EMPLOYMENT),
    ),
    Scenario(
        "G",
        "Personal grievance: own salary grade",
        "Klage over egen lønindplacering",
        _out(exclusion=Exclusion.PERSONNEL_EMPLOYMENT),
    ),
    Scenario(
        "H",
        "Political service level for home help",
        "Det politisk vedtagne serviceniveau for hjemmehjælp",
        _out(exclusion=Exclusion.POLITICAL_SERVICE_LEVEL),
    ),
    Scenario(
        "I",
        "Decision already appealed to Ankestyrelsen",
        "Afgørelse påklaget til Ankestyrelsen",
        _out(exclusion=Exclusion.STATUTORY_COMPLAINT_BODY),
    ),
    Scenario(
        "J",
        "Already handled under media or political attention",
        "Allerede under behandling efter politisk/mediemæssig bevågenhed",
        _in(
            category=Category.NEGLECT,
            gravity=Gravity.GROSS,
            political_or_media_attention=True,
            already_handled_by_administration=True,
            decline_24d=True,
        ),
    ),
    Scenario(
        "K",
        "Retaliation: a colleague moved after reporting",
        "Kollega forflyttet efter indberetning",
        _in(
            category=Category.RETALIATION_AGAINST_REPORTER,
            gravity=Gravity.GROSS,
            predominant_area=Area.EMPLOYMENT,
            retaliation_indication=True,
        ),
    ),
    Scenario(
        "L",
        "Misconduct by a chief executive",
        "Forhold vedrørende en administrerende direktør",
        _in(
            category=Category.LAW_VIOLATION,
            gravity=Gravity.GROSS,
            top_official=TopOfficial.CHIEF_EXECUTIVE,
            top_official_is_subject=True,
        ),
    ),
    Scenario(
        "M",
        "Request for a named reporter's identity",
        "Anmodning om identifikationsoplysninger",
        _in(identity_requested=True),
    ),
    Scenario(
        "N",
        "Less serious, closed on the administration's vouching",
        "Mindre alvorlig sag afsluttet på forvaltningens indeståelse",
        _in(administration_vouches=True),
        UnitOptions(close_less_serious_on_vouching=True),
    ),
)
