"""Matters (forhold) and deadlines: the plain fields the workflow and figures need."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Dialect, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from policies import DeadlineKind

from ..db import Base

if TYPE_CHECKING:
    from .case import Case


class Matter(Base):
    """One matter of a case, triaged on its own (docs/architecture.md § 5).

    Every column is chosen by staff from a fixed list; the free-text title and
    any override reason are encrypted under the case's staff key.
    """

    __tablename__ = "matters"
    __table_args__ = (
        UniqueConstraint("case_id", "seq"),
        # Matters closed in a period, with what the summaries count of them, from the index.
        Index("ix_matters_closed", "closed", "case_id", "scope", "route", "confirmed"),
        Index("ix_matters_route_case", "route", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    title: Mapped[bytes | None]
    status: Mapped[str] = mapped_column(String(32))
    administration: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(64))
    facts: Mapped[dict[str, Any] | None]
    decision: Mapped[dict[str, Any] | None]
    scope: Mapped[str | None] = mapped_column(String(32))
    scope_reason: Mapped[str | None] = mapped_column(String(64))
    route: Mapped[str | None] = mapped_column(String(32))
    overridden: Mapped[bool] = mapped_column(default=False)
    override_reason: Mapped[bytes | None]
    triaged: Mapped[dt.date | None]
    forwarded: Mapped[dt.date | None]
    hearing_recorded: Mapped[dt.date | None]
    outcomes: Mapped[list[str]] = mapped_column(default=list)
    confirmed: Mapped[bool | None]
    consequences: Mapped[list[str]] = mapped_column(default=list)
    major_significance: Mapped[bool] = mapped_column(default=False)
    criticism_level: Mapped[str | None] = mapped_column(String(32))
    # § 24f stk. 3: pending / followed / not_followed, for tracked recommendations.
    compliance: Mapped[str | None] = mapped_column(String(16))
    closed: Mapped[dt.date | None]

    case: Mapped[Case] = relationship(back_populates="matters")


class DeadlineKindType(TypeDecorator[DeadlineKind]):
    """A `policies.DeadlineKind` stored as its plain value; an unknown value fails loudly."""

    impl = String(48)
    cache_ok = True

    def process_bind_param(self, value: DeadlineKind | None, dialect: Dialect) -> str | None:
        return None if value is None else DeadlineKind(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> DeadlineKind | None:
        return None if value is None else DeadlineKind(value)


class Deadline(Base):
    """A dated duty on a case or matter, with the paragraph it comes from."""

    __tablename__ = "deadlines"
    __table_args__ = (Index("ix_deadlines_open_due", "done", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matters.id", ondelete="CASCADE"))
    kind: Mapped[DeadlineKind] = mapped_column(DeadlineKindType())
    due: Mapped[dt.date | None]
    as_soon_as_possible: Mapped[bool] = mapped_column(default=False)
    paragraph: Mapped[str] = mapped_column(String(64))
    done: Mapped[dt.date | None]
    # When the duty started (a § 15 request sent, a matter forwarded), the party it
    # concerns, and how many § 24g/§ 24d reminders went out: plain codes only.
    started: Mapped[dt.date | None]
    recipient: Mapped[str | None] = mapped_column(String(32))
    reminders: Mapped[int] = mapped_column(default=0, server_default="0")
    # § 15, stk. 2: the date the administration expects to answer; the due date stays.
    expected: Mapped[dt.date | None]
    # § 24b, stk. 1 ("om muligt"): why a duty towards the reporter cannot be carried out
    # (a policies.NoWayBack code; the staff's own words are an encrypted note).
    impossible: Mapped[str | None] = mapped_column(String(32))
    # The case closed with the duty undone: it ended, it was never done.
    lapsed: Mapped[dt.date | None]

    case: Mapped[Case] = relationship(back_populates="deadlines")
