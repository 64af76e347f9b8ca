"""Errors raised by the policies: each carries the paragraph it enforces."""

from __future__ import annotations

from .paragraphs import Paragraph


class PolicyViolation(Exception):
    """A statute rule refuses an act; ``paragraph`` says which rule, ``reason`` why."""

    def __init__(self, paragraph: Paragraph, reason: str) -> None:
        super().__init__(f"{paragraph.cite()}: {reason}")
        self.paragraph = paragraph
        self.reason = reason


class ContradictoryFactsError(PolicyViolation, ValueError):
    """The recorded facts conflict (or a needed choice is missing); ``fields`` names them."""

    def __init__(self, paragraph: Paragraph, reason: str, fields: tuple[str, ...]) -> None:
        super().__init__(paragraph, f"{reason} [fields: {', '.join(fields)}]")
        self.reason = reason
        self.fields = fields


class MissingFactError(ContradictoryFactsError):
    """A fact or caseworker's choice the statute needs on this path was not recorded."""


class TransitionNotAllowedError(PolicyViolation):
    """The workflow table does not allow this event in the current status."""

    def __init__(self, paragraph: Paragraph, reason: str, current: str, event: str) -> None:
        super().__init__(paragraph, reason)
        self.current = current
        self.event = event


class FactsFormatError(ValueError):
    """A facts or options dictionary is malformed; ``field`` names the offending key."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
