"""Refusals in the unit's words: each policy code and service refusal as a sentence.

The policies refuse with a code (`policies.Refusal`) and structured data (field codes,
enum values); the services with a short English reason. Staff read neither: this module
turns both into the interface language, naming fields and values by their labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import policies
from policies import Refusal
from wb_cases.errors import WbError

from . import labels

# The services' refusals (wb_cases/services) in the unit's words, with the next step.
SERVICE: dict[str, Any] = {
    "close every matter first": _l(
        "Sagen kan ikke afsluttes, før hvert forhold i den er afsluttet. "
        "Afslut forholdene på sagssiden først, og afslut derefter sagen."
    ),
    "split the report into matters and triage them first": _l(
        "Sagen kan ikke afsluttes endnu: del indberetningen op i forhold og vurder dem først."
    ),
    "the case is already closed": _l("Sagen er allerede afsluttet."),
    "the case is closed": _l("Sagen er afsluttet, så den kan ikke ændres."),
    "the case is already acknowledged": _l("Der er allerede kvitteret for modtagelsen."),
    "write the feedback": _l("Skriv tilbagemeldingen til indberetteren, og prøv igen."),
    "requests and hearings belong to an investigation": _l(
        "Anmodninger og høringer hører til en undersøgelse; vurder forholdet først."
    ),
    "the request is already answered": _l("Anmodningen er allerede besvaret."),
    "no retaliation notice is pending": _l(
        "Der venter ingen orientering om negative konsekvenser."
    ),
    "an override needs a reason": _l("Skriv en begrundelse for at tilsidesætte vurderingen."),
    "only a matter declined under § 24d awaits an account": _l(
        "Kun et forhold, der er afvist efter § 24d, venter på forvaltningens redegørelse."
    ),
    "this matter has no recommendation to follow up": _l(
        "Forholdet har ingen anbefaling eller henstilling at følge op på."
    ),
    "the committee is told only of recommendations not followed": _l(
        "Udvalget orienteres kun om anbefalinger, der ikke er fulgt."
    ),
}

# Each policy refusal; %(fields)s, %(outcomes)s, %(event)s, %(current)s, %(kind)s and
# %(kinds)s are filled in with labels.
POLICY: dict[Refusal, Any] = {
    Refusal.CONTRADICTORY_FACTS: _l(
        "Oplysningerne passer ikke sammen: %(fields)s. Ret en af dem, og prøv igen."
    ),
    Refusal.MISSING_FACT: _l("Reglen kræver et svar her: udfyld %(fields)s, og prøv igen."),
    Refusal.MISSING_REASON: _l("Skriv en begrundelse for %(fields)s, og prøv igen."),
    Refusal.TRANSITION_NOT_ALLOWED: _l(
        "Handlingen »%(event)s« er ikke mulig, når forholdet er %(current)s."
    ),
    Refusal.DELAY_NOTICE_WITHOUT_REASON: _l(
        "En meddelelse om forsinkelse skal angive grunden og den forventede svardato."
    ),
    Refusal.DATE_BEFORE_REQUEST: _l("Datoen kan ikke ligge før henvendelsen blev sendt."),
    Refusal.NO_OUTCOME: _l("Vælg mindst ét udfald."),
    Refusal.HEARING_FIRST: _l(
        "Forvaltningen skal have haft lejlighed til at udtale sig, før der gives %(outcomes)s. "
        "Send forholdet i høring først."
    ),
    Refusal.VOUCHING_NOT_ADOPTED: _l(
        "Enheden har ikke valgt at afslutte sager på forvaltningens indeståelse."
    ),
    Refusal.DECIDED_BY_CITY_COUNCIL: _l(
        "Forhold, som Borgerrepræsentationen har behandlet, tages ikke op efter § 24f, stk. 2."
    ),
    Refusal.OUTSIDE_COMPETENCE_OUTCOMES: _l(
        "Om forhold uden for kompetencen kan der kun gives oversendelse med henstilling eller "
        "underretning, ikke %(outcomes)s."
    ),
    Refusal.IDENTITY_JUSTIFICATION_MISSING: _l(
        "Skriv, hvorfor identiteten skal åbnes, og prøv igen."
    ),
    Refusal.SECOND_APPROVAL_MISSING: _l("En anden enhedsleder skal godkende åbningen."),
    Refusal.SECOND_APPROVAL_SAME_HEAD: _l(
        "Godkendelsen skal komme fra en anden enhedsleder end den, der bad om åbningen."
    ),
    Refusal.DISCLOSURE_REASON_MISSING: _l(
        "Orienter indberetteren først, eller skriv, hvorfor en orientering ville skade "
        "undersøgelsen."
    ),
    Refusal.NOT_A_REPORTER_DUTY: _l(
        "Kun en pligt over for indberetteren kan registreres som umulig, ikke %(kind)s."
    ),
    Refusal.NO_WAY_BACK_REASON_MISSING: _l("Vælg, hvorfor indberetteren ikke kan nås."),
    Refusal.FEEDBACK_OWED: _l(
        "Indberetteren har krav på %(kinds)s. Send den, eller registrer under Frister, "
        "hvorfor den ikke kan gives."
    ),
    Refusal.FACTS_FORMAT: _l("Feltet %(fields)s har et svar, der ikke findes på listen."),
}

# Matter events (policies.MatterEvent) as the act staff tried.
EVENTS = {
    "reject": _l("afvis"),
    "decline_24d": _l("afvis efter § 24d"),
    "open_investigation": _l("indled undersøgelse"),
    "forward": _l("videresend"),
    "close_without_investigation": _l("afslut uden undersøgelse"),
    "record_outcome": _l("registrer udfald"),
    "close": _l("luk forholdet"),
    "reopen": _l("genåbn"),
}


def field_name(code: str) -> str:
    """A triage or outcome field by its label, quoted the interface language's way."""
    name = labels.FIELDS.get(code) or labels.OUTCOME_FIELDS.get(code) or _("et felt")
    return _("»%(name)s«", name=name)


def _names(codes: Iterable[object], table: Mapping[str, object]) -> str:
    return ", ".join(labels.label(table, str(code)) for code in codes)


def _codes(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, Iterable) else ()


def policy_text(code: Refusal, data: Mapping[str, object]) -> str:
    """The sentence for a policy refusal, its data named by labels."""
    fields = _codes(data.get("fields", data.get("field", ())))
    values = {
        "fields": _(" og ").join(field_name(f) for f in fields),
        "outcomes": _names(_codes(data.get("outcomes", ())), labels.OUTCOMES),
        "event": labels.label(EVENTS, str(data.get("event", ""))),
        "current": labels.label(labels.STATUSES, str(data.get("current", ""))),
        "kind": _names(_codes(data.get("kind", ())), labels.DEADLINES),
        "kinds": _names(_codes(data.get("kinds", ())), labels.DEADLINES),
    }
    template = POLICY.get(code)
    if template is None:
        return _("Reglerne tillader ikke handlingen.")
    return str(template) % values


def explain(error: Exception, *, cite: bool = False) -> str:
    """What a refusal means, in the interface language; never the code or English reason.
    With ``cite``, a policy refusal ends with the paragraph it enforces."""
    if isinstance(error, policies.PolicyViolation):
        text = policy_text(error.code, error.data)
        return f"{text} ({error.paragraph.cite()})" if cite else text
    if isinstance(error, policies.FactsFormatError):
        return policy_text(error.code, error.data)
    if isinstance(error, WbError):
        known = SERVICE.get(str(error))
        return str(known) if known else _("Handlingen passer ikke til sagens tilstand lige nu.")
    return _("Handlingen kunne ikke gennemføres.")
