"""Staff members, their wrapped copies of the unit keys, and server-side sessions."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Role(StrEnum):
    CASEWORKER = "caseworker"
    HEAD = "head"  # head of unit: also identity custodian and staff manager
    COMMITTEE = "committee"  # reads summaries only, never a case


class KeyName(StrEnum):
    UNIT = "unit"
    CUSTODIAN = "custodian"


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    password_salt: Mapped[bytes]
    password_kdf: Mapped[dict[str, Any]]
    verifier_hash: Mapped[bytes]
    must_change_password: Mapped[bool] = mapped_column(default=True)
    totp_secret: Mapped[bytes | None]
    totp_enrolled: Mapped[bool] = mapped_column(default=False)
    # The last TOTP time step accepted, so one code cannot be replayed (issue 6).
    totp_last_step: Mapped[int | None]
    recovery_codes: Mapped[list[str]] = mapped_column(default=list)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    created: Mapped[dt.date]
    # Single sign-on: the provider's stable identifier for this member (persistent NameID,
    # object id or `sub`), never the e-mail address; and the last day they signed in.
    sso_subject: Mapped[str | None] = mapped_column(String(256), unique=True)
    last_seen: Mapped[dt.date | None]


class WrappedKey(Base):
    """A private key wrapped for one holder: a staff member's password, or the recovery key."""

    __tablename__ = "wrapped_keys"
    __table_args__ = (UniqueConstraint("holder", "key_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "staff:<id>" or "recovery"; a string so the recovery wrap needs no fake staff row.
    holder: Mapped[str] = mapped_column(String(48))
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    key_name: Mapped[str] = mapped_column(String(16))
    wrapped: Mapped[bytes]


class LoginSession(Base):
    """A server-side session: found by the hash of the cookie's secret.

    `payload` (the unlocked key for staff, the receipt key for reporters) is
    encrypted under a key derived from that secret, so neither a stolen
    database nor a stolen cookie alone opens it (design.md § 2, Sessions).
    """

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[bytes] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), index=True
    )
    payload: Mapped[bytes]
    idle_expires: Mapped[dt.datetime]
    absolute_expires: Mapped[dt.datetime]
