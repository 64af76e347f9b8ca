"""A matter and its case's status: load it, move it, keep the case's status in step.

Matter statuses move only through `policies.transition` (a refused event changes
nothing); the case's status is `policies.case_status`, read off its matters.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class MatterRef:
    """Where a matter sits: its case and its number there. An act on a matter returns it,
    so the page it came from links back without loading the matter again."""

    case_id: str
    seq: int

    @property
    def anchor(self) -> str:
        """The matter's place on the case page."""
        return f"matter-{self.seq}"


def matter_ref(matter: Matter) -> MatterRef:
    return MatterRef(matter.case_id, matter.seq)


def find_matter(session: Session, matter_id: int) -> MatterRef:
    """Where the matter sits, for a page that links back without acting (NotFoundError as
    `load_matter`)."""
    return matter_ref(load_matter(session, matter_id))


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
