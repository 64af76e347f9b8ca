"""Danish labels for the codes the summaries show; an unknown code shows as itself.

Every label is a msgid of the summaries' English catalog (`i18n.py`): `N_` only marks it
for extraction, and the renderer translates it when a summary is shown in English.
"""

from __future__ import annotations

from policies.facts import Area, Category
from policies.routing import ROUTE_ACTION, Route
from policies.scope import SCOPE_RULES, Scope

from .figures import NOT_RECORDED


def N_(msgid: str) -> str:  # noqa: N802 - gettext's usual name for "mark, do not translate"
    """Mark a Danish label for the catalog; it is translated where it is rendered."""
    return msgid


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

# The area breakdown's codes: the area code "other" is not the consequence "other", so
# these have a table of their own.
AREA_LABELS: dict[str, str] = {
    str(Area.FINANCE): N_("Økonomiske forhold"),
    str(Area.EMPLOYMENT): N_("Ansættelsesretlige forhold"),
    str(Area.WORK_ENVIRONMENT): N_("Arbejdsmiljø"),
    str(Area.OTHER): N_("Andre områder"),
    NOT_RECORDED: N_("Ikke registreret"),
}
RECEIVED = N_("forhold i henvendelser modtaget i perioden")
# Each breakdown's title and population (what it counts), by its key.
BREAKDOWN_TEXTS: dict[str, tuple[str, str]] = {
    "administration": (N_("Forhold pr. forvaltning"), RECEIVED),
    "category": (N_("Forhold pr. kategori"), RECEIVED),
    "route": (
        N_("Forhold inden for ordningen pr. behandlingsvej"),
        N_("forhold inden for ordningen, modtaget i perioden"),
    ),
    "outside_reason": (
        N_("Forhold uden for ordningen pr. begrundelse"),
        N_("forhold uden for ordningen, modtaget i perioden"),
    ),
    "area": (
        N_("Forhold pr. område"),
        N_(
            "forhold i henvendelser modtaget i perioden, efter det område, forholdet "
            "overvejende angår"
        ),
    ),
    "consequence": (
        N_("Konsekvenser pr. type"),
        N_("forhold afsluttet i perioden; et forhold kan have flere typer"),
    ),
}
# The open backlog: its title names the day it is counted on, its cells an age band.
BACKLOG_TITLE = N_("Åbne forhold pr. %(day)s, efter alder i dage")
BACKLOG_POPULATION = N_("forhold modtaget og ikke afsluttet")
BACKLOG_BAND = N_("%(band)s dage")

HEADLINE = {
    "reports_received": N_("Henvendelser modtaget"),
    "anonymous": N_("heraf anonyme"),
    "matters": N_("Forhold i henvendelserne"),
    "inside": N_("Forhold inden for ordningen"),
    "outside": N_("Forhold uden for ordningen"),
    "declined_24d": N_("Forhold afvist efter § 24d"),
    "untriaged": N_("Forhold endnu ikke vurderet"),
    "matters_closed": N_("Forhold afsluttet i alt, også afviste"),
    "investigations_closed": N_("heraf undersøgelser afsluttet"),
    "confirmed": N_("Afsluttede forhold, bekræftet"),
    "with_consequences": N_("Afsluttede forhold med konsekvenser"),
}

# The CSV and JSON say "median" where they give a median, never the deadline's name.
MEDIAN_LABELS = {
    "acknowledgement": N_("Median antal dage fra modtagelse til kvittering"),
    "feedback": N_("Median antal dage fra modtagelse til tilbagemelding"),
    "closing": N_("Median antal dage fra modtagelse til afslutning af forhold"),
}

CODES: dict[str, str] = {
    NOT_RECORDED: N_("Ikke registreret"),
    OTHER_CODE: N_("Anden forvaltning"),
    # Processing-time groups.
    "route_group_own_investigation": N_("Egen undersøgelse"),
    "route_group_forwarded": N_("Videresendt (Intern Revision, direktion, borgmester m.fl.)"),
    "route_group_outside": N_("Uden for ordningen"),
    "route_group_declined_24d": N_("Afvist efter §\u00a024d"),
    # Copenhagen's administrations (forvaltninger), by their usual abbreviations.
    "ØKF": N_("Økonomiforvaltningen"),
    "KFF": N_("Kultur- og Fritidsforvaltningen"),
    "BUF": N_("Børne- og Ungdomsforvaltningen"),
    "SUF": N_("Sundheds- og Omsorgsforvaltningen"),
    "SOF": N_("Socialforvaltningen"),
    "TMF": N_("Teknik- og Miljøforvaltningen"),
    "BIF": N_("Beskæftigelses- og Integrationsforvaltningen"),
    # The same administrations as the back office records them.
    "okf": N_("Økonomiforvaltningen"),
    "kff": N_("Kultur- og Fritidsforvaltningen"),
    "buf": N_("Børne- og Ungdomsforvaltningen"),
    "suf": N_("Sundheds- og Omsorgsforvaltningen"),
    "sof": N_("Socialforvaltningen"),
    "tmf": N_("Teknik- og Miljøforvaltningen"),
    "bif": N_("Beskæftigelses- og Integrationsforvaltningen"),
    # Consequence types (the annual report's four kinds of consequences).
    "tightened_supervision": N_("Skærpet tilsyn og fokus"),
    "guidelines": N_("Retningslinjer"),
    "disciplinary": N_("Disciplinære reaktioner"),
    "other": N_("Andet"),
    # Categories (policies.facts.Category, § 24a stk. 1).
    "law_violation": N_("Lovovertrædelse"),
    "legal_obligation_breach": N_("Tilsidesættelse af retlig forpligtelse"),
    "health_safety": N_("Sundhed og sikkerhed"),
    "environment": N_("Miljø"),
    "neglect": N_("Forsømmelse"),
    "other_similar": N_("Andre lignende forhold"),
    "retaliation_against_reporter": N_("Repressalier mod indberetter"),
    "not_listed": N_("Ikke omfattet af listen"),
    # Reasons (policies.scope.Reason; § 7 and § 24a).
    "no_standing": N_("Indberetter ikke omfattet (§ 24a, stk. 1)"),
    "retaliation_not_employee": N_("Repressalier, ikke ansat"),
    "outside_municipality": N_("Uden for kommunen (§ 7, stk. 1)"),
    "political_service_level": N_("Politisk fastsat serviceniveau (§ 7, stk. 3, nr. 1)"),
    "personnel_employment": N_("Personalesag (§ 7, stk. 3, nr. 2)"),
    "statutory_complaint_body": N_("Lovbestemt klageinstans (§ 7, stk. 3, nr. 3)"),
    "brought_before_supervisor_ombudsman_court": N_(
        "Indbragt for tilsyn, ombudsmand eller domstol (§ 7, stk. 3, nr. 4)"
    ),
    "decided_by_city_council": N_("Afgjort af Borgerrepræsentationen (§ 7, stk. 3, nr. 5)"),
    "assessed_by_committee_optional": N_("Vurderet af et udvalg (§ 7, stk. 4)"),
    "outside_purpose": N_("Uden for ordningens formål"),
    "not_material": N_("Ikke væsentligt"),
    "below_threshold": N_("Hverken grove eller gentagne forhold (§ 24a, stk. 1)"),
    "declined_media_political_attention": N_("Afvist efter § 24d"),
    "retaliation_report": N_("Indberetning om repressalier"),
    "meets_threshold": N_("Inden for ordningen"),
    # Deadlines.
    "acknowledgement": N_("Kvittering inden 7 dage"),
    "feedback": N_("Tilbagemelding inden 3 måneder"),
    "answer": N_("Svar fra forvaltningen (§ 15)"),
    "closing": N_("Dage til afslutning"),
    # Committee notices (policies.followups and the back office's own kinds).
    "committee_notice_24d_decline": N_("Afvisning efter § 24d"),
    "committee_notice_24d_account": N_("Forvaltningens redegørelse efter § 24d, stk. 2"),
    "committee_notice_identity_request": N_("Anmodning om indberetters identitet (§ 24a, stk. 2)"),
    "committee_notice_major_significance": N_(
        "Fejl eller forsømmelser af større betydning (§ 24f, stk. 4)"
    ),
    "committee_notice_instance_outcome": N_("Udfald af en videresendt sag (§ 24g, stk. 2)"),
    "recommendation_not_followed": N_("Anbefaling ikke fulgt (§ 24f, stk. 3)"),
    "identity_opened": N_("Indberetters identitet åbnet (§ 24a, stk. 2)"),
    "identity_request": N_("Anmodning om indberetters identitet (§ 24a, stk. 2)"),
    # General reasons for opening or asking for an identity (§ 24a, stk. 2).
    "access_to_documents": N_("Aktindsigt"),
    "hearing_of_parties": N_("Partshøring"),
    "data_subject_access": N_("Indsigtsret"),
    "police_or_court": N_("Politi eller domstol"),
    "reporter_consent": N_("Indberetterens samtykke"),
    "contact_the_reporter": N_("Kontakt til indberetteren"),
    "retaliation_notice": N_("Oplysninger om repressalier (§ 24b, stk. 3)"),
}
# The routes in policies' own Danish words; the catalog holds these msgids too (a test
# checks that every label here has its English).
CODES.update({str(route): action[0].capitalize() for route, action in ROUTE_ACTION.items()})


def label(code: str) -> str:
    return CODES.get(code, code)


def area_label(code: str) -> str:
    """An area code's Danish label; unknown codes as not recorded."""
    return AREA_LABELS.get(code, AREA_LABELS[NOT_RECORDED])
