"""A case: one report, its messages, notes and attachments."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base

if TYPE_CHECKING:
    from .matter import Deadline, Matter


class Channel(StrEnum):
    PORTAL = "portal"
    ORAL = "oral"
    LETTER = "letter"
    MEETING = "meeting"
    IMPORT = "import"


class Author(StrEnum):
    REPORTER = "reporter"
    UNIT = "unit"


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_received", "status", "received"),
        Index("ix_cases_next_due", "next_due"),
        # The inbox filters by status or administration and sorts by the next deadline.
        Index("ix_cases_status_next_due", "status", "next_due"),
        Index("ix_cases_administration_next_due", "administration", "next_due"),
        # Committee summaries count cases by receipt date and join matters to it: with
        # these two, those counts read indexes only, never the wide rows with the
        # ciphertext (benchmarks/summary_bench.py).
        Index(
            "ix_cases_received_figures",
            "received",
            "id",
            "anonymous",
            "administration",
            "channel",
            "acknowledged",
            "feedback_given",
            "ack_due",
            "feedback_due",
        ),
        Index("ix_cases_id_received", "id", "received"),
        # Few cases are major (§ 24h): a partial index finds them without a scan.
        Index(
            "ix_cases_major",
            "received",
            "closed",
            sqlite_where=text("major = 1"),
            postgresql_where=text("major"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    # The case's reference in an earlier system (`wb import` is idempotent by it).
    external_reference: Mapped[str | None] = mapped_column(String(64), unique=True)
    received: Mapped[dt.date] = mapped_column()
    status: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16), default=Channel.PORTAL)
    anonymous: Mapped[bool]
    administration: Mapped[str | None] = mapped_column(String(64), index=True)
    # Receipt: lookup tag (unique) and the Argon2 parameters used, so they can be raised later.
    receipt_lookup: Mapped[bytes | None] = mapped_column(unique=True)
    receipt_kdf: Mapped[str] = mapped_column(String(64), index=True)
    # The case key, wrapped twice (unit key; receipt key) and the staff-only key.
    case_key_sealed: Mapped[bytes]
    case_key_receipt: Mapped[bytes | None]
    staff_key_sealed: Mapped[bytes]
    report: Mapped[bytes]
    identity_sealed: Mapped[bytes | None]
    # Which unit / custodian public key the keys and the identity are sealed to
    # (keyring.key_id), so a key rotation that stops half-way resumes where it was.
    unit_key_id: Mapped[str | None] = mapped_column(String(16))
    custodian_key_id: Mapped[str | None] = mapped_column(String(16))
    acknowledged: Mapped[dt.date | None]
    feedback_given: Mapped[dt.date | None]
    ack_due: Mapped[dt.date]
    feedback_due: Mapped[dt.date]
    closed: Mapped[dt.date | None]
    next_due: Mapped[dt.date | None]
    last_reporter_activity: Mapped[dt.date]
    message_count: Mapped[int] = mapped_column(default=0)
    legal_hold: Mapped[bool] = mapped_column(default=False)
    # Why the case is held (a code from records.HoldReason): plain, never free text.
    legal_hold_reason: Mapped[str | None] = mapped_column(String(32))
    # § 24b stk. 3: information suggests a reporter suffered for reporting (plain flag).
    retaliation: Mapped[bool] = mapped_column(default=False, server_default=false())
    # § 24h: a major case, which the annual report describes on its own (plain flag).
    major: Mapped[bool] = mapped_column(default=False, server_default=false())
    # New work the unit has not been told of by mail yet: a report or a reporter's message.
    # A flag, never a time: `wb notify` mails the case number and clears it.
    work_notice_pending: Mapped[bool] = mapped_column(default=False, server_default=false())
    # § 24b, stk. 1: the reporter wrote after the case closed; the inbox shows it and
    # offers reopening until staff reopen or dismiss it.
    input_after_closing: Mapped[dt.date | None]
    purged: Mapped[dt.date | None]
    assigned_staff_id: Mapped[str | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL")
    )

    messages: Mapped[list[Message]] = relationship(
        back_populates="case", order_by="Message.seq", cascade="all, delete-orphan"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="case", order_by="Note.seq", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    matters: Mapped[list[Matter]] = relationship(
        back_populates="case", order_by="Matter.seq", cascade="all, delete-orphan"
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )


class Message(Base):
    """A message between the unit and the reporter, ordered by sequence, dated by day."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    author: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    day: Mapped[dt.date]
    body: Mapped[bytes]
    read_by_unit: Mapped[bool] = mapped_column(default=False)
    # "message", "minutes" (of a report taken by staff) or "correction", and for
    # minutes the reporter's answer: pending / approved / corrected.
    kind: Mapped[str] = mapped_column(String(16), default="message", server_default="message")
    approval: Mapped[str | None] = mapped_column(String(16))
    # Which associated data the body was encrypted under (services/contexts.py): 1 binds
    # case and sequence only; 2 also author and kind. Rows from before version 2 say 1.
    ad_version: Mapped[int] = mapped_column(default=2, server_default="1")

    case: Mapped[Case] = relationship(back_populates="messages")


class Note(Base):
    """An internal note, encrypted under the case's staff key (never readable with a receipt)."""

    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32), default="note")
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    day: Mapped[dt.date]
    body: Mapped[bytes]
    # Marked final: part of the journal bundle; drafts stay out.
    final: Mapped[bool] = mapped_column(default=False, server_default=false())

    case: Mapped[Case] = relationship(back_populates="notes")


class Attachment(Base):
    """An encrypted file: its blob lives in the file store under this random id."""

    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    message_seq: Mapped[int | None]
    author: Mapped[str] = mapped_column(String(16), default=Author.REPORTER)
    day: Mapped[dt.date]
    file_key_wrapped: Mapped[bytes]
    meta: Mapped[bytes]
    ciphertext_size: Mapped[int]
    # As Message.ad_version: 2 binds author and message sequence to key and name.
    ad_version: Mapped[int] = mapped_column(default=2, server_default="1")

    case: Mapped[Case] = relationship(back_populates="attachments")


class Counter(Base):
    """Per-year case-number counters, incremented atomically by the database."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
