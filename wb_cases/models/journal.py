"""Journal references: which case document was journalised in the ESDH system (issue 9).

Plain fields only (a document reference such as ``message-3``, a fixed description code,
the day and the ESDH reference), so the list survives the case's deletion.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class JournalEntry(Base):
    __tablename__ = "journal_entries"
    __table_args__ = (UniqueConstraint("case_id", "document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(64))
    document_day: Mapped[dt.date]
    journal_ref: Mapped[str] = mapped_column(String(64))
    day: Mapped[dt.date]
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
