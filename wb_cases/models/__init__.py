"""Typed SQLAlchemy models. Plain columns are what staff choose from fixed lists;
everything a reporter or staff member writes is ciphertext (docs/architecture.md § 2)."""

from .audit import AuditEntry
from .case import Attachment, Case, Counter, Message, Note
from .draft import Draft
from .journal import JournalEntry
from .major import MajorSummary
from .matter import Deadline, Matter
from .notices import CommitteeNotice, IdentityRequest
from .preview import Preview, PreviewPage
from .sso import SsoRequest, SsoUsedToken
from .staff import LoginSession, Staff, WrappedKey

__all__ = [
    "Attachment",
    "AuditEntry",
    "Case",
    "CommitteeNotice",
    "Counter",
    "Deadline",
    "Draft",
    "IdentityRequest",
    "JournalEntry",
    "LoginSession",
    "MajorSummary",
    "Matter",
    "Message",
    "Note",
    "Preview",
    "PreviewPage",
    "SsoRequest",
    "SsoUsedToken",
    "Staff",
    "WrappedKey",
]
