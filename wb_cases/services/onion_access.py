"""Members' keys for the back office's onion service: issued and withdrawn by a head, audited.

The key files live in the data directory (wb_cases/onion.py); the audit log records
who issued or withdrew a member's key, never the key.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from .. import onion
from . import audit


def staff_onion_enabled(paths: onion.OnionPaths) -> bool:
    """True when the back office is published as an onion service here."""
    return onion.address(paths.staff) is not None


def issue_key(
    session: Session, paths: onion.OnionPaths, member_id: str, *, staff_id: str, today: dt.date
) -> str:
    """Issue (or replace) a member's key; return the line for their Tor Browser, shown once."""
    line = onion.issue_client_key(paths, member_id)
    audit.record_action(session, staff_id, "onion.key_issued", today, detail={"staff": member_id})
    return line


def revoke_key(
    session: Session, paths: onion.OnionPaths, member_id: str, *, staff_id: str, today: dt.date
) -> bool:
    """Withdraw a member's key (on removal, too); True when they held one."""
    revoked = onion.revoke_client_key(paths, member_id)
    if revoked:
        audit.record_action(
            session, staff_id, "onion.key_revoked", today, detail={"staff": member_id}
        )
    return revoked
