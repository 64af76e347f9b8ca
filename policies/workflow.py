"""Matter statuses as a literal transition table; the case status derived from them.

A refused matter event raises TransitionNotAllowedError and leaves the status unchanged;
MATTER_TRANSITIONS is the only place that says what may follow what. A case has no
events of its own: `case_status` reads its status off the acknowledgement, the closing
and its matters, and is what the case file stores.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from . import paragraphs as P
from .errors import TransitionNotAllowedError
from .routing import Route


class CaseStatus(StrEnum):
    """A report's status (one case may hold several matters)."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_TRIAGE = "in_triage"
    IN_INVESTIGATION = "in_investigation"
    AWAITING_INSTANCE = "awaiting_instance"
    AWAITING_ADMINISTRATION_REPORT = "awaiting_administration_report"
    CLOSED = "closed"


class MatterStatus(StrEnum):
    """One matter's status."""

    UNTRIAGED = "untriaged"
    IN_INVESTIGATION = "in_investigation"
    AWAITING_INSTANCE = "awaiting_instance"
    AWAITING_ADMINISTRATION_REPORT = "awaiting_administration_report"
    OUTCOME_RECORDED = "outcome_recorded"
    CLOSED = "closed"


class MatterEvent(StrEnum):
    """What happens to a matter."""

    REJECT = "reject"
    DECLINE_24D = "decline_24d"
    OPEN_INVESTIGATION = "open_investigation"
    FORWARD = "forward"
    CLOSE_WITHOUT_INVESTIGATION = "close_without_investigation"
    RECORD_OUTCOME = "record_outcome"
    CLOSE = "close"
    REOPEN = "reopen"


MS, ME = MatterStatus, MatterEvent

MATTER_TRANSITIONS: dict[tuple[MatterStatus, MatterEvent], MatterStatus] = {
    (MS.UNTRIAGED, ME.REJECT): MS.CLOSED,
    (MS.UNTRIAGED, ME.DECLINE_24D): MS.AWAITING_ADMINISTRATION_REPORT,
    (MS.UNTRIAGED, ME.OPEN_INVESTIGATION): MS.IN_INVESTIGATION,
    (MS.UNTRIAGED, ME.FORWARD): MS.AWAITING_INSTANCE,
    (MS.UNTRIAGED, ME.CLOSE_WITHOUT_INVESTIGATION): MS.CLOSED,
    (MS.IN_INVESTIGATION, ME.FORWARD): MS.AWAITING_INSTANCE,
    (MS.IN_INVESTIGATION, ME.RECORD_OUTCOME): MS.OUTCOME_RECORDED,
    (MS.AWAITING_INSTANCE, ME.RECORD_OUTCOME): MS.OUTCOME_RECORDED,
    (MS.AWAITING_ADMINISTRATION_REPORT, ME.RECORD_OUTCOME): MS.OUTCOME_RECORDED,
    (MS.OUTCOME_RECORDED, ME.CLOSE): MS.CLOSED,
    (MS.CLOSED, ME.REOPEN): MS.UNTRIAGED,
}

#: The paragraph a refusal cites: the rule the event would carry out.
EVENT_PARAGRAPH: dict[MatterEvent, P.Paragraph] = {
    ME.REJECT: P.PAR_24C_STK_1,
    ME.DECLINE_24D: P.PAR_24D_STK_1,
    ME.OPEN_INVESTIGATION: P.PAR_24C_STK_5,
    ME.FORWARD: P.PAR_24C_STK_3_NR_1,
    ME.CLOSE_WITHOUT_INVESTIGATION: P.PAR_24C_STK_2,
    ME.RECORD_OUTCOME: P.PAR_24G_STK_1,
    ME.CLOSE: P.PAR_24F_STK_1_NR_4,
    ME.REOPEN: P.PAR_24D_STK_3,
}

#: The matter event that carries out a triage decision's route.
ROUTE_EVENT: dict[Route, MatterEvent] = {
    Route.OWN_INVESTIGATION: ME.OPEN_INVESTIGATION,
    Route.INTERNAL_AUDIT: ME.FORWARD,
    Route.DIRECTORATE: ME.FORWARD,
    Route.MAYOR: ME.FORWARD,
    Route.EXTERNAL_INVESTIGATION: ME.FORWARD,
    Route.WORK_ENVIRONMENT_PROCEDURE: ME.FORWARD,
    Route.CLOSE_ON_VOUCHING: ME.CLOSE_WITHOUT_INVESTIGATION,
    Route.CLOSE_NOT_GRAVE: ME.CLOSE_WITHOUT_INVESTIGATION,
    Route.CLOSE_NOT_DOCUMENTABLE: ME.CLOSE_WITHOUT_INVESTIGATION,
    Route.REJECT_WITH_FEEDBACK: ME.REJECT,
    Route.FILE_WITHOUT_MORE: ME.REJECT,
    Route.DECLINED_24D: ME.DECLINE_24D,
}


def may_transition(current: MatterStatus, event: MatterEvent) -> bool:
    """Whether the table allows ``event`` in ``current``."""
    return (current, event) in MATTER_TRANSITIONS


def transition(current: MatterStatus, event: MatterEvent) -> MatterStatus:
    """Return the status ``event`` leads to; refuse with TransitionNotAllowedError."""
    if (current, event) in MATTER_TRANSITIONS:
        return MATTER_TRANSITIONS[(current, event)]
    raise TransitionNotAllowedError(
        EVENT_PARAGRAPH[event],
        f"{event.value} is not allowed in status {current.value}",
        current.value,
        event.value,
    )


#: A case's status read off its matters: the first matter status present decides (a
#: matter under investigation outweighs one awaiting an instance, and so on).
CASE_STATUS_FROM_MATTERS: tuple[tuple[MatterStatus, CaseStatus], ...] = (
    (MS.IN_INVESTIGATION, CaseStatus.IN_INVESTIGATION),
    (MS.AWAITING_INSTANCE, CaseStatus.AWAITING_INSTANCE),
    (MS.AWAITING_ADMINISTRATION_REPORT, CaseStatus.AWAITING_ADMINISTRATION_REPORT),
)


def case_status(*, acknowledged: bool, closed: bool, matters: Iterable[MatterStatus]) -> CaseStatus:
    """The case's status, derived from its acknowledgement, its closing and its matters.

    Closed wins; before the acknowledgement (whistleblowerloven § 12, stk. 2, nr. 1) the
    case is received; then the busiest matter decides (CASE_STATUS_FROM_MATTERS); with no
    matter triaged yet it is acknowledged, otherwise in triage (§ 24c, stk. 2).
    """
    if closed:
        return CaseStatus.CLOSED
    if not acknowledged:
        return CaseStatus.RECEIVED
    present = set(matters)
    for wanted, result in CASE_STATUS_FROM_MATTERS:
        if wanted in present:
            return result
    if present <= {MS.UNTRIAGED}:
        return CaseStatus.ACKNOWLEDGED
    return CaseStatus.IN_TRIAGE


@dataclass
class Lifecycle:
    """A mutable holder for a matter's status and its history; refused events change nothing."""

    status: MatterStatus
    history: list[tuple[str, MatterStatus]] = field(default_factory=list)

    def handle(self, event: MatterEvent) -> MatterStatus:
        """Apply ``event``; on refusal raise and keep status and history as they were."""
        new = transition(self.status, event)
        self.history.append((event.value, self.status))
        self.status = new
        return self.status
