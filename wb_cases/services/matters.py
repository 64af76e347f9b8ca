"""A matter and its case's status: load it, move it, keep the case's status in step.

Matter statuses move only through `policies.transition` (a refused event changes
nothing); the case's status is `policies.case_status`, read off its matters.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

import policies
from policies import MatterEvent, MatterStatus

from ..errors import NotFoundError
from ..models import Case, Matter


def load_matter(session: Session, matter_id: int) -> Matter:
    """The matter, unless it or its case is gone (purged)."""
    matter = session.get(Matter, matter_id)
    if matter is None or matter.case.purged is not None:
        raise NotFoundError("no such matter")
    return matter


def cite(citation: str) -> str:
    """A registered paragraph's citation (KeyError for a typo: nothing cites by hand)."""
    return policies.paragraph(citation).cite()


def move_matter(matter: Matter, event: MatterEvent) -> None:
    """Apply a matter event through the transition table (refused events raise)."""
    matter.status = str(policies.transition(MatterStatus(matter.status), event))


def sync_case_status(case: Case) -> None:
    """Store the case's status as `policies.case_status` derives it from its matters."""
    case.status = str(
        policies.case_status(
            acknowledged=case.acknowledged is not None,
            closed=case.closed is not None,
            matters=[MatterStatus(m.status) for m in case.matters],
        )
    )
