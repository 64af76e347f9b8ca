"""Who may sign in through the identity provider, and the once-only bookkeeping around it.

The provider proves who a member is; it never grants membership or a role (both are
set by a head of unit in the back office) and it never unlocks a key (the member's own
key passphrase does, `staff_auth.log_in(..., provider_verified=True)`). Its groups can
only narrow access: a member outside the required group cannot sign in (docs/sso.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..clock import now
from ..models import SsoRequest, SsoUsedToken, Staff
from ..sso import ProviderIdentity, SsoRefused, SsoSettings
from . import audit

REQUEST_LIFETIME = dt.timedelta(minutes=10)


def remember_request(
    session: Session,
    request_id: str,
    *,
    nonce: str | None = None,
    verifier: str | None = None,
    moment: dt.datetime | None = None,
) -> None:
    """Record a sign-in we started, so only its answer is accepted (no unsolicited answers).

    Expired rows are swept here: a sign-in is rare enough, and nothing else needs them.
    """
    moment = moment or now()
    sweep(session, moment)
    session.add(
        SsoRequest(id=request_id, nonce=nonce, verifier=verifier, expires=moment + REQUEST_LIFETIME)
    )
    session.flush()


def open_requests(session: Session, moment: dt.datetime | None = None) -> list[str]:
    """Request ids still waiting for an answer."""
    moment = moment or now()
    return list(session.scalars(select(SsoRequest.id).where(SsoRequest.expires > moment)))


def take_request(
    session: Session, request_id: str, moment: dt.datetime | None = None
) -> tuple[str | None, str | None] | None:
    """Use up a sign-in request exactly once, also under parallel answers: one DELETE decides.

    Returns its (nonce, PKCE verifier), or None when it is unknown, expired or already used.
    """
    moment = moment or now()
    row = session.execute(
        delete(SsoRequest)
        .where(SsoRequest.id == request_id, SsoRequest.expires > moment)
        .returning(SsoRequest.nonce, SsoRequest.verifier)
    ).first()
    return None if row is None else (row[0], row[1])


def admit(
    session: Session,
    identity: ProviderIdentity,
    settings: SsoSettings,
    *,
    today: dt.date,
) -> Staff:
    """The member this verified answer signs in, or SsoRefused (`record_refusal` audits it)."""
    _consume(session, identity)
    member = session.scalar(select(Staff).where(Staff.sso_subject == identity.subject))
    if member is None or not member.active:
        raise SsoRefused("unknown_member")
    if settings.required_group and settings.required_group not in identity.groups:
        raise SsoRefused("not_in_group")
    member.last_seen = today
    session.flush()
    audit.record_action(
        session, member.id, "login.provider", today, detail={"method": settings.method}
    )
    return member


def record_refusal(session: Session, refused: SsoRefused, *, today: dt.date) -> None:
    """Audit a refused provider answer (in its own transaction: the sign-in's rolled back)."""
    audit.record_action(
        session, "sso", "login.provider_refused", today, detail={"reason": refused.reason}
    )


def _consume(session: Session, identity: ProviderIdentity) -> None:
    """Record the answer as used; a second use — even in parallel — is a replay."""
    try:
        with session.begin_nested():
            session.add(SsoUsedToken(token_id=identity.token_id, expires=identity.expires))
    except IntegrityError:
        raise SsoRefused("replayed") from None


def sweep(session: Session, moment: dt.datetime | None = None) -> int:
    """Delete expired requests and used-answer records (their answers can no longer be valid)."""
    moment = moment or now()
    gone = session.execute(delete(SsoRequest).where(SsoRequest.expires <= moment)).rowcount  # type: ignore[attr-defined]
    gone += session.execute(delete(SsoUsedToken).where(SsoUsedToken.expires <= moment)).rowcount  # type: ignore[attr-defined]
    return int(gone)


def inactive_members(session: Session, settings: SsoSettings, today: dt.date) -> list[Staff]:
    """Active members not seen for `inactive_days`: leavers the directory may have missed."""
    cutoff = today - dt.timedelta(days=settings.inactive_days)
    return list(
        session.scalars(
            select(Staff)
            .where(Staff.active.is_(True))
            .where(
                (Staff.last_seen.is_(None) & (Staff.created <= cutoff))
                | (Staff.last_seen <= cutoff)
            )
            .order_by(Staff.username)
        )
    )
