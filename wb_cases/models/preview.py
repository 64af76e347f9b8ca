"""Rendered previews of attachments: page images, their text and the safe copy.

Everything here is ciphertext under the case's staff key (docs/previews.md): a
receipt code never opens a preview, and a purge removes it with its attachment.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Preview(Base):
    """One attachment's rendering: `meta` holds kind, page texts and notices as JSON."""

    __tablename__ = "previews"

    attachment_id: Mapped[str] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    meta: Mapped[bytes]
    safe_copy: Mapped[bytes | None]


class PreviewPage(Base):
    """One page image (PNG), re-encoded inside the sandbox."""

    __tablename__ = "preview_pages"

    attachment_id: Mapped[str] = mapped_column(
        ForeignKey("previews.attachment_id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    image: Mapped[bytes]
