import re
from pathlib import Path

import pytest

from policies import REGISTRY, Paragraph, Source, paragraph
from policies import paragraphs as P

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
STATUTE = SOURCES / "vedtaegt-for-borgerraadgiveren.txt"
INITIATIVES = SOURCES / "beretning-2023-initiativer.txt"

# A word that must occur in the cited paragraph's Danish text: the citation points at the
# provision the title paraphrases.
KEYWORDS = {
    P.PAR_7_STK_1: "økonomiudvalg",
    P.PAR_7_STK_3_NR_1: "serviceniveau",
    P.PAR_7_STK_3_NR_2: "personale",
    P.PAR_7_STK_3_NR_3: "klageorganer",
    P.PAR_7_STK_3_NR_4: "Ombudsmand",
    P.PAR_7_STK_3_NR_5: "Borgerrepræsentationen",
    P.PAR_7_STK_4: "revisionsudvalget",
    P.PAR_14: "§ 14",
    P.PAR_15_STK_1: "tre uger",
    P.PAR_15_STK_2: "baggrunden",
    P.PAR_19_STK_2: "kritik",
    P.PAR_19_STK_3: "usædvanligt",
    P.PAR_24A_STK_1: "grove fejl",
    P.PAR_24A_STK_1_PKT_2: "negative konse",
    P.PAR_24A_STK_2: "identifikationsoplysninger",
    P.PAR_24A_STK_3: "anonymt",
    P.PAR_24B_STK_1: "rettigheder",
    P.PAR_24B_STK_2: "tillidsrepræsentants",
    P.PAR_24B_STK_3: "snarest muligt",
    P.PAR_24C_STK_1: "henlægges sagen uden videre",
    P.PAR_24C_STK_2: "grovhed",
    P.PAR_24C_STK_3_NR_1: "Intern Revision",
    P.PAR_24C_STK_3_NR_2: "ansættelsesretlige",
    P.PAR_24C_STK_4: "egen praksis",
    P.PAR_24C_STK_5: "nærmere undersøgelse",
    P.PAR_24D_STK_1: "bevågenhed",
    P.PAR_24D_STK_2: "redegørelse",
    P.PAR_24D_STK_3: "registreres",
    P.PAR_24E: "mundtlig",
    P.PAR_24F_STK_1_NR_1: "kritik",
    P.PAR_24F_STK_1_NR_2: "oversende",
    P.PAR_24F_STK_1_NR_3: "underretning",
    P.PAR_24F_STK_1_NR_4: "henlægge",
    P.PAR_24F_STK_2: "kompetence",
    P.PAR_24F_STK_3: "ikke bindende",
    P.PAR_24F_STK_4: "større be",
    P.PAR_24G_STK_1: "udfaldet",
    P.PAR_24G_STK_2: "orientere",
    P.PAR_24H_STK_1: "tilsvarende",
    P.PAR_24H_STK_2: "beretning",
    P.PROP_2023_1: "arbejdsmiljø",
    P.PROP_2023_2: "serviceniveauet",
    P.PROP_2023_3: "indeståelse",
    P.PROP_2023_4: "eksternt",
}


def test_citations_render_the_danish_way() -> None:
    assert str(P.PAR_24C_STK_3_NR_1) == "§ 24c, stk. 3, nr. 1"
    assert P.PAR_24A_STK_1_PKT_2.cite() == "§ 24a, stk. 1, 2. pkt."
    assert P.PAR_24E.cite() == "§ 24e"
    assert P.WBL_12_STK_2_NR_1.cite() == "whistleblowerloven § 12, stk. 2, nr. 1"
    assert P.PROP_2023_4.cite() == "Beretning 2023, initiativ 4"


def test_registry_looks_paragraphs_up_by_citation() -> None:
    assert paragraph("§ 24d, stk. 3") is P.PAR_24D_STK_3
    assert len(REGISTRY) == len({p.cite() for p in REGISTRY.values()})
    with pytest.raises(KeyError):
        paragraph("§ 99")


def test_every_registered_paragraph_has_titles_and_its_text_or_is_marked_outside() -> None:
    for p in REGISTRY.values():
        assert isinstance(p, Paragraph) and p.title_da and p.title_en
        assert p.in_sources == (p.source is not Source.WHISTLEBLOWER_ACT)


def _section_text(section: str) -> str:
    """The Danish text of one § of the statute: from its heading to the next one."""
    text = STATUTE.read_text(encoding="utf-8")
    start = re.search(rf"^§ {re.escape(section)}\.", text, re.M)
    assert start, f"§ {section} not in {STATUTE.name}"
    end = re.compile(r"^(§ \d+[a-z]?\.|Kapitel )", re.M).search(text, start.end())
    return text[start.start() : end.start() if end else len(text)]


def _initiative_text(number: str) -> str:
    bullets = re.split(r"^- ", INITIATIVES.read_text(encoding="utf-8"), flags=re.M)[1:]
    return bullets[int(number) - 1]


def _text_of(par: Paragraph) -> str:
    if par.source is Source.PROPOSAL_2023:
        return _initiative_text(par.section)
    return _section_text(par.section)


@pytest.mark.parametrize("par", sorted(KEYWORDS, key=str), ids=str)
def test_the_citation_points_at_the_paragraphs_text(par: Paragraph) -> None:
    assert KEYWORDS[par].lower() in _text_of(par).lower()


def test_a_keyword_is_not_found_under_another_paragraph() -> None:
    """The lookup is narrow enough to tell paragraphs apart."""
    assert "intern revision" not in _section_text("24d").lower()
    assert "indeståelse" not in _initiative_text("4").lower()


def test_every_paragraph_with_its_text_in_docs_has_a_keyword_check() -> None:
    assert {p for p in REGISTRY.values() if p.in_sources} == set(KEYWORDS)
