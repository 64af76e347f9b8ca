"""Duties towards the reporter: § 24b "om muligt", closing, and input after closing.

§ 24b, stk. 1 gives the reporter information on rights, procedure, status and outcome "om
muligt" (if possible). A report with no way back (an anonymous reporter who never returns,
a letter with no address) makes the acknowledgement and feedback *impossible*, which is
recorded with its reason; it is not the same as *overdue*. A case cannot close while such
feedback is owed, and closing never marks an undone duty as done: what is left open ends
*lapsed*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from . import paragraphs as P
from .deadlines import DeadlineKind
from .errors import PolicyViolation, Refusal
from .followups import FollowUpKind


class NoWayBack(StrEnum):
    """Why a duty towards the reporter cannot be carried out (§ 24b, stk. 1, "om muligt")."""

    ANONYMOUS_NOT_RETURNED = "anonymous_not_returned"  # no receipt code use since the report
    NO_ADDRESS = "no_address"  # a letter or call that left no way to answer
    CONTACT_DECLINED = "contact_declined"  # the reporter asked not to be contacted


class DutyState(StrEnum):
    """Where one duty stands."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    IMPOSSIBLE = "impossible"  # recorded with a NoWayBack reason: never overdue
    LAPSED = "lapsed"  # ended undone when the case closed: never counted as done


#: Duties owed to the reporter, by the deadline kind the services store them under.
REPORTER_DUTY_KINDS: frozenset[str] = frozenset(
    {
        DeadlineKind.ACKNOWLEDGEMENT.value,
        DeadlineKind.PROVISIONAL_FEEDBACK.value,
        DeadlineKind.FEEDBACK.value,
        FollowUpKind.REPORTER_FEEDBACK.value,
        FollowUpKind.REJECTION_FEEDBACK.value,
        FollowUpKind.CLOSING_FEEDBACK.value,
    }
)


def duty_state(
    due: date | None,
    today: date,
    *,
    done: date | None = None,
    impossible: bool = False,
    lapsed: bool = False,
) -> DutyState:
    """§ 24b, stk. 1: a recorded impossibility is its own state, never overdue."""
    if done is not None:
        return DutyState.DONE
    if impossible:
        return DutyState.IMPOSSIBLE
    if lapsed:
        return DutyState.LAPSED
    if due is not None and today > due:
        return DutyState.OVERDUE
    return DutyState.OPEN


def check_impossibility(kind: str, reason: NoWayBack | None) -> P.Paragraph:
    """§ 24b, stk. 1: only a duty towards the reporter can be impossible, and only with a
    reason; returns the paragraph the record cites."""
    if kind not in REPORTER_DUTY_KINDS:
        raise PolicyViolation(
            P.PAR_24B_STK_1,
            f"only a duty towards the reporter can be impossible, not {kind}",
            code=Refusal.NOT_A_REPORTER_DUTY,
            data={"kind": kind},
        )
    if reason is None:
        raise PolicyViolation(
            P.PAR_24B_STK_1,
            "record why the reporter cannot be reached",
            code=Refusal.NO_WAY_BACK_REASON_MISSING,
        )
    return P.PAR_24B_STK_1


@dataclass(frozen=True)
class OpenDuty:
    """A duty still open when someone asks to close the case."""

    kind: str
    impossible: bool = False


@dataclass(frozen=True)
class ClosingCheck:
    """What closing does to the duties still open: they lapse, none becomes done."""

    lapsed: tuple[str, ...]


def check_closing(open_duties: Iterable[OpenDuty]) -> ClosingCheck:
    """Whistleblower Act § 12, stk. 2, nr. 3 and § 24b, stk. 1: refuse to close while feedback
    to the reporter is owed and not recorded as impossible; everything else still open lapses
    (it is not marked done)."""
    duties = list(open_duties)
    owed = sorted({d.kind for d in duties if d.kind in REPORTER_DUTY_KINDS and not d.impossible})
    if owed:
        raise PolicyViolation(
            P.PAR_24B_STK_1,
            "feedback to the reporter is owed: send it or record why it is impossible "
            f"({', '.join(owed)})",
            code=Refusal.FEEDBACK_OWED,
            data={"kinds": tuple(owed)},
        )
    return ClosingCheck(tuple(d.kind for d in duties if not d.impossible))


@dataclass(frozen=True)
class ReporterInput:
    """What a reporter's message does to the case it arrives on."""

    flag_case: bool  # the inbox shows the case as having new input
    offer_reopening: bool  # staff are offered to reopen it
    paragraph: P.Paragraph


def on_reporter_input(case_closed: bool) -> ReporterInput:
    """§ 24b, stk. 1: a reporter who writes is owed status on the handling, so input on a
    closed case flags it and offers reopening; on an open case it just flags it."""
    return ReporterInput(flag_case=True, offer_reopening=case_closed, paragraph=P.PAR_24B_STK_1)
