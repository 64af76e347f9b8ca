"""Errors raised by the policies: each carries the paragraph it enforces and a code.

The code (`Refusal`) and its structured ``data`` say what was refused in terms an app can
put in its own words; ``reason`` is a short English sentence for logs and the CLI. The
policies never phrase a refusal for a screen: field names in ``data`` are field codes,
values are enum values, and the apps label both.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .paragraphs import Paragraph


class Refusal(StrEnum):
    """Why a statute rule refuses an act; the keys of ``data`` each code carries."""

    CONTRADICTORY_FACTS = "contradictory_facts"  # fields
    MISSING_FACT = "missing_fact"  # fields
    MISSING_REASON = "missing_reason"  # fields
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"  # current, event
    DELAY_NOTICE_WITHOUT_REASON = "delay_notice_without_reason"
    DATE_BEFORE_REQUEST = "date_before_request"
    NO_OUTCOME = "no_outcome"
    HEARING_FIRST = "hearing_first"  # outcomes
    VOUCHING_NOT_ADOPTED = "vouching_not_adopted"
    DECIDED_BY_CITY_COUNCIL = "decided_by_city_council"
    OUTSIDE_COMPETENCE_OUTCOMES = "outside_competence_outcomes"  # outcomes
    IDENTITY_JUSTIFICATION_MISSING = "identity_justification_missing"
    SECOND_APPROVAL_MISSING = "second_approval_missing"
    SECOND_APPROVAL_SAME_HEAD = "second_approval_same_head"
    DISCLOSURE_REASON_MISSING = "disclosure_reason_missing"
    NOT_A_REPORTER_DUTY = "not_a_reporter_duty"  # kind
    NO_WAY_BACK_REASON_MISSING = "no_way_back_reason_missing"
    FEEDBACK_OWED = "feedback_owed"  # kinds
    FACTS_FORMAT = "facts_format"  # fields


class PolicyViolation(Exception):
    """A statute rule refuses an act: ``paragraph`` says which rule, ``code`` and ``data``
    what was refused, ``reason`` the same in an English sentence."""

    def __init__(
        self,
        paragraph: Paragraph,
        reason: str,
        *,
        code: Refusal,
        data: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(f"{paragraph.cite()}: {reason}")
        self.paragraph = paragraph
        self.reason = reason
        self.code = code
        self.data: dict[str, object] = dict(data or {})


class ContradictoryFactsError(PolicyViolation, ValueError):
    """The recorded facts conflict (or a needed choice is missing); ``fields`` names them."""

    def __init__(
        self,
        paragraph: Paragraph,
        reason: str,
        fields: tuple[str, ...],
        *,
        code: Refusal = Refusal.CONTRADICTORY_FACTS,
    ) -> None:
        super().__init__(
            paragraph,
            f"{reason} [fields: {', '.join(fields)}]",
            code=code,
            data={"fields": fields},
        )
        self.reason = reason
        self.fields = fields


class MissingFactError(ContradictoryFactsError):
    """A fact or caseworker's choice the statute needs on this path was not recorded."""

    def __init__(
        self,
        paragraph: Paragraph,
        reason: str,
        fields: tuple[str, ...],
        *,
        code: Refusal = Refusal.MISSING_FACT,
    ) -> None:
        super().__init__(paragraph, reason, fields, code=code)


class TransitionNotAllowedError(PolicyViolation):
    """The workflow table does not allow this event in the current status."""

    def __init__(self, paragraph: Paragraph, reason: str, current: str, event: str) -> None:
        super().__init__(
            paragraph,
            reason,
            code=Refusal.TRANSITION_NOT_ALLOWED,
            data={"current": current, "event": event},
        )
        self.current = current
        self.event = event


class FactsFormatError(ValueError):
    """A facts or options dictionary is malformed; ``field`` names the offending key."""

    code = Refusal.FACTS_FORMAT

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        # "fields", as every refusal that names fields: one reader for all of them.
        self.data: dict[str, object] = {"fields": (field,)}
