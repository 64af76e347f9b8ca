"""Single sign-on bookkeeping: requests we sent and provider answers already used.

Neither holds anything about a reporter. Rows expire with the request or the
assertion they guard and are swept (`wb_cases.services.sso.sweep`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class SsoRequest(Base):
    """A sign-in we started: a SAML request id, or an OpenID Connect `state`.

    For OpenID Connect it also keeps the nonce and the PKCE verifier until the
    provider answers; the row is taken (deleted) exactly once.
    """

    __tablename__ = "sso_requests"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    nonce: Mapped[str | None] = mapped_column(String(128))
    verifier: Mapped[str | None] = mapped_column(String(128))
    expires: Mapped[dt.datetime]


class SsoUsedToken(Base):
    """A provider answer (assertion id, ID token) that has signed someone in: never again."""

    __tablename__ = "sso_used_tokens"

    token_id: Mapped[str] = mapped_column(String(256), primary_key=True)
    expires: Mapped[dt.datetime]
