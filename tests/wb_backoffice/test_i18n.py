"""The back office is Danish first; every string has an English translation, compiled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import wb_backoffice
from policies.scenarios import SCENARIOS

from .flow import Flow

ROOT = Path(wb_backoffice.__file__).parent
CATALOG = ROOT / "translations" / "en" / "LC_MESSAGES"


def _po():  # type: ignore[no-untyped-def]
    with open(CATALOG / "messages.po", "rb") as handle:
        return read_po(handle)


def _key(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def test_every_string_in_the_code_and_templates_is_in_the_english_catalog() -> None:
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = {_key(msg[2]) for msg in extract_from_dir(str(ROOT), method_map, keywords=keywords)}
    known = {_key(m.id) for m in _po() if m.id}
    assert found - known == set()


def test_every_english_string_is_translated_and_the_compiled_catalog_matches() -> None:
    po = _po()
    missing = [
        m.id
        for m in po
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert missing == []
    with open(CATALOG / "messages.mo", "rb") as handle:
        mo = read_mo(handle)

    def flat(catalog):  # type: ignore[no-untyped-def]
        # read_mo gives plural ids and strings as lists, read_po as tuples.
        return {
            tuple(m.id) if isinstance(m.id, list | tuple) else m.id: tuple(m.string)
            if isinstance(m.string, list | tuple)
            else m.string
            for m in catalog
            if m.id
        }

    assert flat(po) == flat(mo)


def test_the_choices_of_the_case_page_forms_follow_the_language(instance, db, head_client) -> None:  # type: ignore[no-untyped-def]
    """Outcomes, consequences and the identity forms' choices are in English on an English
    page, though their form classes were built once, in Danish, at import; a matter is
    "Matter 1", not "Matters 1"."""
    flow = Flow(instance, db).file(anonymous=False)
    flow.acknowledge(employee=False).split("Fakturaer")
    flow.triage(SCENARIOS[2].facts)  # own investigation: the outcome form shows
    danish = head_client.get(f"/cases/{flow.case_id}?lang=da").get_data(as_text=True)
    english = head_client.get(f"/cases/{flow.case_id}?lang=en").get_data(as_text=True)
    assert "skærpet tilsyn og fokus" in danish and "disciplinære reaktioner" in danish
    assert "tightened supervision" in english and "disciplinary action" in english
    assert "Forhold 1: Fakturaer" in danish and "Matter 1: Fakturaer" in english
    for word in ("skærpet tilsyn", "disciplinære", "retningslinjer", "indberetterens identitet"):
        assert word not in english, word
