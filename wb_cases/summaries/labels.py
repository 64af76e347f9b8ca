"""Danish labels for the codes the summaries show; an unknown code shows as itself."""

from __future__ import annotations

from policies.facts import Area, Category
from policies.routing import ROUTE_ACTION, Route
from policies.scope import SCOPE_RULES, Scope

from .figures import NOT_RECORDED

OTHER_CODE = "other_code"  # an administration outside the list below
ADMINISTRATIONS = ("ØKF", "KFF", "BUF", "SUF", "SOF", "TMF", "BIF")
_NOT_INSIDE_ROUTES = {Route.FILE_WITHOUT_MORE, Route.REJECT_WITH_FEEDBACK, Route.DECLINED_24D}

# Every code each breakdown lists, in a fixed order, zeros included: the committee's
# version must not say which codes occur (docs/summaries.md, Discretion).
BREAKDOWN_CODES: dict[str, tuple[str, ...]] = {
    "administration": (*ADMINISTRATIONS, OTHER_CODE, NOT_RECORDED),
    "category": (*(str(c) for c in Category), NOT_RECORDED),
    "route": (*(str(r) for r in Route if r not in _NOT_INSIDE_ROUTES), NOT_RECORDED),
    "outside_reason": (
        *dict.fromkeys(str(r.reason) for r in SCOPE_RULES if r.scope is Scope.OUTSIDE),
        NOT_RECORDED,
    ),
    "consequence": ("tightened_supervision", "guidelines", "disciplinary", "other"),
    # What a matter predominantly concerns (the triage fact, § 24c, stk. 3).
    "area": (*(str(a) for a in Area), NOT_RECORDED),
}

# The area breakdown's codes in Danish and English: the area code "other" is not the
# consequence "other", so these have a table of their own.
AREA_LABELS: dict[str, tuple[str, str]] = {
    str(Area.FINANCE): ("Økonomiske forhold", "Financial matters"),
    str(Area.EMPLOYMENT): ("Ansættelsesretlige forhold", "Employment matters"),
    str(Area.WORK_ENVIRONMENT): ("Arbejdsmiljø", "Work environment"),
    str(Area.OTHER): ("Andre områder", "Other areas"),
    NOT_RECORDED: ("Ikke registreret", "Not recorded"),
}
AREA_TITLE = ("Forhold pr. område", "Matters by area")
AREA_POPULATION = (
    "forhold i henvendelser modtaget i perioden, efter det område, forholdet overvejende angår",
    "matters in reports received in the period, by the area the matter mainly concerns",
)
MAJOR_TITLE = ("Større sager", "Major cases")

HEADLINE = {
    "reports_received": "Henvendelser modtaget",
    "anonymous": "heraf anonyme",
    "matters": "Forhold i henvendelserne",
    "inside": "Forhold inden for ordningen",
    "outside": "Forhold uden for ordningen",
    "declined_24d": "Forhold afvist efter § 24d",
    "untriaged": "Forhold endnu ikke vurderet",
    "matters_closed": "Forhold afsluttet i alt, også afviste",
    "investigations_closed": "heraf undersøgelser afsluttet",
    "confirmed": "Afsluttede forhold, bekræftet",
    "with_consequences": "Afsluttede forhold med konsekvenser",
}

# The CSV and JSON say "median" where they give a median, never the deadline's name.
MEDIAN_LABELS = {
    "acknowledgement": "Median antal dage fra modtagelse til kvittering",
    "feedback": "Median antal dage fra modtagelse til tilbagemelding",
    "closing": "Median antal dage fra modtagelse til afslutning af forhold",
}

CODES: dict[str, str] = {
    NOT_RECORDED: "Ikke registreret",
    OTHER_CODE: "Anden forvaltning",
    # Processing-time groups.
    "route_group_own_investigation": "Egen undersøgelse",
    "route_group_forwarded": "Videresendt (Intern Revision, direktion, borgmester m.fl.)",
    "route_group_outside": "Uden for ordningen",
    "route_group_declined_24d": "Afvist efter §\u00a024d",
    # Copenhagen's administrations (forvaltninger), by their usual abbreviations.
    "ØKF": "Økonomiforvaltningen",
    "KFF": "Kultur- og Fritidsforvaltningen",
    "BUF": "Børne- og Ungdomsforvaltningen",
    "SUF": "Sundheds- og Omsorgsforvaltningen",
    "SOF": "Socialforvaltningen",
    "TMF": "Teknik- og Miljøforvaltningen",
    "BIF": "Beskæftigelses- og Integrationsforvaltningen",
    # The same administrations as the back office records them.
    "okf": "Økonomiforvaltningen",
    "kff": "Kultur- og Fritidsforvaltningen",
    "buf": "Børne- og Ungdomsforvaltningen",
    "suf": "Sundheds- og Omsorgsforvaltningen",
    "sof": "Socialforvaltningen",
    "tmf": "Teknik- og Miljøforvaltningen",
    "bif": "Beskæftigelses- og Integrationsforvaltningen",
    # Consequence types (the annual report's four kinds of consequences).
    "tightened_supervision": "Skærpet tilsyn og fokus",
    "guidelines": "Retningslinjer",
    "disciplinary": "Disciplinære reaktioner",
    "other": "Andet",
    # Categories (policies.facts.Category, § 24a stk. 1).
    "law_violation": "Lovovertrædelse",
    "legal_obligation_breach": "Tilsidesættelse af retlig forpligtelse",
    "health_safety": "Sundhed og sikkerhed",
    "environment": "Miljø",
    "neglect": "Forsømmelse",
    "other_similar": "Andre lignende forhold",
    "retaliation_against_reporter": "Repressalier mod indberetter",
    "not_listed": "Ikke omfattet af listen",
    # Reasons (policies.scope.Reason; § 7 and § 24a).
    "no_standing": "Indberetter ikke omfattet (§ 24a, stk. 1)",
    "retaliation_not_employee": "Repressalier, ikke ansat",
    "outside_municipality": "Uden for kommunen (§ 7, stk. 1)",
    "political_service_level": "Politisk fastsat serviceniveau (§ 7, stk. 3, nr. 1)",
    "personnel_employment": "Personalesag (§ 7, stk. 3, nr. 2)",
    "statutory_complaint_body": "Lovbestemt klageinstans (§ 7, stk. 3, nr. 3)",
    "brought_before_supervisor_ombudsman_court": (
        "Indbragt for tilsyn, ombudsmand eller domstol (§ 7, stk. 3, nr. 4)"
    ),
    "decided_by_city_council": "Afgjort af Borgerrepræsentationen (§ 7, stk. 3, nr. 5)",
    "assessed_by_committee_optional": "Vurderet af et udvalg (§ 7, stk. 4)",
    "outside_purpose": "Uden for ordningens formål",
    "not_material": "Ikke væsentligt",
    "below_threshold": "Hverken grove eller gentagne forhold (§ 24a, stk. 1)",
    "declined_media_political_attention": "Afvist efter § 24d",
    "retaliation_report": "Indberetning om repressalier",
    "meets_threshold": "Inden for ordningen",
    # Deadlines.
    "acknowledgement": "Kvittering inden 7 dage",
    "feedback": "Tilbagemelding inden 3 måneder",
    "answer": "Svar fra forvaltningen (§ 15)",
    "closing": "Dage til afslutning",
    # Committee notices (policies.followups and the back office's own kinds).
    "committee_notice_24d_decline": "Afvisning efter § 24d",
    "committee_notice_24d_account": "Forvaltningens redegørelse efter § 24d, stk. 2",
    "committee_notice_identity_request": "Anmodning om indberetters identitet (§ 24a, stk. 2)",
    "committee_notice_major_significance": (
        "Fejl eller forsømmelser af større betydning (§ 24f, stk. 4)"
    ),
    "committee_notice_instance_outcome": "Udfald af en videresendt sag (§ 24g, stk. 2)",
    "recommendation_not_followed": "Anbefaling ikke fulgt (§ 24f, stk. 3)",
    "identity_opened": "Indberetters identitet åbnet (§ 24a, stk. 2)",
    "identity_request": "Anmodning om indberetters identitet (§ 24a, stk. 2)",
    # General reasons for opening or asking for an identity (§ 24a, stk. 2).
    "access_to_documents": "Aktindsigt",
    "hearing_of_parties": "Partshøring",
    "data_subject_access": "Indsigtsret",
    "police_or_court": "Politi eller domstol",
    "reporter_consent": "Indberetterens samtykke",
    "contact_the_reporter": "Kontakt til indberetteren",
    "retaliation_notice": "Oplysninger om repressalier (§ 24b, stk. 3)",
}
CODES.update({str(route): action[0].capitalize() for route, action in ROUTE_ACTION.items()})


def label(code: str) -> str:
    return CODES.get(code, code)


def area_label(code: str, lang: str = "da") -> str:
    """An area code's label in Danish (default) or English; unknown codes as not recorded."""
    da, en = AREA_LABELS.get(code, AREA_LABELS[NOT_RECORDED])
    return en if lang == "en" else da
