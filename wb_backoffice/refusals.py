"""Refusals in the unit's words: each policy code and service refusal as a sentence.

The policies refuse with a code (`policies.Refusal`) and structured data (field codes,
enum values); the services with a code (`wb_cases.errors.Refused`) and a short English
reason for logs. Staff read neither: this module turns both into the interface language,
naming fields and values by their labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import policies
from policies import Refusal
from wb_cases.errors import Refused, WbError

from . import labels

# The services' refusals (`wb_cases.errors.Refused`) in the unit's words, with the next
# step; %(max)d is filled in from the error's data.
SERVICE: dict[Refused, Any] = {
    Refused.CLOSE_MATTERS_FIRST: _l(
        "Sagen kan ikke afsluttes, før hvert forhold i den er afsluttet. "
        "Afslut forholdene på sagssiden først, og afslut derefter sagen."
    ),
    Refused.SPLIT_FIRST: _l(
        "Sagen kan ikke afsluttes endnu: del indberetningen op i forhold og vurder dem først."
    ),
    Refused.CASE_ALREADY_CLOSED: _l("Sagen er allerede afsluttet."),
    Refused.CASE_CLOSED: _l("Sagen er afsluttet, så den kan ikke ændres."),
    Refused.ALREADY_ACKNOWLEDGED: _l("Der er allerede kvitteret for modtagelsen."),
    Refused.FEEDBACK_EMPTY: _l("Skriv tilbagemeldingen til indberetteren, og prøv igen."),
    Refused.REQUEST_OUTSIDE_INVESTIGATION: _l(
        "Anmodninger og høringer hører til en undersøgelse; vurder forholdet først."
    ),
    Refused.REQUEST_ANSWERED: _l("Anmodningen er allerede besvaret."),
    Refused.NO_RETALIATION_NOTICE: _l("Der venter ingen orientering om negative konsekvenser."),
    Refused.OVERRIDE_REASON_MISSING: _l("Skriv en begrundelse for at tilsidesætte vurderingen."),
    Refused.NOT_DECLINED_24D: _l(
        "Kun et forhold, der er afvist efter § 24d, venter på forvaltningens redegørelse."
    ),
    Refused.NO_RECOMMENDATION: _l(
        "Forholdet har ingen anbefaling eller henstilling at følge op på."
    ),
    Refused.COMMITTEE_ONLY_NOT_FOLLOWED: _l(
        "Udvalget orienteres kun om anbefalinger, der ikke er fulgt."
    ),
    Refused.TOO_MANY_MATTERS: _l(
        "En sag kan højst have %(max)d forhold, og intet er delt op. "
        "Saml beslægtede forhold på én linje, og prøv igen."
    ),
    Refused.DUTY_NOT_OPEN: _l(
        "Pligten er ikke længere åben: den er opfyldt, bortfaldet eller allerede registreret "
        "som umulig. Se fristerne på sagssiden."
    ),
    Refused.NO_WAY_BACK_REASON: _l(
        "Skriv med dine egne ord, hvorfor indberetteren ikke kan nås, og prøv igen."
    ),
    Refused.CASE_NOT_CLOSED: _l(
        "Sagen er ikke afsluttet, så den kan ikke genåbnes. Den er allerede åben på sagssiden."
    ),
    Refused.NO_INPUT_AFTER_CLOSING: _l(
        "Indberetteren har ikke skrevet, siden sagen blev afsluttet, så der er intet at tage "
        "stilling til."
    ),
    Refused.ALREADY_HELD: _l(
        "Sagen er allerede tilbageholdt og slettes ikke. Ophæv tilbageholdelsen først, hvis "
        "begrundelsen skal ændres."
    ),
    Refused.NOT_HELD: _l("Sagen er ikke tilbageholdt, så der er ingen tilbageholdelse at ophæve."),
    Refused.HANDOVER_TARGET_CANNOT_HOLD: _l(
        "Sager kan kun overdrages til en aktiv sagsbehandler eller enhedsleder. "
        "Vælg en af dem, og prøv igen."
    ),
    Refused.HANDOVER_SAME_MEMBER: _l(
        "Vælg en anden medarbejder til at overtage sagerne end den, der afgiver dem."
    ),
    Refused.JOURNAL_REF_MISSING: _l("Skriv journalnummeret (højst 64 tegn), og prøv igen."),
    Refused.JOURNAL_DOCUMENT_UNKNOWN: _l(
        "Dokumentet findes ikke i sagen. Genindlæs sagssiden, og vælg dokumentet igen."
    ),
    Refused.NOT_FORWARDED: _l(
        "Kun et forhold, der er oversendt efter § 24c, stk. 3, eller med henstilling efter "
        "§ 24f, stk. 1, nr. 2, får en oversendelsespakke. Vurder eller afslut forholdet først."
    ),
    Refused.FORWARD_DOCUMENTS_UNKNOWN: _l(
        "Vælg dokumenter fra denne sag. Genindlæs siden, og vælg igen."
    ),
    Refused.NO_SAFE_COPY: _l(
        "En af filerne har ingen sikker kopi, fordi den ikke kunne vises. Send originalen "
        "med en begrundelse, eller giv filen videre på anden måde."
    ),
    Refused.MINUTES_NOT_PENDING: _l(
        "Referatet venter ikke længere på svar; det er allerede godkendt eller rettet."
    ),
    Refused.CORRECTION_EMPTY: _l("Skriv rettelsen til referatet, og prøv igen."),
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
    Refusal.FACTS_FORMAT: _l(
        "Feltet %(fields)s mangler et svar eller har et svar, der ikke kan bruges."
    ),
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
    fields = _codes(data.get("fields", ()))
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
        known = SERVICE.get(error.code) if error.code is not None else None
        if known is None:
            return _("Handlingen passer ikke til sagens tilstand lige nu.")
        return str(known) % error.data if error.data else str(known)
    return _("Handlingen kunne ikke gennemføres.")
