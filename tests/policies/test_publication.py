"""The discretion review of a major case's summary text (§ 24h, stk. 2; § 2b; § 21)."""

from __future__ import annotations

import pytest

from policies.publication import (
    LABELS,
    MAX_CHARS,
    MIN_CHARS,
    FindingCode,
    publishable,
    review_text,
)

BASE = (
    "En forvaltning havde over flere år udbetalt tilskud uden den kontrol, reglerne kræver. "
    "Sagen blev sendt til Intern Revision, og Teknik- og Miljøforvaltningen har siden "
    "skærpet tilsynet. "
)


def codes(text: str) -> list[str]:
    return [f.code.value for f in review_text(text)]


@pytest.mark.parametrize(
    ("passage", "code"),
    [
        ("Skriv til a.b@example.dk for mere.", "email"),
        ("Se https://intra.kk.dk/sag for detaljer.", "url"),
        ("Se www.eksempel.dk for detaljer.", "url"),
        ("Ring 12 34 56 78 for mere.", "phone"),
        ("Ring +45 12345678 for mere.", "phone"),
        ("Ring 1234 5678 for mere.", "phone"),
        ("Personen har cpr 010203-1234.", "cpr"),
        ("Personen har cpr 0102031234.", "cpr"),
        ("Se sag WB-2024-0012 for mere.", "case_number"),
        ("Det skete den 3. marts.", "exact_date"),
        ("Det skete 3 marts.", "exact_date"),
        ("Det skete den 03.03.2024.", "exact_date"),
        ("Det skete den 3/3.", "exact_date"),
        ("Det skete den 2024-03-03.", "exact_date"),
        ("Det skete on March 3 that year.", "exact_date"),
        ("Derefter klagede Jens Hansen over det.", "name"),
        ("Jens Hansen klagede over det.", "name"),
        ("Herefter fik Anne Marie Jensen besked.", "name"),
    ],
)
def test_identifying_passages_are_found(passage: str, code: str) -> None:
    assert codes(BASE + passage) == [code], review_text(BASE + passage)


@pytest.mark.parametrize(
    "passage",
    [
        "Det skete i marts 2024.",
        "Det skete i 2023 og 2024.",
        "Det skete fra 2023-2024.",
        "Beløbet var 1.500.000 kr. fordelt på 3-4 projekter.",
        "Socialforvaltningen og Borgerrepræsentationen blev orienteret.",
        "Kultur- og Fritidsforvaltningen fulgte op.",
        "I Socialforvaltningen blev reglerne ændret efter § 24a, stk. 2.",
        "Derefter gik sagen til Intern Revision. Sagen blev afsluttet.",
    ],
)
def test_ordinary_text_passes(passage: str) -> None:
    assert publishable(BASE + passage), review_text(BASE + passage)


def test_too_short_and_too_long() -> None:
    assert codes("Kort.") == ["too_short"]
    assert codes("x" * (MIN_CHARS - 1)) == ["too_short"]
    assert "too_long" in codes("ord " * (MAX_CHARS // 4 + 1))
    assert publishable("a" * MIN_CHARS)


def test_every_finding_has_a_danish_and_an_english_label_without_codes() -> None:
    assert set(LABELS) == set(FindingCode)
    for da, en in LABELS.values():
        assert da and en and da != en
        assert not any(code.value in (da + en) for code in FindingCode if "_" in code.value)
    finding = review_text("Kort.")[0]
    assert finding.label("en").startswith("The text is too short")
    assert finding.label("da").startswith("Teksten er for kort")


def test_a_finding_shows_the_passage_that_caused_it() -> None:
    found = review_text(BASE + "Kontakt jens@example.dk eller Jens Hansen.")
    assert [(f.code.value, f.excerpt) for f in found] == [
        ("email", "jens@example.dk"),
        ("name", "Jens Hansen"),
    ]


def test_the_length_limits_are_inclusive() -> None:
    at_most = "a" * MAX_CHARS
    assert "too_long" not in codes(at_most)
    assert "too_long" in codes(at_most + "a")


@pytest.mark.parametrize(
    ("passage", "names"),
    [
        ("Jens Hansen og Ole Olsen klagede.", ["Jens Hansen", "Ole Olsen"]),
        ("Derefter klagede Jens Hansen. Ole Olsen svarede.", ["Jens Hansen", "Ole Olsen"]),
        ("Klagen kom fra Jens, Hansen og andre.", []),
        ("Teknik- og Miljøforvaltningen fulgte op.", []),
        ("Intern Revision fulgte op.", []),
        ("Derefter fulgte Intern Revision op.", []),
        ("Sagen gik til Intern Revision og Ole Olsen.", ["Ole Olsen"]),
        ("Hansen- og Jensen Gruppen svarede.", ["Hansen- og Jensen Gruppen"]),
    ],
)
def test_a_name_is_reported_as_the_whole_run_of_capitalised_words(
    passage: str, names: list[str]
) -> None:
    found = [f.excerpt for f in review_text(BASE + passage) if f.code is FindingCode.NAME]
    assert found == names
