"""Identity: whose identity a request is about, and what opening or disclosing one needs.

§ 24a, stk. 2 asks for the greatest possible discretion and tells the committee of every
request for information identifying *reporters*; a request about persons reported on is
registered but is not such a request. Opening an identity needs a written justification,
and, with the unit's four-eyes option, a second head's approval. Before an identity leaves
the unit the reporter is told, unless that would jeopardise the investigation
(Whistleblower Act § 26, stk. 3), and then the reason is recorded.
"""

from __future__ import annotations

from enum import StrEnum

from . import paragraphs as P
from .errors import PolicyViolation, Refusal
from .followups import DeadlineRule, FollowUp, FollowUpKind, Recipient
from .options import UnitOptions


class IdentitySubject(StrEnum):
    """Whose identity a request is about."""

    REPORTER = "reporter"  # § 24a, stk. 2: the committee is told
    PERSON_REPORTED_ON = "person_reported_on"  # registered only


#: What the § 24a, stk. 2 committee notice says: that a request was made, when, and the
#: paragraph. Not who asked, why, what was decided, or whose identity it is.
COMMITTEE_NOTICE_FIELDS: tuple[str, ...] = ("kind", "paragraph", "queued")


def identity_request_follow_ups(subject: IdentitySubject) -> tuple[FollowUp, ...]:
    """§ 24a, stk. 2: only a request about a reporter's identity queues the committee notice."""
    if subject is not IdentitySubject.REPORTER:
        return ()
    return (
        FollowUp(
            FollowUpKind.COMMITTEE_NOTICE_IDENTITY_REQUEST,
            P.PAR_24A_STK_2,
            DeadlineRule.NEXT_COMMITTEE_BATCH,
            Recipient.COMMITTEE,
        ),
    )


def needs_second_head(options: UnitOptions) -> bool:
    """Whether opening an identity waits for a second head of unit (four eyes)."""
    return options.identity_four_eyes


def check_justification(justification: str) -> None:
    """§ 24a, stk. 2 ("størst mulig diskretion"): an opening is asked for in writing."""
    if not justification.strip():
        raise PolicyViolation(
            P.PAR_24A_STK_2,
            "write why the identity must be opened",
            code=Refusal.IDENTITY_JUSTIFICATION_MISSING,
        )


def check_opening(
    justification: str,
    *,
    requested_by: str,
    approved_by: str | None,
    options: UnitOptions,
) -> None:
    """§ 24a, stk. 2 ("størst mulig diskretion"): opening needs a written justification and,
    with the four-eyes option, another head's approval than the one who asked."""
    check_justification(justification)
    if not needs_second_head(options):
        return
    if approved_by is None:
        raise PolicyViolation(
            P.PAR_24A_STK_2,
            "a second head of unit must approve the opening",
            code=Refusal.SECOND_APPROVAL_MISSING,
        )
    if approved_by == requested_by:
        raise PolicyViolation(
            P.PAR_24A_STK_2,
            "the second approval must come from another head of unit",
            code=Refusal.SECOND_APPROVAL_SAME_HEAD,
        )


def check_disclosure(*, reporter_told: bool, withheld_reason: str) -> P.Paragraph:
    """Whistleblower Act § 26, stk. 3: before an identity is disclosed outside the unit the
    reporter is told, unless that would jeopardise the investigation; then the reason is
    recorded. Returns the paragraph the record cites."""
    if reporter_told:
        return P.WBL_26_STK_3
    if not withheld_reason.strip():
        raise PolicyViolation(
            P.WBL_26_STK_3,
            "tell the reporter first, or record why telling them would jeopardise the "
            "investigation",
            code=Refusal.DISCLOSURE_REASON_MISSING,
        )
    return P.WBL_26_STK_3
