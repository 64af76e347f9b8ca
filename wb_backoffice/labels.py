"""Human labels for the plain codes staff choose from (Danish msgids, English catalog).

The codes themselves come from `policies` and the models; only their names live here.
A code without a label is shown as the code, so a new enum value never breaks a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

FIELDS = {
    "reporter_relation": _l("Indberetterens tilknytning"),
    "anonymous": _l("Anonym indberetter"),
    "category": _l("Hvad forholdet angår"),
    "threshold": _l("Hvad indberetningen påstår"),
    "material_to_tasks": _l("Væsentligt for kommunens opgaveløsning"),
    "subject": _l("Hvilket organ forholdet angår"),
    "top_official": _l("Topperson, forholdet angår"),
    "top_official_is_subject": _l("Toppersonen er selv genstand for forholdet"),
    "exclusion": _l("Undtagelse efter § 7, stk. 3"),
    "committee_assessed": _l("Et udvalg har bedømt forholdet"),
    "committee_choice": _l("Valg efter § 7, stk. 4"),
    "political_or_media_attention": _l("Politisk eller mediemæssig bevågenhed"),
    "already_handled_by_administration": _l("Forvaltningen behandler det allerede betryggende"),
    "decline_24d": _l("Afvis efter § 24d"),
    "gravity": _l("Grovhed (umiddelbart)"),
    "documentable": _l("Kan dokumenteres ved videre undersøgelse"),
    "predominant_area": _l("Overvejende område"),
    "employment_to_mayor": _l("Helt særligt tilfælde: til borgmesteren"),
    "retaliation_indication": _l("Tegn på negative konsekvenser for en ansat"),
    "retaliation_notice_to_mayor": _l("Helt særligt tilfælde: orienter borgmesteren"),
    "identity_requested": _l("Nogen har bedt om indberetterens identitet"),
    "administration_vouches": _l("Forvaltningen indestår skriftligt for egne konklusioner"),
    "top_official_route": _l("Valgt spor for en sag om en topperson"),
}

# Help under each triage field, in the interface language (the engine's own text is English).
HELP = {
    "reporter_relation": _l("Indberetterens tilknytning til kommunen."),
    "anonymous": _l("Indberetteren er anonym."),
    "category": _l("Hvad forholdet angår."),
    "threshold": _l(
        "Hvad indberetningen påstår eller med rimelighed mistænker: grove eller "
        "væsentlige og gentagne fejl eller forsømmelser."
    ),
    "material_to_tasks": _l("Oplysningerne er væsentlige for kommunens opgaveløsning."),
    "subject": _l("Det organ, forholdet angår."),
    "top_official": _l("En topperson, forholdet angår."),
    "top_official_is_subject": _l(
        "Toppersonen er selv genstand for forholdet (ikke vidne eller tilskuer)."
    ),
    "exclusion": _l("En undtagelse efter § 7, stk. 3, der gælder."),
    "committee_assessed": _l(
        "Økonomiudvalget, et stående udvalg, Borgerrådgiverudvalget eller "
        "revisionsudvalget har bedømt forholdet."
    ),
    "committee_choice": _l("Sagsbehandlerens valg, når et udvalg har bedømt forholdet."),
    "political_or_media_attention": _l("Forholdet har politisk eller mediemæssig bevågenhed."),
    "already_handled_by_administration": _l(
        "Den berørte forvaltning behandler det allerede i det væsentlige betryggende."
    ),
    "decline_24d": _l("Sagsbehandlerens valg efter § 24d: afvis (ja) eller behandl (nej)."),
    "gravity": _l("Grovheden ved første øjekast (skal udfyldes inden for ordningen)."),
    "documentable": _l(
        "En videre undersøgelse kan dokumentere forholdet (skal udfyldes inden for ordningen)."
    ),
    "predominant_area": _l("Hvad forholdet overvejende angår."),
    "employment_to_mayor": _l(
        "Et helt særligt tilfælde: en ansættelsesretlig sag går til den ansvarlige "
        "borgmester i stedet for direktionen."
    ),
    "retaliation_indication": _l(
        "Oplysninger tyder på, at en indberetning til Borgerrådgiveren har haft "
        "væsentlige negative konsekvenser for en ansat."
    ),
    "retaliation_notice_to_mayor": _l(
        "Et helt særligt tilfælde: orienteringen om negative konsekvenser går til den "
        "ansvarlige borgmester."
    ),
    "identity_requested": _l("Nogen har bedt om oplysninger, der kan identificere indberetteren."),
    "administration_vouches": _l(
        "Forvaltningen har skriftligt bekræftet, at den har undersøgt og rettet "
        "forholdet, og indestår for sine konklusioner."
    ),
    "top_official_route": _l(
        "Sagsbehandlerens valg af spor, når en topperson er genstand for forholdet, og "
        "enheden ikke undersøger sådanne sager eksternt."
    ),
}

# The reporter's answers on the portal's form, by field name (wb_portal/forms.py).
REPORT = {
    "relation": _l("Tilknytning til kommunen"),
    "what": _l("Hvad skete der?"),
    "where": _l("Hvor skete det?"),
    "when": _l("Hvornår skete det?"),
    "who": _l("Hvem er involveret?"),
    "how_known": _l("Hvordan ved indberetteren det?"),
    "raised_internally": _l("Rejst andetsteds i kommunen?"),
    "raised_details": _l("Hvor og hvordan det blev rejst"),
    "retaliation": _l("Negative konsekvenser for indberetteren?"),
    "retaliation_details": _l("Hvilke negative konsekvenser"),
}

# The portal's fixed answers (radio buttons), shown in plain words.
REPORT_VALUES = {
    "employee": _l("ansat i kommunen"),
    "partner": _l("ansat hos leverandør eller samarbejdspartner"),
    "other": _l("andet"),
    "no": _l("nej"),
    "yes": _l("ja"),
    "unsure": _l("vil ikke sige / ved ikke"),
}

VALUES = {
    "employee": _l("ansat"),
    "partner_supplier": _l("samarbejdspartner/leverandør"),
    "other": _l("andet"),
    "citizen": _l("borger"),
    "law_violation": _l("lovovertrædelse"),
    "legal_obligation_breach": _l("manglende efterlevelse af juridiske forpligtelser"),
    "health_safety": _l("fare for sundhed og sikkerhed"),
    "environment": _l("fare for miljøet"),
    "neglect": _l("omsorgssvigt"),
    "other_similar": _l("lignende"),
    "retaliation_against_reporter": _l("negative konsekvenser for en indberetter"),
    "not_listed": _l("ikke på listen"),
    "gross": _l("grov"),
    "significant_and_repeated": _l("væsentlig og gentagen"),
    "neither": _l("ingen af delene"),
    "less_serious": _l("mindre alvorlig"),
    "administration": _l("forvaltningen"),
    "political_body": _l("politisk organ"),
    "outside_municipality": _l("uden for kommunen"),
    "none": _l("ingen"),
    "city_council_member": _l("BR-medlem"),
    "mayor": _l("borgmester"),
    "chief_executive": _l("administrerende direktør"),
    "head_of_audit": _l("revisionschefen"),
    "citizen_advisor": _l("Borgerrådgiveren"),
    "political_service_level": _l("politisk vedtaget serviceniveau (nr. 1)"),
    "personnel_employment": _l("personale- og ansættelsesforhold (nr. 2)"),
    "statutory_complaint_body": _l("lovhjemlet klageorgan (nr. 3)"),
    "brought_before_supervisor_ombudsman_court": _l("tilsyn, Ombudsmand eller domstol (nr. 4)"),
    "decided_by_city_council": _l("behandlet af Borgerrepræsentationen (nr. 5)"),
    "decline": _l("afvis"),
    "proceed_on_political_assessment": _l("læg den politiske behandling til grund"),
    "finance": _l("økonomi"),
    "employment": _l("ansættelsesret"),
    "work_environment": _l("arbejdsmiljø"),
    # A top official's route chosen by staff ("mayor" above reads as the route too).
    "own_investigation": _l("egen undersøgelse"),
    "internal_audit": _l("Intern Revision"),
    "directorate": _l("direktionen"),
    "external_investigation": _l("ekstern undersøgelse"),
}

STATUSES = {
    "received": _l("modtaget"),
    "acknowledged": _l("kvitteret"),
    "in_triage": _l("under vurdering"),
    "in_investigation": _l("under undersøgelse"),
    "awaiting_instance": _l("afventer anden instans"),
    "awaiting_administration_report": _l("afventer forvaltningens redegørelse"),
    "closed": _l("afsluttet"),
    "untriaged": _l("ikke vurderet"),
    "outcome_recorded": _l("udfald registreret"),
}

ROUTES = {
    "own_investigation": _l("egen undersøgelse (§ 24c, stk. 5)"),
    "internal_audit": _l("videresendt til Intern Revision"),
    "directorate": _l("videresendt til direktionen"),
    "mayor": _l("videresendt til borgmesteren"),
    "external_investigation": _l("ekstern undersøgelse"),
    "work_environment_procedure": _l("arbejdsmiljøprocedure"),
    "close_on_vouching": _l("afsluttet på forvaltningens indeståelse"),
    "close_not_grave": _l("henlagt: ikke groft nok"),
    "close_not_documentable": _l("henlagt: kan ikke dokumenteres"),
    "reject_with_feedback": _l("afvist med tilbagemelding"),
    "file_without_more": _l("henlagt uden videre"),
    "declined_24d": _l("afvist efter § 24d"),
    "untriaged": _l("ikke vurderet"),
}

SCOPES = {
    "inside": _l("inden for ordningen"),
    "outside": _l("uden for ordningen"),
    "declined_24d": _l("afvist efter § 24d"),
}

DEADLINES = {
    "acknowledgement": _l("kvittering"),
    "provisional_feedback": _l("foreløbig tilbagemelding"),
    "feedback": _l("tilbagemelding"),
    "answer": _l("svar på henvendelse (§ 15)"),
    "hearing": _l("høring før kritik (§ 19, stk. 2)"),
    "await_instance_outcome": _l("afvent udfald fra anden instans (§ 24g)"),
    "await_administration_report": _l("afvent forvaltningens redegørelse (§ 24d)"),
    "recommendation_compliance": _l("efterlevelse af henstilling (§ 24f, stk. 3)"),
    "retaliation_notice": _l("orienter om negative konsekvenser (§ 24b, stk. 3)"),
    "as_soon_as_possible": _l("opfølgning"),
}

OUTCOMES = {
    "opinion": _l("udtalelse"),
    "criticism": _l("kritik"),
    "recommendation": _l("anbefaling"),
    "henstilling": _l("henstilling"),
    "transfer_with_recommendation": _l("oversendelse med henstilling (nr. 2)"),
    "notify_directorate_or_mayor": _l("underretning af direktion/borgmester"),
    "notify_committee": _l("underretning af Borgerrådgiverudvalget"),
    "notify_standing_committee": _l("underretning af stående udvalg"),
    "notify_city_council": _l("underretning af Borgerrepræsentationen"),
    "shelved_with_feedback": _l("henlagt med tilbagemelding (nr. 4)"),
    "expedite_recommendation": _l("henstilling om at fremme sagen (§ 19, stk. 3)"),
    "closed_on_administration_vouching": _l("afsluttet på forvaltningens indeståelse"),
}

# What a decision or an outcome sets in motion (policies.FollowUpKind).
FOLLOW_UPS = {
    "acknowledge_receipt": _l("kvittering for modtagelsen"),
    "union_representative_info": _l("oplysning om faglig repræsentant"),
    "reporter_feedback": _l("tilbagemelding til indberetteren"),
    "rejection_feedback": _l("tilbagemelding om afvisningen"),
    "closing_feedback": _l("tilbagemelding ved afslutningen"),
    "request_administration_statement": _l("henvendelse til forvaltningen om en udtalelse"),
    "await_instance_outcome": _l("afvent udfald fra anden instans"),
    "await_administration_report": _l("afvent forvaltningens redegørelse"),
    "committee_notice_24d_decline": _l("orientering af udvalget om afvisningen efter § 24d"),
    "committee_notice_24d_account": _l(
        "orientering af udvalget om forvaltningens redegørelse (§ 24d, stk. 2)"
    ),
    "retaliation_notice": _l("orientering om negative konsekvenser"),
    "committee_notice_identity_request": _l(
        "orientering af udvalget om en anmodning om indberetterens identitet"
    ),
    "committee_notice_major_significance": _l(
        "orientering af udvalget om fejl af større betydning"
    ),
    "recommendation_compliance": _l("opfølgning på efterlevelse af henstillingen"),
}

# Notices to the committee (wb_cases.services.notices): their kind and general reason.
NOTICE_KINDS = {
    "committee_notice_24d_decline": _l("afvisning efter § 24d"),
    "committee_notice_24d_account": _l("forvaltningens redegørelse efter § 24d, stk. 2"),
    "committee_notice_identity_request": _l("anmodning om indberetterens identitet"),
    "committee_notice_major_significance": _l("fejl eller forsømmelser af større betydning"),
    "committee_notice_instance_outcome": _l("udfald af en videresendt sag"),
    "recommendation_not_followed": _l("anbefaling ikke fulgt"),
    "identity_opened": _l("indberetterens identitet åbnet"),
}
NOTICE_REASONS = {
    "declined_24d": _l("afvist efter § 24d"),
    "major_significance": _l("fejl af større betydning"),
    "instance_outcome": _l("udfald fra anden instans"),
    "administration_account_received": _l("forvaltningens redegørelse er modtaget"),
    "recommendation_not_followed": _l("anbefaling ikke fulgt"),
    "imported": _l("overført fra det tidligere system"),
}

# Why a choice "i helt særlige tilfælde" was made (policies.reasons), by the fact it explains.
REASONS = {
    "employment_to_mayor": _l("Hvorfor sagen er et helt særligt tilfælde for borgmesteren"),
    "retaliation_notice_to_mayor": _l(
        "Hvorfor orienteringen om negative konsekvenser går til borgmesteren"
    ),
    "top_official_route": _l("Hvorfor dette spor for en sag om en topperson"),
}

# § 24b, stk. 1 ("om muligt"): why a duty towards the reporter cannot be carried out.
NO_WAY_BACK = {
    "anonymous_not_returned": _l("anonym indberetter, der ikke er vendt tilbage"),
    "no_address": _l("ingen adresse at svare til"),
    "contact_declined": _l("indberetteren har frabedt sig kontakt"),
}

# The identity register (§ 24a, stk. 2): whose identity, who asked, on what basis, decision.
ID_SUBJECTS = {
    "reporter": _l("indberetterens identitet"),
    "person_reported_on": _l("en indberettet persons identitet"),
}
ID_REQUESTERS = {
    "administration": _l("en forvaltning"),
    "person_reported_on": _l("en indberettet person"),
    "police": _l("politiet"),
    "access_to_documents": _l("en aktindsigtsanmodning"),
    "other": _l("andre"),
    "unit": _l("enheden selv"),
}
ID_BASES = {
    "access_to_documents": _l("aktindsigt"),
    "hearing_of_parties": _l("partshøring"),
    "data_subject_access": _l("indsigtsret"),
    "police_or_court": _l("politi eller domstol"),
    "reporter_consent": _l("indberetterens samtykke"),
    "contact_the_reporter": _l("kontakt til indberetteren"),
}
ID_DECISIONS = {
    "refused": _l("afslået"),
    "granted": _l("imødekommet"),
    "pending": _l("ikke afgjort"),
    "needs_approval": _l("venter på en anden enhedsleders godkendelse"),
    "approved": _l("godkendt, ikke åbnet"),
    "opened": _l("åbnet"),
}

CONSEQUENCES = {
    "tightened_supervision": _l("skærpet tilsyn og fokus"),
    "guidelines": _l("retningslinjer"),
    "disciplinary": _l("disciplinære reaktioner"),
    "other": _l("andet"),
}

ADMINISTRATIONS = (
    ("okf", "Økonomiforvaltningen"),
    ("kff", "Kultur- og Fritidsforvaltningen"),
    ("buf", "Børne- og Ungdomsforvaltningen"),
    ("suf", "Sundheds- og Omsorgsforvaltningen"),
    ("sof", "Socialforvaltningen"),
    ("tmf", "Teknik- og Miljøforvaltningen"),
    ("bif", "Beskæftigelses- og Integrationsforvaltningen"),
)

# Who a deadline is addressed to or awaited from (policies.followups.Recipient).
RECIPIENTS = {
    "reporter": _l("indberetteren"),
    "administration": _l("forvaltningen"),
    "internal_audit": _l("Intern Revision"),
    "directorate": _l("direktionen"),
    "mayor": _l("borgmesteren"),
    "external_investigator": _l("ekstern undersøger"),
    "work_environment_procedure": _l("arbejdsmiljøproceduren"),
    "committee": _l("Borgerrådgiverudvalget"),
}

# What kind of closure a retention period depends on (policies.retention).
RETENTION_CLASSES = {
    "outside_scope": _l("uden for ordningen"),
    "declined_24d": _l("afvist efter § 24d"),
    "closed_without_investigation": _l("afsluttet uden undersøgelse"),
    "investigated_not_confirmed": _l("undersøgt, ikke bekræftet"),
    "investigated_confirmed": _l("undersøgt og bekræftet"),
}

# The outcome form's fields (policies.OutcomeRecord), named when a rule refuses them.
OUTCOME_FIELDS = {
    "outcomes": _l("Udfald"),
    "confirmed": _l("Bekræftet"),
    "consequences": _l("Konsekvenser"),
    "major_significance": _l("Fejl af større betydning"),
    "criticism_level": _l("Kritikniveau"),
    "outside_competence": _l("Uden for kompetencen (§ 24f, stk. 2)"),
}

# The criticism scale, mildest first (policies.CriticismLevel).
CRITICISM_LEVELS = {
    "uheldigt": _l("uheldigt"),
    "beklageligt": _l("beklageligt"),
    "meget_beklageligt": _l("meget beklageligt"),
    "kritisabelt": _l("kritisabelt"),
    "meget_kritisabelt": _l("meget kritisabelt"),
    "staerkt_kritisabelt": _l("stærkt kritisabelt"),
}

COMPLIANCE = {
    "followed": _l("fulgt"),
    "not_followed": _l("ikke fulgt"),
    "pending": _l("afventer"),
}

ROLES = {
    "caseworker": _l("sagsbehandler"),
    "head": _l("enhedsleder"),
    "committee": _l("udvalgslæser"),
}


# How a report came in (wb_cases.models.case.Channel).
CHANNELS = {
    "portal": _l("Portalen"),
    "oral": _l("Mundtligt (telefon)"),
    "meeting": _l("Ved et møde"),
    "letter": _l("Brev"),
    "import": _l("Overført fra det tidligere system"),
}

# Why a closed case is kept past its retention period (wb_cases.services.legal_hold).
HOLD_REASONS = {
    "litigation": _l("Retssag eller krav"),
    "police": _l("Politiets efterforskning"),
    "authority": _l("Ombudsmanden eller anden myndighed"),
    "access_request": _l("Aktindsigt eller klage over afslag"),
    "audit": _l("Revision eller udvalget"),
    "related_case": _l("Beslægtet sag under behandling"),
}

# The case's documents (wb_cases.services.journal), by kind; numbered ones get their number.
DOCUMENTS = {
    "report": _l("Indberetning"),
    "reporter_message": _l("Besked fra indberetter"),
    "unit_message": _l("Brev til indberetter"),
    "minutes": _l("Referat af mundtlig indberetning"),
    "correction": _l("Indberetters rettelse til referat"),
    "note": _l("Notat (endeligt)"),
    "letter": _l("Følgebrev ved oversendelse"),
    "decision": _l("Afgørelse"),
    "attachment": _l("Bilag"),
}


def document_name(doc: object) -> str:
    """A document (anything with ``kind``, ``number`` and ``description``) in the interface
    language; a stored description of no known kind is shown as it was stored."""
    kind, number = getattr(doc, "kind", None), getattr(doc, "number", None)
    if kind not in DOCUMENTS:
        return str(getattr(doc, "description", ""))
    name = str(DOCUMENTS[kind])
    if number is None:
        return name
    if kind == "decision":
        return gettext("%(name)s, forhold %(number)d", name=name, number=number)
    if kind == "attachment":
        return gettext("%(name)s %(number)d", name=name, number=number)
    return gettext("%(name)s nr. %(number)d", name=name, number=number)


def label(table: Mapping[str, object], code: str | None) -> str:
    """The label for a code, or the code itself."""
    if code is None:
        return "—"
    return str(table.get(code, code))


def choices(table: Mapping[str, object], codes: Iterable[object]) -> list[tuple[str, object]]:
    """Select options for every code of an enum, each shown by its label."""
    return [(str(code), table.get(str(code), str(code))) for code in codes]


def administration_name(code: str | None) -> str:
    return dict(ADMINISTRATIONS).get(code or "", code or "—")
