from pathlib import Path

import pytest

from policies import REGISTRY, Paragraph, Source, paragraph
from policies import paragraphs as P

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# A word that must occur in the cited seed lines: the citation points at the right text.
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


def test_every_registered_paragraph_has_titles_and_a_seed_or_is_marked_outside() -> None:
    for p in REGISTRY.values():
        assert isinstance(p, Paragraph) and p.title_da and p.title_en
        assert p.in_seeds == (p.source is not Source.WHISTLEBLOWER_ACT)


def _seed_lines(seed: str) -> str:
    prefix, _, lines = seed.partition(":")
    start, _, end = lines.partition("-")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(text[int(start) - 1 : int(end or start)])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not beside the project")
@pytest.mark.parametrize("par", sorted(KEYWORDS, key=str), ids=str)
def test_seed_citation_points_at_the_paragraphs_text(par: Paragraph) -> None:
    assert par.seed is not None
    assert KEYWORDS[par].lower() in _seed_lines(par.seed).lower()


def test_every_seeded_paragraph_has_a_keyword_check() -> None:
    assert {p for p in REGISTRY.values() if p.in_seeds} == set(KEYWORDS)
