"""Follow-ups a decision or an outcome creates: what must be done, for whom, by which rule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .paragraphs import Paragraph


class FollowUpKind(StrEnum):
    """What must be done."""

    ACKNOWLEDGE_RECEIPT = "acknowledge_receipt"
    UNION_REPRESENTATIVE_INFO = "union_representative_info"
    REPORTER_FEEDBACK = "reporter_feedback"
    REJECTION_FEEDBACK = "rejection_feedback"
    CLOSING_FEEDBACK = "closing_feedback"
    REQUEST_ADMINISTRATION_STATEMENT = "request_administration_statement"
    AWAIT_INSTANCE_OUTCOME = "await_instance_outcome"
    AWAIT_ADMINISTRATION_REPORT = "await_administration_report"
    COMMITTEE_NOTICE_24D_DECLINE = "committee_notice_24d_decline"
    COMMITTEE_NOTICE_24D_ACCOUNT = "committee_notice_24d_account"
    RETALIATION_NOTICE = "retaliation_notice"
    COMMITTEE_NOTICE_IDENTITY_REQUEST = "committee_notice_identity_request"
    COMMITTEE_NOTICE_MAJOR_SIGNIFICANCE = "committee_notice_major_significance"
    RECOMMENDATION_COMPLIANCE = "recommendation_compliance"


class DeadlineRule(StrEnum):
    """How the follow-up's due date is computed (policies.deadlines.deadline_for)."""

    ACKNOWLEDGEMENT_7_DAYS = "acknowledgement_7_days"  # from receipt
    FEEDBACK_3_MONTHS = "feedback_3_months"  # from acknowledgement
    ANSWER_3_WEEKS = "answer_3_weeks"  # from the request (§ 15; longer if the unit sets it)
    OUTCOME_REMINDER = "outcome_reminder"  # from forwarding; repeats (DeadlineSettings)
    AS_SOON_AS_POSSIBLE = "as_soon_as_possible"  # "snarest (muligt)": flagged, internal target
    NEXT_COMMITTEE_BATCH = "next_committee_batch"  # with the next information to the committee
    ON_EVENT = "on_event"  # when something arrives (e.g. the § 24d account); no date


class Recipient(StrEnum):
    """Who the follow-up is addressed to (or awaited from)."""

    REPORTER = "reporter"
    ADMINISTRATION = "administration"
    INTERNAL_AUDIT = "internal_audit"
    DIRECTORATE = "directorate"
    MAYOR = "mayor"
    EXTERNAL_INVESTIGATOR = "external_investigator"
    WORK_ENVIRONMENT_PROCEDURE = "work_environment_procedure"
    COMMITTEE = "committee"  # Borgerrådgiverudvalget


@dataclass(frozen=True)
class FollowUp:
    """One obligation with its legal source and deadline rule."""

    kind: FollowUpKind
    paragraph: Paragraph
    rule: DeadlineRule
    recipient: Recipient

    @property
    def as_soon_as_possible(self) -> bool:
        """Whether the statute says "snarest (muligt)" rather than a number of days."""
        return self.rule is DeadlineRule.AS_SOON_AS_POSSIBLE

    def to_dict(self) -> dict[str, object]:
        """Render as a JSON-safe dict, the paragraph as its citation."""
        return {
            "kind": self.kind.value,
            "paragraph": self.paragraph.cite(),
            "rule": self.rule.value,
            "recipient": self.recipient.value,
            "as_soon_as_possible": self.as_soon_as_possible,
        }
