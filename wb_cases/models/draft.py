"""A report that has not been sent yet: its staged files' keys, sealed like a session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Draft(Base):
    """Found by the hash of the draft cookie's secret; `payload` (the staged files' keys,
    names and cleaning results) is encrypted under a key derived from that secret.

    `blobs` names the staged files (random ids, no content), so an expired draft
    can be swept without its secret. `expires` is rounded up to 15 minutes: the
    row keeps no exact time of the visit.
    """

    __tablename__ = "report_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[bytes] = mapped_column(unique=True)
    payload: Mapped[bytes]
    blobs: Mapped[str] = mapped_column(Text)
    expires: Mapped[dt.datetime] = mapped_column(index=True)
