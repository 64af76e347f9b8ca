"""Typed SQLAlchemy models. Plain columns are what staff choose from fixed lists;
everything a reporter or staff member writes is ciphertext (design.md § 2)."""

from .audit import AuditEntry
from .case import Attachment, Case, Counter, Message, Note
from .draft import Draft
from .journal import JournalEntry
from .matter import Deadline, Matter
from .notices import CommitteeNotice, IdentityRequest
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
    "Matter",
    "Message",
    "Note",
    "SsoRequest",
    "SsoUsedToken",
    "Staff",
    "WrappedKey",
]
