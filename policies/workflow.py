"""Case and matter statuses as literal transition tables (h11 style).

A refused event raises TransitionNotAllowedError and leaves the status unchanged; the
tables are the only place that says what may follow what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar, overload

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


class CaseEvent(StrEnum):
    """What happens to a case."""

    ACKNOWLEDGE = "acknowledge"
    START_TRIAGE = "start_triage"
    OPEN_INVESTIGATION = "open_investigation"
    FORWARD = "forward"
    DECLINE_24D = "decline_24d"
    RECEIVE_OUTCOME = "receive_outcome"
    CLOSE = "close"
    REOPEN = "reopen"


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


CS, CE, MS, ME = CaseStatus, CaseEvent, MatterStatus, MatterEvent

CASE_TRANSITIONS: dict[tuple[CaseStatus, CaseEvent], CaseStatus] = {
    (CS.RECEIVED, CE.ACKNOWLEDGE): CS.ACKNOWLEDGED,
    (CS.ACKNOWLEDGED, CE.START_TRIAGE): CS.IN_TRIAGE,
    (CS.IN_TRIAGE, CE.OPEN_INVESTIGATION): CS.IN_INVESTIGATION,
    (CS.IN_TRIAGE, CE.FORWARD): CS.AWAITING_INSTANCE,
    (CS.IN_TRIAGE, CE.DECLINE_24D): CS.AWAITING_ADMINISTRATION_REPORT,
    (CS.IN_TRIAGE, CE.CLOSE): CS.CLOSED,
    (CS.IN_INVESTIGATION, CE.FORWARD): CS.AWAITING_INSTANCE,
    (CS.IN_INVESTIGATION, CE.CLOSE): CS.CLOSED,
    (CS.AWAITING_INSTANCE, CE.RECEIVE_OUTCOME): CS.IN_TRIAGE,
    (CS.AWAITING_ADMINISTRATION_REPORT, CE.RECEIVE_OUTCOME): CS.IN_TRIAGE,
    (CS.CLOSED, CE.REOPEN): CS.IN_TRIAGE,
}

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
EVENT_PARAGRAPH: dict[CaseEvent | MatterEvent, P.Paragraph] = {
    CE.ACKNOWLEDGE: P.WBL_12_STK_2_NR_1,
    CE.START_TRIAGE: P.PAR_24C_STK_2,
    CE.OPEN_INVESTIGATION: P.PAR_24C_STK_5,
    CE.FORWARD: P.PAR_24C_STK_3_NR_1,
    CE.DECLINE_24D: P.PAR_24D_STK_1,
    CE.RECEIVE_OUTCOME: P.PAR_24G_STK_1,
    CE.CLOSE: P.PAR_24F_STK_1_NR_4,
    CE.REOPEN: P.PAR_24D_STK_3,
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


@overload
def may_transition(current: CaseStatus, event: CaseEvent) -> bool: ...
@overload
def may_transition(current: MatterStatus, event: MatterEvent) -> bool: ...
def may_transition(current: CaseStatus | MatterStatus, event: CaseEvent | MatterEvent) -> bool:
    """Whether the table allows ``event`` in ``current``."""
    if isinstance(current, CaseStatus) and isinstance(event, CaseEvent):
        return (current, event) in CASE_TRANSITIONS
    if isinstance(current, MatterStatus) and isinstance(event, MatterEvent):
        return (current, event) in MATTER_TRANSITIONS
    return False


@overload
def transition(current: CaseStatus, event: CaseEvent) -> CaseStatus: ...
@overload
def transition(current: MatterStatus, event: MatterEvent) -> MatterStatus: ...
def transition(
    current: CaseStatus | MatterStatus, event: CaseEvent | MatterEvent
) -> CaseStatus | MatterStatus:
    """Return the status ``event`` leads to; refuse with TransitionNotAllowedError."""
    return _transition(current, event)


def _transition(
    current: CaseStatus | MatterStatus, event: CaseEvent | MatterEvent
) -> CaseStatus | MatterStatus:
    if isinstance(current, CaseStatus) and isinstance(event, CaseEvent):
        if (current, event) in CASE_TRANSITIONS:
            return CASE_TRANSITIONS[(current, event)]
    elif isinstance(current, MatterStatus) and isinstance(event, MatterEvent):
        if (current, event) in MATTER_TRANSITIONS:
            return MATTER_TRANSITIONS[(current, event)]
    raise TransitionNotAllowedError(
        EVENT_PARAGRAPH[event],
        f"{event.value} is not allowed in status {current.value}",
        current.value,
        event.value,
    )


S = TypeVar("S", CaseStatus, MatterStatus)


@dataclass
class Lifecycle(Generic[S]):
    """A mutable holder for a status and its history; refused events change nothing."""

    status: S
    history: list[tuple[str, S]] = field(default_factory=list)

    def handle(self, event: CaseEvent | MatterEvent) -> S:
        """Apply ``event``; on refusal raise and keep status and history as they were."""
        new = _transition(self.status, event)
        assert isinstance(new, type(self.status))
        self.history.append((event.value, self.status))
        self.status = new
        return self.status
