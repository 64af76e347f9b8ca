"""A major case's summary text for the annual report (§ 24h, stk. 2; docs/summaries.md).

The draft is staff-written free text, so it is encrypted under the case's staff
key like a note. The published text is plain on purpose: a head of unit has
approved it for the committee after the discretion review
(`policies.publication`), and the summaries must show it without any key. The
audit entry of the approval holds its SHA-256, so a later edit of `published`
in the database is detected when a summary is built.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

# The audit action of a head's approval; its detail holds the text's "sha256".
APPROVED_ACTION = "major_summary.approved"
# The audit action of a head's withdrawal: the committee no longer gets the text.
WITHDRAWN_ACTION = "major_summary.withdrawn"


class MajorSummary(Base):
    __tablename__ = "major_summaries"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    draft: Mapped[bytes | None]  # under the staff key (contexts.major_summary_draft)
    draft_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    draft_day: Mapped[dt.date | None]
    published: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    approved_day: Mapped[dt.date | None]
    # The audit entry that recorded the approval and the text's SHA-256.
    approved_seq: Mapped[int | None]
