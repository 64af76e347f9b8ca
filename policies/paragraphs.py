"""Paragraph value objects: every rule in `policies` cites one of these.

Citations are rendered the Danish way (conventions.md § 1): ``§ 24c, stk. 3, nr. 1``.
Nothing outside this module formats a citation by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """Which text a paragraph belongs to."""

    STATUTE = "statute"  # Vedtægt for Borgerrådgiveren (seed 001:3366-3923)
    WHISTLEBLOWER_ACT = "whistleblower_act"  # lov nr. 1436 af 29/06/2021 (not in the seeds)
    PROPOSAL_2023 = "proposal_2023"  # Beretning 2023, the four initiatives (seed 000:88-92)


@dataclass(frozen=True, order=True)
class Paragraph:
    """A citable provision: section, optional stk./nr./pkt., titles and seed lines."""

    source: Source
    section: str
    stk: int | None = None
    nr: int | None = None
    pkt: int | None = None
    title_da: str = ""
    title_en: str = ""
    seed: str | None = None  # "001:3796-3799"; None when the text is not in the seeds

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
    def in_seeds(self) -> bool:
        """Whether the provision's text is in the seed documents."""
        return self.seed is not None


def _p(
    section: str,
    stk: int | None = None,
    nr: int | None = None,
    *,
    pkt: int | None = None,
    da: str,
    en: str,
    seed: str | None,
    source: Source = Source.STATUTE,
) -> Paragraph:
    return Paragraph(source, section, stk, nr, pkt, da, en, seed)


# The table stays one provision per line, as it reads in the statute.
# fmt: off
# --- § 7 (applied to whistleblower matters by § 24h stk. 1) -------------------------
PAR_7_STK_1 = _p("7", 1, da="Omfattede organer", en="Bodies covered", seed="001:3468-3471")
PAR_7_STK_3_NR_1 = _p("7", 3, 1, da="Politisk vedtaget serviceniveau",
                      en="Politically adopted service level", seed="001:3481-3482")
PAR_7_STK_3_NR_2 = _p("7", 3, 2, da="Personale- og ansættelsesforhold",
                      en="Personnel and employment matters", seed="001:3483-3485")
PAR_7_STK_3_NR_3 = _p("7", 3, 3, da="Kan indbringes for lovhjemlet klageorgan",
                      en="Can be brought before a statutory complaint body", seed="001:3486")
PAR_7_STK_3_NR_4 = _p("7", 3, 4, da="Indbragt for tilsyn, Ombudsmand eller domstole",
                      en="Brought before the supervisor, Ombudsman or courts",
                      seed="001:3487-3489")
PAR_7_STK_3_NR_5 = _p("7", 3, 5, da="Behandlet af Borgerrepræsentationen",
                      en="Decided by the City Council", seed="001:3490-3492")
PAR_7_STK_4 = _p("7", 4, da="Bedømt af udvalg: kan afvises",
                 en="Assessed by a committee: may be declined", seed="001:3493-3496")

# --- § 14, § 15, § 19 (applied by § 24h stk. 1) -------------------------------------
PAR_14 = _p("14", da="Oplysningspligt for forvaltningerne",
            en="Administrations' duty to inform", seed="001:3583-3591")
PAR_15_STK_1 = _p("15", 1, da="Svarfrist tre uger", en="Three-week answer deadline",
                  seed="001:3598-3599")
PAR_15_STK_2 = _p("15", 2, da="Orientering om forsinket svar",
                  en="Notice of a late answer", seed="001:3600-3602")
PAR_19_STK_2 = _p("19", 2, da="Ingen kritik før høring", en="No criticism before a hearing",
                  seed="001:3659-3663")
PAR_19_STK_3 = _p("19", 3, da="Henstilling om at fremme sagen",
                  en="Recommendation to expedite", seed="001:3665-3669")

# --- Chapter 7a ---------------------------------------------------------------------
PAR_24A_STK_1 = _p("24a", 1, da="Ret til at indgive oplysninger",
                   en="Right to report", seed="001:3758-3765")
PAR_24A_STK_1_PKT_2 = _p("24a", 1, pkt=2, da="Oplysninger om negative konsekvenser",
                         en="Reports of retaliation (employees only)", seed="001:3765-3767")
PAR_24A_STK_2 = _p("24a", 2, da="Diskretion; udvalget orienteres om identitetsanmodninger",
                   en="Discretion; committee told of identity requests", seed="001:3768-3775")
PAR_24A_STK_3 = _p("24a", 3, da="Anonyme indberetninger", en="Anonymous reports",
                   seed="001:3776")
PAR_24B_STK_1 = _p("24b", 1, da="Orientering om rettigheder, procedure og status",
                   en="Information on rights, procedure and status", seed="001:3779-3781")
PAR_24B_STK_2 = _p("24b", 2, da="Orientering om tillidsrepræsentanten",
                   en="Information on the union representative", seed="001:3782-3783")
PAR_24B_STK_3 = _p("24b", 3, da="Negative konsekvenser: direktionen orienteres snarest",
                   en="Retaliation: directorate told as soon as possible", seed="001:3784-3788")
PAR_24C_STK_1 = _p("24c", 1, da="Afvisning; anonyme henlægges uden videre",
                   en="Rejection; anonymous reports filed without more", seed="001:3796-3799")
PAR_24C_STK_2 = _p("24c", 2, da="Vurdering af grovhed og dokumentation",
                   en="Assessment of gravity and documentability", seed="001:3800-3806")
PAR_24C_STK_3_NR_1 = _p("24c", 3, 1, da="Økonomiske forhold til Intern Revision",
                        en="Finance matters to Internal Audit", seed="001:3807-3813")
PAR_24C_STK_3_NR_2 = _p("24c", 3, 2, da="Ansættelsesretlige forhold til direktionen",
                        en="Employment-law matters to the directorate", seed="001:3815-3817")
PAR_24C_STK_4 = _p("24c", 4, da="Instansen behandler efter egen praksis",
                   en="The instance proceeds by its own practice", seed="001:3819-3821")
PAR_24C_STK_5 = _p("24c", 5, da="Borgerrådgiverens egen undersøgelse",
                   en="The Citizen Advisor's own investigation", seed="001:3822-3825")
PAR_24D_STK_1 = _p("24d", 1, da="Afvisning ved politisk eller mediemæssig bevågenhed",
                   en="Decline under political or media attention", seed="001:3827-3830")
PAR_24D_STK_2 = _p("24d", 2, da="Forvaltningens redegørelse; udvalget orienteres",
                   en="Administration's account; committee informed", seed="001:3831-3837")
PAR_24D_STK_3 = _p("24d", 3, da="Registrering uanset afvisning",
                   en="Registered even if declined", seed="001:3838-3839")
PAR_24E = _p("24e", da="Mundtlig sagsoplysning", en="Oral fact-finding", seed="001:3841-3843")
PAR_24F_STK_1_NR_1 = _p("24f", 1, 1, da="Opfattelse, kritik, anbefalinger, henstillinger",
                        en="Opinion, criticism, recommendations", seed="001:3849-3854")
PAR_24F_STK_1_NR_2 = _p("24f", 1, 2, da="Oversendelse med henstilling",
                        en="Transfer with a recommendation", seed="001:3856-3857")
PAR_24F_STK_1_NR_3 = _p("24f", 1, 3, da="Underretning", en="Notification", seed="001:3859-3861")
PAR_24F_STK_1_NR_4 = _p("24f", 1, 4, da="Henlæggelse med tilbagemelding",
                        en="Closing with feedback", seed="001:3863-3864")
PAR_24F_STK_2 = _p("24f", 2, da="Forhold uden for kompetencen",
                   en="Matters outside competence", seed="001:3866-3869")
PAR_24F_STK_3 = _p("24f", 3, da="Efterlevelse af anbefalinger",
                   en="Compliance with recommendations", seed="001:3870-3875")
PAR_24F_STK_4 = _p("24f", 4, da="Fejl af større betydning: udvalget underrettes",
                   en="Errors of major significance: committee notified", seed="001:3876-3879")
PAR_24G_STK_1 = _p("24g", 1, da="Underretning om udfald af oversendte sager",
                   en="Outcome of forwarded matters reported back", seed="001:3883-3885")
PAR_24G_STK_2 = _p("24g", 2, da="Orientering om udfald", en="Informing of outcomes",
                   seed="001:3886-3888")
PAR_24H_STK_1 = _p("24h", 1, da="Øvrige bestemmelser finder anvendelse",
                   en="Other provisions applied", seed="001:3895-3897")
PAR_24H_STK_2 = _p("24h", 2, da="Beretning og løbende orientering",
                   en="Annual report and continuous information", seed="001:3898-3902")

# --- Whistleblower Act (outside the seeds; statute.md, caveat) ---------------------
# The numbering follows the Act's § 12, stk. 2 (internal schemes), which mirrors § 20, stk. 2
# (external schemes); it is not in the seeds and must be verified (docs/policy-open-points.md).
WBL_12_STK_2_NR_1 = _p("12", 2, 1, da="Bekræftelse af modtagelse inden 7 dage",
                       en="Acknowledgement within 7 days", seed=None,
                       source=Source.WHISTLEBLOWER_ACT)
WBL_12_STK_2_NR_3 = _p("12", 2, 3, da="Feedback senest 3 måneder efter bekræftelsen",
                       en="Feedback within 3 months of acknowledgement", seed=None,
                       source=Source.WHISTLEBLOWER_ACT)
# § 26, stk. 3 (reporter told before an identity is disclosed): not in the seeds either.
WBL_26_STK_3 = _p("26", 3, da="Underretning før identiteten videregives",
                  en="Reporter told before the identity is disclosed", seed=None,
                  source=Source.WHISTLEBLOWER_ACT)

# --- 2023 proposals (seed 000:88-92), switches in UnitOptions ----------------------
PROP_2023_1 = _p("1", da="Ændret procedure for visse arbejdsmiljøsager",
                 en="Changed procedure for certain work-environment reports",
                 seed="000:88", source=Source.PROPOSAL_2023)
PROP_2023_2 = _p("2", da="Lavere serviceniveau over for forvaltningerne",
                 en="Lower service level towards the administrations",
                 seed="000:89", source=Source.PROPOSAL_2023)
PROP_2023_3 = _p("3", da="Afslutning på forvaltningens indeståelse i mindre alvorlige sager",
                 en="Closing less serious matters on the administration's vouching",
                 seed="000:90", source=Source.PROPOSAL_2023)
PROP_2023_4 = _p("4", da="Ekstern undersøgelse af sager om topfolk",
                 en="External investigation of matters about top officials",
                 seed="000:91-92", source=Source.PROPOSAL_2023)

# fmt: on
REGISTRY: dict[str, Paragraph] = {
    p.cite(): p
    for name, p in sorted(globals().items())
    if isinstance(p, Paragraph) and name.isupper()
}


def paragraph(citation: str) -> Paragraph:
    """Look a registered paragraph up by its citation string; KeyError if unknown."""
    return REGISTRY[citation]
