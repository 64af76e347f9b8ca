"""The statute as code: scope, routing, deadlines, outcomes, workflow, retention.

Pure: stdlib and `holidays` only. Everything other packages use is re-exported here.
"""

from .deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineSettings,
    Extension,
    ExtensionKind,
    acknowledgement_deadline,
    add_months,
    administration_report_deadline,
    answer_deadline,
    as_soon_as_possible_deadline,
    deadline_for,
    feedback_deadline,
    is_working_day,
    next_working_day,
    outcome_followup_deadline,
    provisional_feedback_deadline,
)
from .decision import Decision, decide, decide_follow_ups
from .docs import render_deadlines_doc, render_decision_table, render_triage_doc
from .errors import (
    ContradictoryFactsError,
    FactsFormatError,
    MissingFactError,
    PolicyViolation,
    TransitionNotAllowedError,
)
from .facts import (
    Area,
    Category,
    CommitteeChoice,
    Exclusion,
    Gravity,
    MatterFacts,
    ReporterRelation,
    Subject,
    Threshold,
    TopOfficial,
    explain_facts_schema,
)
from .followups import DeadlineRule, FollowUp, FollowUpKind, Recipient
from .options import UnitOptions
from .outcomes import (
    ComplianceStatus,
    Consequence,
    CriticismLevel,
    Outcome,
    OutcomeRecord,
    check_outcome,
    may_notify_on_non_compliance,
)
from .paragraphs import REGISTRY, Paragraph, Source, paragraph
from .retention import RetentionClass, RetentionSettings, retention_class, retention_until
from .routing import Route, RouteDecision, decide_route
from .scope import Reason, Scope, ScopeDecision, decide_scope
from .workflow import (
    ROUTE_EVENT,
    CaseEvent,
    CaseStatus,
    Lifecycle,
    MatterEvent,
    MatterStatus,
    may_transition,
    transition,
)

__all__ = [
    "Area", "CaseEvent", "CaseStatus", "Category", "CommitteeChoice", "ComplianceStatus",
    "Consequence", "ContradictoryFactsError", "CriticismLevel", "Deadline", "DeadlineKind",
    "DeadlineRule", "DeadlineSettings", "Decision", "Exclusion", "Extension", "ExtensionKind",
    "FactsFormatError", "FollowUp", "FollowUpKind", "Gravity", "Lifecycle", "MatterEvent",
    "MatterFacts", "MatterStatus", "MissingFactError", "Outcome", "OutcomeRecord", "Paragraph",
    "PolicyViolation", "REGISTRY", "ROUTE_EVENT", "Reason", "Recipient", "ReporterRelation",
    "RetentionClass", "RetentionSettings", "Route", "RouteDecision", "Scope", "ScopeDecision",
    "Source", "Subject", "Threshold", "TopOfficial", "TransitionNotAllowedError", "UnitOptions",
    "acknowledgement_deadline", "add_months", "administration_report_deadline",
    "answer_deadline", "as_soon_as_possible_deadline", "check_outcome", "deadline_for",
    "decide", "decide_follow_ups", "decide_route", "decide_scope", "explain_facts_schema",
    "feedback_deadline", "is_working_day", "may_notify_on_non_compliance", "may_transition",
    "next_working_day", "outcome_followup_deadline", "paragraph",
    "provisional_feedback_deadline", "render_deadlines_doc", "render_decision_table",
    "render_triage_doc", "retention_class", "retention_until", "transition",
]
