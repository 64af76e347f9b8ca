"""Review of a major case's summary text before the annual report may carry it (§ 24h, stk. 2).

The annual report describes "sager af større betydning" with regard to the
discretion principle of § 2b (§ 24h, stk. 2); the unit is bound by
professional secrecy (§ 21, stk. 1, applied by § 24h, stk. 1) and must show the
greatest possible discretion about those who report (§ 24a, stk. 2). A
summary text that reaches the committee must therefore not point at a person.

`review_text` is a mechanical first screen, not a guarantee: it rejects what
is easy to recognise as identifying, and a head of unit still reads and
approves every text. What it rejects:

- e-mail addresses, web addresses (``http…``, ``www.…``, ``name.dk``);
- phone numbers (8 digits, optionally grouped, optionally with +45) and CPR
  numbers (``ddmmyy-nnnn`` or 10 digits);
- case numbers of this system (``WB-2024-0012``);
- exact dates: a day and a month (``3. marts``, ``3/3``, ``03.03.2024``,
  ``2024-03-03``); a month or a year alone is allowed;
- person-like names: two or more capitalised words in a row that do not start
  (``Jens Hansen``), unless the run is one of the administrations or units in
  `ALLOWED_NAMES` (``Intern Revision``, ``Teknik- og Miljøforvaltningen`` …). A
  sentence's first word counts too unless it is a usual opening word
  (`OPENERS`: "I", "Derefter", "Sagen" …); a single capitalised word
  (``Socialforvaltningen``, or a surname alone) is not caught;
- a text shorter than `MIN_CHARS` or longer than `MAX_CHARS`.

Each finding is a `Finding` with a Danish and an English label; the codes are
for programs and tests, never shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from . import paragraphs as P

PARAGRAPH = P.PAR_24H_STK_2
MIN_CHARS = 40
MAX_CHARS = 3000

# Runs of capitalised words that name an administration, a unit or a body, not a person.
ALLOWED_NAMES = frozenset(
    {
        "Intern Revision",
        "Københavns Kommune",
        "Borgerrådgiverens Whistleblowerenhed",
        "Borgerrådgiverudvalget",
        "Borgerrepræsentationen",
        "Økonomiudvalget",
        "Kultur- og Fritidsforvaltningen",
        "Børne- og Ungdomsforvaltningen",
        "Sundheds- og Omsorgsforvaltningen",
        "Teknik- og Miljøforvaltningen",
        "Beskæftigelses- og Integrationsforvaltningen",
        "Folketingets Ombudsmand",
        "Arbejdstilsynet",
        "Ankestyrelsen",
        "Datatilsynet",
    }
)


class FindingCode(StrEnum):
    EMAIL = "email"
    URL = "url"
    PHONE = "phone"
    CPR = "cpr"
    CASE_NUMBER = "case_number"
    EXACT_DATE = "exact_date"
    NAME = "name"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


LABELS: dict[FindingCode, tuple[str, str]] = {
    FindingCode.EMAIL: (
        "Teksten indeholder en e-mailadresse.",
        "The text contains an e-mail address.",
    ),
    FindingCode.URL: ("Teksten indeholder en webadresse.", "The text contains a web address."),
    FindingCode.PHONE: (
        "Teksten indeholder et telefonnummer.",
        "The text contains a phone number.",
    ),
    FindingCode.CPR: ("Teksten indeholder et cpr-nummer.", "The text contains a CPR number."),
    FindingCode.CASE_NUMBER: (
        "Teksten indeholder et sagsnummer.",
        "The text contains a case number.",
    ),
    FindingCode.EXACT_DATE: (
        "Teksten indeholder en præcis dato (dag og måned). Skriv måned eller år i stedet.",
        "The text contains an exact date (day and month). Give the month or the year instead.",
    ),
    FindingCode.NAME: (
        "Teksten ser ud til at indeholde et navn på en person. Skriv en funktion i stedet, "
        "fx „en leder“.",
        "The text seems to contain a person's name. Give a role instead, e.g. 'a manager'.",
    ),
    FindingCode.TOO_SHORT: (
        f"Teksten er for kort: skriv mindst {MIN_CHARS} tegn.",
        f"The text is too short: write at least {MIN_CHARS} characters.",
    ),
    FindingCode.TOO_LONG: (
        f"Teksten er for lang: højst {MAX_CHARS} tegn.",
        f"The text is too long: at most {MAX_CHARS} characters.",
    ),
}


@dataclass(frozen=True)
class Finding:
    """One reason the text cannot be published; `excerpt` is the passage that caused it."""

    code: FindingCode
    excerpt: str = ""

    @property
    def label_da(self) -> str:
        return LABELS[self.code][0]

    @property
    def label_en(self) -> str:
        return LABELS[self.code][1]

    def label(self, lang: str = "da") -> str:
        return self.label_en if lang == "en" else self.label_da


_MONTHS = (
    "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
    "|january|february|march|may|june|july|october"
)
_PATTERNS: tuple[tuple[FindingCode, re.Pattern[str]], ...] = (
    (FindingCode.EMAIL, re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    (
        FindingCode.URL,
        re.compile(
            r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:dk|com|org|net|eu|io|info)\b",
            re.IGNORECASE,
        ),
    ),
    (FindingCode.CASE_NUMBER, re.compile(r"\bWB-\d{4}-\d{1,6}\b", re.IGNORECASE)),
    (
        FindingCode.CPR,
        re.compile(r"\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[- ]?\d{4}\b"),
    ),
    (
        FindingCode.EXACT_DATE,
        re.compile(
            r"\b\d{4}-\d{1,2}-\d{1,2}\b"  # 2024-03-03
            r"|\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b"  # 3/3, 03.03.2024
            rf"|\b\d{{1,2}}\.?\s*(?:{_MONTHS})\b"  # 3. marts, 3 March
            rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)",  # March 3
            re.IGNORECASE,
        ),
    ),
    (
        FindingCode.PHONE,
        re.compile(
            r"(?:\+|\b00)45[\s-]?(?:\d[\s-]?){7}\d\b"  # +45 12 34 56 78
            r"|\b\d{8}\b|\b\d{2}[\s-]\d{2}[\s-]\d{2}[\s-]\d{2}\b"  # 12345678, 12 34 56 78
            r"|\b(?!(?:19|20)\d\d[\s-](?:19|20)\d\d\b)\d{4}[\s-]\d{4}\b"  # 1234 5678, not years
        ),
    ),
)

# A word: letters, digits inside, hyphens (the first part of "Kultur- og Fritidsforvaltningen"
# is "Kultur-"). Lower-case joiners may sit inside such a name after a hyphenated part.
_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
_JOINERS = frozenset({"og"})
# Usual first words of a Danish sentence: capitalised only because they start it.
OPENERS = frozenset(
    {
        *"I De Den Det Der Da En Et Efter Under Ved Som Når Hvis Men Og Så På Til Fra".split(),
        *"Med Om For Af Hos Blandt Også Desuden Endelig Samtidig Derefter Herefter".split(),
        *"Sagen Enheden Forvaltningen Borgerrådgiveren Undersøgelsen Indberetteren".split(),
        *"Henvendelsen Forholdet Ledelsen Medarbejderen Medarbejderne".split(),
    }
)
_SENTENCE_END = re.compile(r"[.!?:;\n]")


def _name_runs(text: str) -> list[str]:
    """Runs of two or more capitalised words in a row (only spaces between them) that are
    not an allowed name. A sentence's first word counts unless it is a usual opening word
    (`OPENERS`): "Jens Hansen klagede" and "Derefter Jens Hansen" both give "Jens Hansen"."""
    runs: list[tuple[str | None, list[str]]] = []
    current: list[str] = []
    first: str | None = None  # the current run's first word, when it starts a sentence
    end = 0
    for match in _WORD.finditer(text):
        word, between = match.group(), text[end : match.start()]
        sentence_start = end == 0 or bool(_SENTENCE_END.search(between))
        end = match.end()
        if (current or first) and (between.strip() != "" or sentence_start):
            runs.append((first, current))
            current, first = [], None
        last = current[-1] if current else first or ""
        if word[:1].isupper():
            if sentence_start:
                first = word
            else:
                current.append(word)
        elif (current or first) and word in _JOINERS and last.endswith("-"):
            current.append(word)
        else:
            runs.append((first, current))
            current, first = [], None
    runs.append((first, current))
    found = []
    for opener, rest in runs:
        words = ([opener] if opener and opener not in OPENERS else []) + rest
        if sum(1 for w in words if w[:1].isupper()) < 2:
            continue
        whole = " ".join(words)
        if whole in ALLOWED_NAMES or " ".join(rest) in ALLOWED_NAMES:
            continue
        found.append(whole)
    return found


def review_text(text: str) -> tuple[Finding, ...]:
    """What stops `text` from being published as a major case's summary (empty: nothing)."""
    findings: list[Finding] = []
    stripped = text.strip()
    if len(stripped) < MIN_CHARS:
        findings.append(Finding(FindingCode.TOO_SHORT))
    if len(stripped) > MAX_CHARS:
        findings.append(Finding(FindingCode.TOO_LONG))
    taken: list[tuple[int, int]] = []
    for code, pattern in _PATTERNS:
        for match in pattern.finditer(stripped):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue  # already reported as something more specific
            taken.append(span)
            findings.append(Finding(code, match.group()))
    # `_name_runs` already leaves out the allowed names.
    findings += [Finding(FindingCode.NAME, run) for run in _name_runs(stripped)]
    return tuple(findings)


def publishable(text: str) -> bool:
    return not review_text(text)
