"""Paragraph value objects: every rule in `policies` cites one of these.

Citations are rendered the Danish way (docs/architecture.md § 6): ``§ 24c, stk. 3, nr. 1``.
Nothing outside this module formats a citation by hand. The Danish text of the statute
and of the 2023 initiatives is in docs/sources/.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """Which text a paragraph belongs to."""

    STATUTE = "statute"  # Vedtægt for Borgerrådgiveren (docs/sources/)
    WHISTLEBLOWER_ACT = "whistleblower_act"  # lov nr. 1436 af 29/06/2021 (not in docs/sources/)
    PROPOSAL_2023 = "proposal_2023"  # Beretning 2023, the four initiatives (docs/sources/)


@dataclass(frozen=True, order=True)
class Paragraph:
    """A citable provision: section, optional stk./nr./pkt. and titles."""

    source: Source
    section: str
    stk: int | None = None
    nr: int | None = None
    pkt: int | None = None
    title_da: str = ""
    title_en: str = ""

    def cite(self) -> str:
        """Render the Danish citation, e.g. ``§ 24c, stk. 3, nr. 1``."""
        if self.source is Source.PROPOSAL_2023:
            return f"Beretning 2023, initiativ {self.section}"
        parts = [f"§ {self.section}"]
        if self.stk is not None:
            parts.append(f"stk. {self.stk}")
        if self.nr is not None:
            parts.append(f"nr. {self.nr}")
        if self.pkt is not None:
            parts.append(f"{self.pkt}. pkt.")
        text = ", ".join(parts)
        if self.source is Source.WHISTLEBLOWER_ACT:
            return f"whistleblowerloven {text}"
        return text

    def __str__(self) -> str:
        return self.cite()

    @property
    def in_sources(self) -> bool:
        """Whether the provision's Danish text is in docs/sources/ (the Act's is not)."""
        return self.source is not Source.WHISTLEBLOWER_ACT


def _p(
    section: str,
    stk: int | None = None,
    nr: int | None = None,
    *,
    pkt: int | None = None,
    da: str,
    en: str,
    source: Source = Source.STATUTE,
) -> Paragraph:
    return Paragraph(source, section, stk, nr, pkt, da, en)


# The table stays one provision per line, as it reads in the statute.
# fmt: off
# --- § 7 (applied to whistleblower matters by § 24h stk. 1) -------------------------
PAR_7_STK_1 = _p("7", 1, da="Omfattede organer", en="Bodies covered")
PAR_7_STK_3_NR_1 = _p("7", 3, 1, da="Politisk vedtaget serviceniveau",
                      en="Politically adopted service level")
PAR_7_STK_3_NR_2 = _p("7", 3, 2, da="Personale- og ansættelsesforhold",
                      en="Personnel and employment matters")
PAR_7_STK_3_NR_3 = _p("7", 3, 3, da="Kan indbringes for lovhjemlet klageorgan",
                      en="Can be brought before a statutory complaint body")
PAR_7_STK_3_NR_4 = _p("7", 3, 4, da="Indbragt for tilsyn, Ombudsmand eller domstole",
                      en="Brought before the supervisor, Ombudsman or courts")
PAR_7_STK_3_NR_5 = _p("7", 3, 5, da="Behandlet af Borgerrepræsentationen",
                      en="Decided by the City Council")
PAR_7_STK_4 = _p("7", 4, da="Bedømt af udvalg: kan afvises",
                 en="Assessed by a committee: may be declined")

# --- § 14, § 15, § 19 (applied by § 24h stk. 1) -------------------------------------
PAR_14 = _p("14", da="Oplysningspligt for forvaltningerne",
            en="Administrations' duty to inform")
PAR_15_STK_1 = _p("15", 1, da="Svarfrist tre uger", en="Three-week answer deadline")
PAR_15_STK_2 = _p("15", 2, da="Orientering om forsinket svar",
                  en="Notice of a late answer")
PAR_19_STK_2 = _p("19", 2, da="Ingen kritik før høring", en="No criticism before a hearing")
PAR_19_STK_3 = _p("19", 3, da="Henstilling om at fremme sagen",
                  en="Recommendation to expedite")

# --- Chapter 7a ---------------------------------------------------------------------
PAR_24A_STK_1 = _p("24a", 1, da="Ret til at indgive oplysninger",
                   en="Right to report")
PAR_24A_STK_1_PKT_2 = _p("24a", 1, pkt=2, da="Oplysninger om negative konsekvenser",
                         en="Reports of retaliation (employees only)")
PAR_24A_STK_2 = _p("24a", 2, da="Diskretion; udvalget orienteres om identitetsanmodninger",
                   en="Discretion; committee told of identity requests")
PAR_24A_STK_3 = _p("24a", 3, da="Anonyme indberetninger", en="Anonymous reports")
PAR_24B_STK_1 = _p("24b", 1, da="Orientering om rettigheder, procedure og status",
                   en="Information on rights, procedure and status")
PAR_24B_STK_2 = _p("24b", 2, da="Orientering om tillidsrepræsentanten",
                   en="Information on the union representative")
PAR_24B_STK_3 = _p("24b", 3, da="Negative konsekvenser: direktionen orienteres snarest",
                   en="Retaliation: directorate told as soon as possible")
PAR_24C_STK_1 = _p("24c", 1, da="Afvisning; anonyme henlægges uden videre",
                   en="Rejection; anonymous reports filed without more")
PAR_24C_STK_2 = _p("24c", 2, da="Vurdering af grovhed og dokumentation",
                   en="Assessment of gravity and documentability")
PAR_24C_STK_3_NR_1 = _p("24c", 3, 1, da="Økonomiske forhold til Intern Revision",
                        en="Finance matters to Internal Audit")
PAR_24C_STK_3_NR_2 = _p("24c", 3, 2, da="Ansættelsesretlige forhold til direktionen",
                        en="Employment-law matters to the directorate")
PAR_24C_STK_4 = _p("24c", 4, da="Instansen behandler efter egen praksis",
                   en="The instance proceeds by its own practice")
PAR_24C_STK_5 = _p("24c", 5, da="Borgerrådgiverens egen undersøgelse",
                   en="The Citizen Advisor's own investigation")
PAR_24D_STK_1 = _p("24d", 1, da="Afvisning ved politisk eller mediemæssig bevågenhed",
                   en="Decline under political or media attention")
PAR_24D_STK_2 = _p("24d", 2, da="Forvaltningens redegørelse; udvalget orienteres",
                   en="Administration's account; committee informed")
PAR_24D_STK_3 = _p("24d", 3, da="Registrering uanset afvisning",
                   en="Registered even if declined")
PAR_24E = _p("24e", da="Mundtlig sagsoplysning", en="Oral fact-finding")
PAR_24F_STK_1_NR_1 = _p("24f", 1, 1, da="Opfattelse, kritik, anbefalinger, henstillinger",
                        en="Opinion, criticism, recommendations")
PAR_24F_STK_1_NR_2 = _p("24f", 1, 2, da="Oversendelse med henstilling",
                        en="Transfer with a recommendation")
PAR_24F_STK_1_NR_3 = _p("24f", 1, 3, da="Underretning", en="Notification")
PAR_24F_STK_1_NR_4 = _p("24f", 1, 4, da="Henlæggelse med tilbagemelding",
                        en="Closing with feedback")
PAR_24F_STK_2 = _p("24f", 2, da="Forhold uden for kompetencen",
                   en="Matters outside competence")
PAR_24F_STK_3 = _p("24f", 3, da="Efterlevelse af anbefalinger",
                   en="Compliance with recommendations")
PAR_24F_STK_4 = _p("24f", 4, da="Fejl af større betydning: udvalget underrettes",
                   en="Errors of major significance: committee notified")
PAR_24G_STK_1 = _p("24g", 1, da="Underretning om udfald af oversendte sager",
                   en="Outcome of forwarded matters reported back")
PAR_24G_STK_2 = _p("24g", 2, da="Orientering om udfald", en="Informing of outcomes")
PAR_24H_STK_1 = _p("24h", 1, da="Øvrige bestemmelser finder anvendelse",
                   en="Other provisions applied")
PAR_24H_STK_2 = _p("24h", 2, da="Beretning og løbende orientering",
                   en="Annual report and continuous information")

# --- Whistleblower Act (not in docs/sources/) ----------------------------------------
# The numbering follows the Act's § 12, stk. 2 (internal schemes), which mirrors § 20, stk. 2
# (external schemes); its text is not in docs/sources/ and must be verified
# (docs/policy-open-points.md).
WBL_12_STK_2_NR_1 = _p("12", 2, 1, da="Bekræftelse af modtagelse inden 7 dage",
                       en="Acknowledgement within 7 days",
                       source=Source.WHISTLEBLOWER_ACT)
WBL_12_STK_2_NR_3 = _p("12", 2, 3, da="Feedback senest 3 måneder efter bekræftelsen",
                       en="Feedback within 3 months of acknowledgement",
                       source=Source.WHISTLEBLOWER_ACT)
# § 26, stk. 3 (reporter told before an identity is disclosed): not in the seeds either.
WBL_26_STK_3 = _p("26", 3, da="Underretning før identiteten videregives",
                  en="Reporter told before the identity is disclosed",
                  source=Source.WHISTLEBLOWER_ACT)

# --- 2023 proposals (Beretning 2023, initiativ 1-4), switches in UnitOptions ------------
PROP_2023_1 = _p("1", da="Ændret procedure for visse arbejdsmiljøsager",
                 en="Changed procedure for certain work-environment reports",
                 source=Source.PROPOSAL_2023)
PROP_2023_2 = _p("2", da="Lavere serviceniveau over for forvaltningerne",
                 en="Lower service level towards the administrations",
                 source=Source.PROPOSAL_2023)
PROP_2023_3 = _p("3", da="Afslutning på forvaltningens indeståelse i mindre alvorlige sager",
                 en="Closing less serious matters on the administration's vouching",
                 source=Source.PROPOSAL_2023)
PROP_2023_4 = _p("4", da="Ekstern undersøgelse af sager om topfolk",
                 en="External investigation of matters about top officials",
                 source=Source.PROPOSAL_2023)

# fmt: on
REGISTRY: dict[str, Paragraph] = {
    p.cite(): p
    for name, p in sorted(globals().items())
    if isinstance(p, Paragraph) and name.isupper()
}


def paragraph(citation: str) -> Paragraph:
    """Look a registered paragraph up by its citation string; KeyError if unknown."""
    return REGISTRY[citation]
