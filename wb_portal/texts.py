"""Plain words for codes the reporter sees: case status, file cleaning, answers.

Status strings come from `policies.CaseStatus`; reporters see a plain Danish or
English phrase, never the code. File cleaning codes are worded in
`wb_cases.services.sanitize_labels`.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l

from wb_cases.services.sanitize_labels import label_texts

STATUS = {
    "received": _l("Received. We confirm that we have received it within 7 days."),
    "acknowledged": _l("Received and confirmed. We are looking at your report."),
    "in_triage": _l("Being assessed: we decide whether and how the matter is handled."),
    "in_investigation": _l("Being investigated."),
    "awaiting_instance": _l(
        "Passed on to the body that handles it; we are waiting for its outcome."
    ),
    "awaiting_administration_report": _l("We are waiting for an answer from the administration."),
    "closed": _l("Closed."),
}
STATUS_UNKNOWN = _l("In progress.")

ANSWERS = {
    "relation": _l("Your relation to the municipality"),
    "what": _l("What happened?"),
    "where": _l("Where did it happen?"),
    "when": _l("When did it happen?"),
    "who": _l("Who is involved?"),
    "how_known": _l("How do you know?"),
    "raised_internally": _l("Raised elsewhere in the municipality?"),
    "raised_details": _l("With whom, and what happened?"),
    "retaliation": _l("Negative consequences?"),
    "retaliation_details": _l("What happened to you?"),
}
CHOICES = {
    "employee": _l("I work for the municipality"),
    "partner": _l("I work for a supplier or partner of the municipality"),
    "other": _l("Other"),
    "no": _l("No"),
    "yes": _l("Yes"),
    "unsure": _l("Not sure, or would rather not say"),
}


CLEANED, PARTLY, ORIGINAL, UNCHECKED = "cleaned", "partly", "original", "unchecked"
# A file with one of these codes still holds something, or was not looked into fully.
STILL_HOLDS = ("partly_cleaned", "remains:", "unchecked:")


def file_outcome(codes: tuple[str, ...] | list[str]) -> str:
    """What the review page asks about a file (codes: `wb_cases.services.sanitize_labels`).

    Cleaned: send it (the default) or leave it out. Kept as the reporter chose: the same.
    Partly cleaned, or not cleaned at all (any other `kept:`): the reporter must decide, and
    may replace it with a file we can clean.
    """
    if "kept:choice" in codes:
        return ORIGINAL
    if any(code.startswith("kept:") for code in codes):
        return UNCHECKED
    if any(code.startswith(STILL_HOLDS) for code in codes):
        return PARTLY
    return CLEANED


def needs_decision(codes: tuple[str, ...] | list[str]) -> bool:
    return file_outcome(codes) in (PARTLY, UNCHECKED)


def status_text(code: str) -> str:
    return str(STATUS.get(code, STATUS_UNKNOWN))


def sanitation_texts(codes: tuple[str, ...] | list[str]) -> list[str]:
    """What cleaning found and did, in the reader's language (never the codes)."""
    return label_texts(codes, str(get_locale() or "da")[:2])


def answer_text(key: str, value: str) -> str:
    if key in {"relation", "raised_internally", "retaliation"}:
        return str(CHOICES.get(value, value))
    return value


def long_date(day: dt.date | None) -> str:
    """Danish "2. marts 2026"; English day-month "2 March 2026", never the American order."""
    if not day:
        return ""
    return format_date(day, "d MMMM y" if get_locale().language == "en" else "long")


def receipt_groups(code: str) -> list[str]:
    return [code[i : i + 4] for i in range(0, len(code), 4)]


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def upload_limits() -> dict[str, int]:
    from flask import current_app

    settings = current_app.extensions["wb_uploads"]
    return {"max_files": settings.max_files, "max_mib": settings.max_bytes // (1024 * 1024)}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        status_text=status_text,
        sanitation_texts=sanitation_texts,
        long_date=long_date,
        receipt_groups=receipt_groups,
        file_size=file_size,
        file_outcome=file_outcome,
        needs_decision=needs_decision,
    )
    app.jinja_env.globals.update(
        ANSWERS=ANSWERS, answer_text=answer_text, config_uploads=upload_limits
    )
