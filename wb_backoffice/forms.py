"""Forms (Flask-WTF: CSRF on every one). The triage form is built from `policies`' schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import wtforms
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    MultipleFileField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

import policies
from policies.serde import describe
from wb_cases.services.staff_auth import MIN_PASSWORD

from . import labels

# WTForms >= 3.3 wants SelectChoice objects, older versions take tuples. types-WTForms
# (3.2) does not declare SelectChoice yet, hence the lookup by name.
SELECT_CHOICE: Callable[[str, object], object] | None = getattr(wtforms, "SelectChoice", None)


def ch(pairs: Any) -> list[Any]:
    """Select options from (value, label) pairs."""
    pairs = list(pairs)
    return [SELECT_CHOICE(str(v), label) for v, label in pairs] if SELECT_CHOICE else pairs


YES_NO = [("", "—"), ("true", _l("Ja")), ("false", _l("Nej"))]


def form_ids(form: FlaskForm, prefix: str) -> FlaskForm:
    """Prefix the ids of a form's fields (and labels) so several forms share a page.

    The case page shows many forms, some once per matter or deadline; the names
    stay as they are, so the views and their tests post the same fields.
    """
    for f in form:
        base = vars(f).setdefault("wb_base_id", f.id)  # the id before any prefix
        f.id = f"{prefix}-{base}"
        f.label.field_id = f.id
    return form


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    """A button that only needs its CSRF token."""


class LoginForm(FlaskForm):
    username = StringField(_l("Brugernavn"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Adgangskode"), validators=[DataRequired(), Length(max=1024)])
    code = StringField(
        _l("Kode fra app eller gendannelseskode"), validators=[Optional(), Length(max=32)]
    )


class LongEnough:
    """The password rule, checked by the server with a message in the interface language.

    Unlike `Length(min=…)` it sets no `minlength` attribute, so the browser does not stop
    the form with a tooltip of its own before the server can say what is wrong.
    """

    def __init__(self, minimum: int = MIN_PASSWORD) -> None:
        self.minimum = minimum

    def __call__(self, form: Any, field: Any) -> None:
        if len(field.data or "") < self.minimum:
            raise ValidationError(_l("Adgangskoden skal have mindst %(n)s tegn.", n=self.minimum))


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Ny adgangskode (mindst 12 tegn)"),
        validators=[DataRequired(), LongEnough(), Length(max=1024)],
    )
    repeat = PasswordField(_l("Gentag"), validators=[EqualTo("password")])


class PassphraseForm(FlaskForm):
    passphrase = PasswordField(_l("Nøglefrase"), validators=[DataRequired(), Length(max=1024)])


class TotpForm(FlaskForm):
    code = StringField(_l("Kode fra app"), validators=[DataRequired(), Length(min=6, max=8)])


class MessageForm(FlaskForm):
    text = TextAreaField(
        _l("Besked til indberetteren"), validators=[DataRequired(), Length(max=20000)]
    )
    attachments = MultipleFileField(_l("Vedhæft filer (indberetteren henter dem på portalen)"))


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Intern note"), validators=[DataRequired(), Length(max=20000)])


class MajorSummaryForm(FlaskForm):
    """A major case's summary text for the annual report (§ 24h, stk. 2)."""

    text = TextAreaField(
        _l("Beskrivelse til beretningen"),
        description=_l(
            "Skriv uden navne, datoer, sagsnumre, e-mail, telefon- og cpr-numre. "
            "Teksten gemmes krypteret som kladde, indtil enhedslederen godkender den."
        ),
        validators=[DataRequired(), Length(max=20000)],
    )


class AcknowledgeForm(FlaskForm):
    employee = BooleanField(_l("Indberetteren er ansat (tillidsrepræsentant, § 24b, stk. 2)"))
    personal = TextAreaField(_l("Personligt afsnit (valgfrit)"), validators=[Length(max=5000)])


class FeedbackForm(FlaskForm):
    text = TextAreaField(_l("Tilbagemelding"), validators=[DataRequired(), Length(max=20000)])


class SplitForm(FlaskForm):
    titles = TextAreaField(
        _l("Ét forhold pr. linje (kort titel)"), validators=[DataRequired(), Length(max=5000)]
    )


class ExtensionForm(FlaskForm):
    kind = SelectField(
        _l("Forlængelse"),
        choices=ch(
            [
                (
                    str(policies.ExtensionKind.LONGER_DEADLINE_SET),
                    _l("Længere frist fastsat (§ 15, stk. 1)"),
                ),
                (
                    str(policies.ExtensionKind.DELAY_NOTICE),
                    _l("Forvaltningen har meddelt forsinkelse (§ 15, stk. 2)"),
                ),
            ]
        ),
    )
    new_due = DateField(_l("Ny frist"), validators=[InputRequired()])
    reason_given = BooleanField(_l("Begrundelse og forventet svardato er givet"), default=True)


class OutcomeForm(FlaskForm):
    outcomes = MultiCheckboxField(
        _l("Udfald (§ 24f, stk. 1)"),
        choices=ch(labels.choices(labels.OUTCOMES, policies.Outcome)),
    )
    confirmed = SelectField(_l("Bekræftet"), choices=ch(YES_NO))
    consequences = MultiCheckboxField(
        _l("Konsekvenser"),
        choices=ch(labels.choices(labels.CONSEQUENCES, policies.Consequence)),
    )
    major_significance = BooleanField(_l("Fejl af større betydning (§ 24f, stk. 4)"))
    criticism_level = SelectField(
        _l("Kritikniveau"),
        choices=ch([("", "—"), *labels.choices(labels.CRITICISM_LEVELS, policies.CriticismLevel)]),
    )


class InstanceOutcomeForm(FlaskForm):
    confirmed = SelectField(_l("Bekræftet"), choices=ch(YES_NO))
    consequences = MultiCheckboxField(
        _l("Konsekvenser"),
        choices=ch(labels.choices(labels.CONSEQUENCES, policies.Consequence)),
    )
    major_significance = BooleanField(_l("Fejl af større betydning"))
    inform_committee = BooleanField(
        _l("Orienter Borgerrådgiverudvalget om udfaldet (valgfrit, § 24g, stk. 2)")
    )


class ComplianceForm(FlaskForm):
    status = SelectField(
        _l("Efterlevelse (§ 24f, stk. 3)"),
        choices=ch(labels.choices(labels.COMPLIANCE, policies.ComplianceStatus)),
    )
    notify_committee = BooleanField(_l("Orienter udvalget (kun når den ikke følges)"))


class RetaliationForm(FlaskForm):
    to_mayor = BooleanField(_l("Helt særligt tilfælde: borgmesteren i stedet for direktionen"))


class IdentityOpenForm(FlaskForm):
    reason = SelectField(_l("Grundlag"), validators=[DataRequired()])
    justification = TextAreaField(
        _l("Skriftlig begrundelse (§ 24a, stk. 2)"),
        validators=[DataRequired(), Length(max=5000)],
    )
    outside_unit = BooleanField(_l("Identiteten skal videregives uden for enheden"))
    reporter_told = BooleanField(_l("Indberetteren er orienteret først"))
    withheld_reason = TextAreaField(
        _l("Ellers: hvorfor en orientering ville skade undersøgelsen"),
        validators=[Optional(), Length(max=5000)],
    )


class IdentityRequestForm(FlaskForm):
    subject = SelectField(
        _l("Hvis identitet"), choices=ch(labels.choices(labels.ID_SUBJECTS, labels.ID_SUBJECTS))
    )
    requester = SelectField(_l("Hvem spørger"))
    basis = SelectField(_l("Grundlag"))
    decision = SelectField(_l("Afgørelse"))


class ImpossibleForm(FlaskForm):
    """§ 24b, stk. 1: why a duty towards the reporter cannot be carried out."""

    reason = SelectField(
        _l("Hvorfor"),
        choices=ch(labels.choices(labels.NO_WAY_BACK, policies.NoWayBack)),
    )
    text = TextAreaField(_l("Med dine egne ord"), validators=[DataRequired(), Length(max=5000)])


class AddStaffForm(FlaskForm):
    username = StringField(_l("Brugernavn"), validators=[DataRequired(), Length(min=2, max=64)])
    display_name = StringField(_l("Navn"), validators=[DataRequired(), Length(max=128)])
    email = StringField(_l("E-mail (påmindelser)"), validators=[Optional(), Length(max=254)])
    role = SelectField(_l("Rolle"), choices=ch([(k, v) for k, v in labels.ROLES.items()]))
    password = PasswordField(
        _l("Første adgangskode (skal skiftes ved første login)"),
        validators=[DataRequired(), LongEnough(), Length(max=1024)],
    )
    # Single sign-on only: the provider's stable id for the member (never the e-mail).
    sso_subject = StringField(
        _l("Fast id hos kommunens login (ikke e-mailadressen)"),
        validators=[Optional(), Length(max=256)],
    )


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    year = IntegerField(_l("År"), validators=[Optional(), NumberRange(2000, 2100)])
    period = SelectField(
        _l("Periode"),
        choices=ch(
            [
                ("year", _l("Hele året")),
                ("h1", _l("1. halvår")),
                ("h2", _l("2. halvår")),
                ("q1", "Q1"),
                ("q2", "Q2"),
                ("q3", "Q3"),
                ("q4", "Q4"),
                ("ry", _l("Beretningsåret (1. april – 31. marts)")),
                ("rh1", _l("Beretningsåret, april–september")),
                ("rh2", _l("Beretningsåret, oktober–marts")),
            ]
        ),
    )


# --- the triage form, built from policies.explain_facts_schema() ------------------------


def _fact_specs() -> list[dict[str, Any]]:
    """The facts' fields as `policies` describes them: name, type, values, default, paragraph."""
    return describe(policies.MatterFacts)


class _Help:
    """A field's help text, put together in the language of the request that shows it."""

    def __init__(self, paragraph: str, text: Any) -> None:
        self.paragraph, self.text = paragraph, text

    def __str__(self) -> str:
        return f"{self.paragraph}: {self.text}" if self.paragraph else str(self.text)

    def __html__(self) -> str:
        return str(escape(str(self)))


def _help(name: str, paragraph: str, doc: str) -> str:
    # WTForms takes a str; the object renders as one, in the language of the request.
    return cast(str, _Help(paragraph, labels.HELP.get(name, doc)))


def facts_form_class() -> type[FlaskForm]:
    """A form with one field per MatterFacts field, in the engine's order."""
    attrs: dict[str, Any] = {}
    for spec in _fact_specs():
        name = str(spec["name"])
        label = labels.FIELDS.get(name, name)
        description = _help(name, str(spec["paragraph"] or ""), str(spec["doc"]))
        required = bool(spec["required"])
        validators = [InputRequired()] if required else [Optional()]
        if spec["type"] == "enum":
            choices: list[tuple[str, object]] = (
                [("", "—")] if (required or spec["nullable"]) else []
            )
            choices += labels.choices(labels.VALUES, spec["values"])
            default = spec["default"] if spec["default"] is not None else ""
            attrs[name] = SelectField(
                label,
                choices=ch(choices),
                default=default,
                validators=validators,
                description=description,
            )
        elif required or spec["nullable"]:
            attrs[name] = SelectField(
                label, choices=ch(YES_NO), validators=validators, description=description
            )
        else:
            attrs[name] = BooleanField(
                label, default=bool(spec["default"]), description=description
            )
    attrs["administration"] = SelectField(
        _l("Forvaltning"), choices=ch([("", "—")] + list(labels.ADMINISTRATIONS))
    )
    attrs["override_route"] = SelectField(
        _l("Tilsidesæt sporet (kræver begrundelse)"),
        choices=ch(
            [("", _l("Nej, følg afgørelsen"))] + labels.choices(labels.ROUTES, policies.Route)
        ),
        validators=[Optional()],
    )
    attrs["override_reason"] = TextAreaField(
        _l("Begrundelse for tilsidesættelse"), validators=[Length(max=5000)]
    )
    for need in REASONS:  # "i helt særlige tilfælde": shown on the preview when needed
        attrs[f"reason_{need.field}"] = TextAreaField(
            f"{labels.label(labels.REASONS, need.field)} ({need.paragraph})",
            validators=[Length(max=5000)],
        )
    return type("MatterFactsForm", (FlaskForm,), attrs)


#: Choices that need a written reason (policies.reasons), in the form as reason_<field>.
REASONS = (
    policies.reasons.MAYOR_ROUTE,
    policies.reasons.RETALIATION_TO_MAYOR,
    policies.reasons.TOP_OFFICIAL_ROUTE,
)


def reasons_from_form(form: FlaskForm) -> dict[str, str]:
    """The written reasons staff gave, by the fact they explain."""
    return {n.field: getattr(form, f"reason_{n.field}").data or "" for n in REASONS}


FACT_NAMES = tuple(str(s["name"]) for s in _fact_specs())


def facts_from_form(form: FlaskForm) -> policies.MatterFacts:
    """Turn the submitted form into MatterFacts (FactsFormatError / TypeError on bad input)."""
    data: dict[str, object] = {}
    for spec in _fact_specs():
        name = str(spec["name"])
        value = getattr(form, name).data
        if spec["type"] == "enum":
            if value:
                data[name] = value
            elif spec["nullable"]:
                data[name] = None
        elif spec["required"] or spec["nullable"]:
            if value in ("true", "false"):
                data[name] = value == "true"
            elif spec["nullable"]:
                data[name] = None
        else:
            data[name] = bool(value)
    return policies.MatterFacts.from_dict(data)
