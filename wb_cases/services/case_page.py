"""The case page and downloads for staff: read once, decrypt, and record that it was read.

The back office's views only parse and render; everything the page shows is gathered
here from one load of the case, and every read leaves an audit entry (the caller
commits it with the view's transaction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from policies import MatterStatus

from ..errors import NotFoundError
from ..models import Attachment, Case, Deadline, IdentityRequest, Matter, Staff
from ..storage import FileStore
from . import audit
from .attachments import Download, describe, stream_attachment
from .casefile import CaseFile, case_file_of, case_key_for_staff, load_case, staff_key_for_staff
from .keyring import UnlockedKeys
from .triage import read_matter_text


@dataclass(frozen=True)
class CasePage:
    """Everything the case page shows, decrypted for a caseworker or head of unit."""

    file: CaseFile
    row: Case
    matters: list[tuple[Matter, dict[str, str]]]
    deadlines: list[Deadline]  # open first, then by due date
    names: dict[str, str]  # staff id -> display name
    identity_requests: list[IdentityRequest]


@dataclass(frozen=True)
class NextStep:
    """The one thing the case needs now, for the header's primary action.

    `kind` is acknowledge, split, triage, outcome, close, reopen or none; `anchor` is the
    section of the case page where it is done, `matter_id` the matter to triage.
    """

    kind: str
    anchor: str
    matter_id: int | None = None


def next_step(case: Case) -> NextStep:
    """Acknowledge → split into matters → triage each → record outcomes → close; a closed
    case the reporter wrote to again asks to be reopened or kept closed (§ 24b, stk. 1)."""
    if case.input_after_closing is not None:
        return NextStep("reopen", "input-after-closing")
    if case.closed is not None:
        return NextStep("none", "report")
    if case.acknowledged is None:
        return NextStep("acknowledge", "acknowledge")
    if not case.matters:
        return NextStep("split", "matters")
    untriaged = [m for m in case.matters if m.status == MatterStatus.UNTRIAGED]
    if untriaged:
        return NextStep("triage", "matters", untriaged[0].id)
    if all(m.status == MatterStatus.CLOSED for m in case.matters):
        return NextStep("close", "close")
    return NextStep("outcome", "matters")


def read_case_page(
    session: Session, keys: UnlockedKeys | None, case_id: str, *, staff_id: str, today: dt.date
) -> CasePage:
    """Load and decrypt the case once for its page, and record that ``staff_id`` viewed it."""
    case = load_case(session, case_id)
    case_file = case_file_of(case, keys)
    staff_key = staff_key_for_staff(case, keys)
    page = CasePage(
        file=case_file,
        row=case,
        matters=[(m, read_matter_text(case.id, m, staff_key)) for m in case.matters],
        deadlines=sorted(case.deadlines, key=lambda d: (d.done is not None, d.due or today)),
        names={s.id: s.display_name for s in session.scalars(select(Staff))},
        identity_requests=list(
            session.scalars(
                select(IdentityRequest)
                .where(IdentityRequest.case_id == case.id)
                .order_by(IdentityRequest.id)
            )
        ),
    )
    audit.record_action(session, staff_id, "case.viewed", today, case_id=case.id)
    return page


def open_attachment(
    session: Session,
    file_store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    file_id: str,
    *,
    staff_id: str,
    today: dt.date,
) -> Download:
    """Decrypt one of the case's attachments for download, and record who downloaded it."""
    case = load_case(session, case_id)
    row = session.get(Attachment, file_id)
    if row is None or row.case_id != case.id:
        raise NotFoundError("no such file")
    case_key = case_key_for_staff(case, keys)
    name = describe(row, case_key).name
    audit.record_action(
        session,
        staff_id,
        "attachment.downloaded",
        today,
        case_id=case.id,
        detail={"file": row.id},
    )
    return Download(name, stream_attachment(file_store, row, case_key))


def deadline_of_case(session: Session, case_id: str, deadline_id: int) -> Deadline:
    """The deadline, if it belongs to this case (a form for another case is refused)."""
    row = session.get(Deadline, deadline_id)
    if row is None or row.case_id != case_id:
        raise NotFoundError("no such deadline")
    return row
