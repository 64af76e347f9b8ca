"""Committee notices and identity requests: registered, never naming the reporter."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class CommitteeNotice(Base):
    """A notice the committee must receive (§ 24a stk. 2, § 24d, § 24f stk. 4 …).

    `kind` and `paragraph` are plain; nothing here may identify a person.
    """

    __tablename__ = "committee_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(48))
    paragraph: Mapped[str] = mapped_column(String(64))
    general_reason: Mapped[str] = mapped_column(String(64))
    queued: Mapped[dt.date]
    sent: Mapped[dt.date | None]


class IdentityRequest(Base):
    """A request for identifying information, registered whatever is decided (§ 24a stk. 2).

    `subject` says whose identity: the reporter's (the committee is told) or a person
    reported on's. An opening the unit asks for itself waits, under the four-eyes option,
    for `approved_by`; its written justification is an encrypted note on the case.
    """

    __tablename__ = "identity_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    requester_kind: Mapped[str] = mapped_column(String(32))
    basis: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    day: Mapped[dt.date]
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(24), default="reporter", server_default="reporter")
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    approved: Mapped[dt.date | None]
    # The seq of the encrypted note holding the opening's written justification.
    justification_note: Mapped[int | None]
    # Whistleblower Act § 26, stk. 3: for a disclosure outside the unit, whether the
    # reporter was told first (False: the reason it was withheld is an encrypted note).
    reporter_told: Mapped[bool | None]
