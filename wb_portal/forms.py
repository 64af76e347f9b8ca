"""The portal's forms: ReportForm, ReceiptForm, MessageForm (Flask-WTF, CSRF on each).

Every message says precisely what to fix; the text a reporter typed is kept
when a form comes back with errors (files cannot be, and the page says so).
"""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    MultipleFileField,
    RadioField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, Optional

try:  # WTForms >= 3.3 wants SelectChoice objects; older versions take tuples
    from wtforms import SelectChoice
except ImportError:  # pragma: no cover
    SelectChoice = None  # type: ignore[assignment,misc]

LONG = 20_000
SHORT = 500


def _choices(*pairs: tuple[str, object]) -> list[object]:
    if SelectChoice is None:
        return list(pairs)
    return [SelectChoice(value, label) for value, label in pairs]


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


STRIP = [_strip]


class ReportForm(FlaskForm):
    relation = RadioField(
        _l("What is your relation to the municipality?"),
        choices=_choices(
            ("employee", _l("I work for the municipality")),
            ("partner", _l("I work for a supplier or partner of the municipality")),
            ("other", _l("Other (for example a former employee, trainee or volunteer)")),
        ),
        validators=[InputRequired(_l("Choose your relation to the municipality"))],
    )
    what = TextAreaField(
        _l("What happened?"),
        filters=STRIP,
        validators=[
            InputRequired(_l("Describe what happened")),
            Length(max=LONG, message=_l("Shorten the description to at most 20,000 characters")),
        ],
    )
    where = TextAreaField(
        _l("Where did it happen?"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=SHORT * 4, message=_l("Shorten this answer to at most 2,000 characters")),
        ],
    )
    when = StringField(
        _l("When did it happen?"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=SHORT, message=_l("Shorten this answer to at most 500 characters")),
        ],
    )
    who = TextAreaField(
        _l("Who is involved?"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=SHORT * 4, message=_l("Shorten this answer to at most 2,000 characters")),
        ],
    )
    how_known = TextAreaField(
        _l("How do you know?"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=SHORT * 8, message=_l("Shorten this answer to at most 4,000 characters")),
        ],
    )
    raised_internally = RadioField(
        _l("Have you raised the matter elsewhere in the municipality?"),
        choices=_choices(
            ("no", _l("No")), ("yes", _l("Yes")), ("unsure", _l("I would rather not say"))
        ),
        validators=[InputRequired(_l("Say whether you have raised the matter elsewhere"))],
    )
    raised_details = TextAreaField(
        _l("If yes: with whom, and what happened?"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=SHORT * 8, message=_l("Shorten this answer to at most 4,000 characters")),
        ],
    )
    retaliation = RadioField(
        _l("Have you suffered negative consequences because you reported or spoke up?"),
        choices=_choices(("no", _l("No")), ("yes", _l("Yes")), ("unsure", _l("I am not sure"))),
        validators=[InputRequired(_l("Say whether you have suffered negative consequences"))],
    )
    retaliation_details = TextAreaField(
        _l("If yes: what happened to you?"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=SHORT * 8, message=_l("Shorten this answer to at most 4,000 characters")),
        ],
    )
    attachments = MultipleFileField(_l("Attach files"))
    originals = MultipleFileField(_l("Files to keep exactly as they are"))
    anonymity = RadioField(
        _l("Do you want to tell us who you are?"),
        choices=_choices(
            ("anonymous", _l("No, I want to be anonymous")),
            (
                "confidential",
                _l("Yes, confidentially: my name is sealed and kept apart from the report"),
            ),
        ),
        validators=[InputRequired(_l("Choose whether you want to be anonymous"))],
    )
    name = StringField(
        _l("Your name (only for a confidential report)"),
        filters=STRIP,
        validators=[Length(max=SHORT, message=_l("Shorten your name to at most 500 characters"))],
    )
    contact = StringField(
        _l("How can we reach you?"),
        filters=STRIP,
        validators=[
            Length(max=SHORT, message=_l("Shorten the contact details to at most 500 characters"))
        ],
    )
    nonce = HiddenField()

    ANSWER_FIELDS = (
        "relation",
        "what",
        "where",
        "when",
        "who",
        "how_known",
        "raised_internally",
        "raised_details",
        "retaliation",
        "retaliation_details",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.nonce.data:
            self.nonce.data = secrets.token_urlsafe(16)

    def validate_name(self, field: StringField) -> None:
        if self.anonymity.data == "confidential" and not field.data:
            raise ValidationError(_l("Write your name, or choose to be anonymous"))
        if self.anonymity.data == "anonymous" and field.data:
            raise ValidationError(
                _l(
                    "Remove your name, or choose to tell us who you are: "
                    "we must register a name we are given"
                )
            )

    def validate_contact(self, field: StringField) -> None:
        if self.anonymity.data == "anonymous" and field.data:
            raise ValidationError(
                _l("Remove the contact details, or choose to tell us who you are")
            )

    def answers(self) -> dict[str, str]:
        return {name: getattr(self, name).data or "" for name in self.ANSWER_FIELDS}


class ReceiptForm(FlaskForm):
    code = StringField(
        _l("Your receipt code"),
        filters=STRIP,
        validators=[
            InputRequired(_l("Write your receipt code")),
            Length(max=64, message=_l("A receipt code has 16 characters")),
        ],
    )
    # A follow-up message typed while the session ran out, carried through the login.
    carried = HiddenField(validators=[Optional(), Length(max=LONG)])


class MessageForm(FlaskForm):
    text = TextAreaField(
        _l("Your answer or new information"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=LONG, message=_l("Shorten the message to at most 20,000 characters")),
        ],
    )
    attachments = MultipleFileField(_l("Attach files"))
    originals = MultipleFileField(_l("Files to keep exactly as they are"))


class LogoutForm(FlaskForm):
    pass
