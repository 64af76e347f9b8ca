"""Forms for records: journal references, forwarding, staff-taken reports,
legal hold, assignment and hand-over."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from wb_cases.models.case import Channel
from wb_cases.services.legal_hold import HoldReason

from . import labels
from .forms import MultiCheckboxField, ch

#: A report staff take down themselves (the portal and imports file their own).
CHANNELS = [
    (str(c), labels.CHANNELS[str(c)]) for c in (Channel.ORAL, Channel.MEETING, Channel.LETTER)
]
HOLD_REASONS = [(str(r), labels.HOLD_REASONS[str(r)]) for r in HoldReason]


class JournalForm(FlaskForm):
    document = SelectField(_l("Dokument"), validators=[DataRequired()])
    journal_ref = StringField(
        _l("Journalnummer i ESDH"), validators=[DataRequired(), Length(max=64)]
    )


class ForwardForm(FlaskForm):
    documents = MultiCheckboxField(_l("Dokumenter, der sendes med"))
    safe_copies = BooleanField(_l("Send sikre kopier (PDF) af filerne i stedet for originalerne"))
    as_is = MultiCheckboxField(_l("Send alligevel, som filen er"))
    reason = StringField(
        _l("Begrundelse for at sende filer, der ikke kunne renses helt"),
        validators=[Optional(), Length(max=500)],
    )


class StaffReportForm(FlaskForm):
    channel = SelectField(_l("Modtaget"), choices=ch(CHANNELS))
    what = TextAreaField(
        _l("Hvad blev indberettet (kort)"), validators=[DataRequired(), Length(max=20000)]
    )
    minutes = TextAreaField(
        _l("Referat til indberetterens godkendelse"), validators=[DataRequired(), Length(max=50000)]
    )
    confidential = BooleanField(_l("Indberetteren har oplyst sin identitet (fortroligt)"))
    name = StringField(_l("Navn"), validators=[Optional(), Length(max=200)])
    contact = StringField(_l("Kontakt"), validators=[Optional(), Length(max=200)])


class HoldForm(FlaskForm):
    reason = SelectField(_l("Begrundelse"), choices=ch(HOLD_REASONS))


class AssignForm(FlaskForm):
    staff_id = SelectField(_l("Sagsbehandler"))


class HandOverForm(FlaskForm):
    from_staff = SelectField(_l("Fra"), validators=[DataRequired()])
    to_staff = SelectField(_l("Til"), validators=[DataRequired()])
    remove = BooleanField(_l("Fjern medarbejderen bagefter"))
