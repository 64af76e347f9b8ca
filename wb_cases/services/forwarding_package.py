"""Forwarding packages for § 24c stk. 3 and § 24f stk. 1 nr. 2 hand-overs (issue 9).

The chosen documents are rendered or decrypted in memory, cleaned of hidden
information by the sanitizer subprocess (`sanitize.clean_staged`, design.md § 3:
"forwarding packages strip again"), renamed (``01-indberetning.pdf``, ``02-bilag.jpg``)
and zipped with no entry times, with a cover letter from a template. The letter is
kept as a final note (an outgoing letter in the journal bundle); the act is audited;
the § 24g follow-up deadline starts from the package's day.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.orm import Session

import crypto
import policies

from ..errors import WorkflowError
from ..models import Matter, Note
from ..storage import FileStore, StagedFile, stream_context
from . import audit, casefile, deadlines, journal, pdfa
from .attachments import stream_attachment
from .journal_bundle import BundleFile, zip_files
from .keyring import UnlockedKeys
from .matters import load_matter
from .sanitize import clean_staged, detect_kind

LIMIT = 256 * 1024 * 1024
EXTENSIONS = {"jpeg": "jpg", "png": "png", "pdf": "pdf"}


class Recipient(StrEnum):
    INTERNAL_AUDIT = "internal_audit"
    DIRECTORATE = "directorate"


RECIPIENT_NAMES = {
    Recipient.INTERNAL_AUDIT: "Intern Revision",
    Recipient.DIRECTORATE: "Den ansvarlige direktion",
}


class ForwardingError(WorkflowError):
    """The package cannot be made (matter not forwarded, unknown document, uncleanable file)."""


@dataclass(frozen=True)
class ForwardingPackage:
    filename: str
    data: bytes
    names: tuple[str, ...]
    paragraph: str


def forwarding_basis(matter: Matter) -> tuple[str, Recipient]:
    """§ 24c stk. 3 nr. 1 (finance → Internal Audit), nr. 2 (employment → directorate), or a
    transfer with recommendation after an own investigation (§ 24f stk. 1 nr. 2)."""
    if matter.route == policies.Route.INTERNAL_AUDIT:
        return policies.paragraph("§ 24c, stk. 3, nr. 1").cite(), Recipient.INTERNAL_AUDIT
    if matter.route == policies.Route.DIRECTORATE:
        return policies.paragraph("§ 24c, stk. 3, nr. 2").cite(), Recipient.DIRECTORATE
    if str(policies.Outcome.TRANSFER_WITH_RECOMMENDATION) in (matter.outcomes or []):
        return policies.paragraph("§ 24f, stk. 1, nr. 2").cite(), Recipient.DIRECTORATE
    raise ForwardingError(
        "only a matter forwarded under § 24c, stk. 3 or § 24f, stk. 1, "
        "nr. 2 gets a forwarding package"
    )


def forwardable_documents(matter: Matter) -> list[journal.Document]:
    """What staff may choose: the report, messages, final notes and attachments."""
    return [d for d in journal.list_documents(matter.case) if d.kind != "decision"]


def _read_staged(file_store: FileStore, staged: StagedFile) -> bytes:
    with open(file_store.staging_path(staged.blob_id), "rb") as handle:
        context = stream_context(staged.blob_id)
        return b"".join(crypto.iter_decrypt(staged.file_key, handle, context))


def clean_bytes(file_store: FileStore, data: bytes) -> tuple[bytes, str | None]:
    """Strip hidden information in the sanitizer subprocess; return the bytes and their kind."""
    kind = detect_kind(data[:1024])
    staged = file_store.stage_stream(io.BytesIO(data), "x", "application/octet-stream", limit=LIMIT)
    cleaned = staged
    try:
        cleaned = clean_staged(file_store, staged, limit=LIMIT)
        if kind is not None and not any(
            c.startswith("removed:") or c == "none_found" for c in cleaned.sanitation
        ):
            raise ForwardingError("a file could not be cleaned; hand it over by other means")
        return _read_staged(file_store, cleaned), kind
    finally:
        file_store.discard_staged(cleaned.blob_id)
        file_store.discard_staged(staged.blob_id)


def _pdf(
    title: str, subtitle: str, *, text: str = "", fields: Sequence[tuple[str, str]] = ()
) -> bytes:
    html = pdfa.render_text(
        "records/document.html",
        title=title,
        subtitle=subtitle,
        text=text,
        fields=list(fields),
        css=pdfa.stylesheet(),
    )
    return pdfa.html_to_pdfa(html)


def build_forwarding_package(
    session: Session,
    file_store: FileStore,
    keys: UnlockedKeys | None,
    matter_id: int,
    documents: Sequence[str],
    *,
    staff_id: str,
    today: dt.date,
    settings: policies.DeadlineSettings,
) -> ForwardingPackage:
    """Make the package, keep its cover letter, audit it and start the § 24g follow-up."""
    matter = load_matter(session, matter_id)
    case = matter.case
    paragraph, recipient = forwarding_basis(matter)
    available = {d.ref: d for d in forwardable_documents(matter)}
    chosen = list(dict.fromkeys(documents))
    if not chosen or any(ref not in available for ref in chosen):
        raise ForwardingError("choose documents of this case")
    view = casefile.read_case_as_staff(session, keys, case.id)
    case_key = casefile.case_key_for_staff(case, keys)
    messages = {m.seq: m for m in view.messages}
    notes = {n.seq: n for n in view.notes}
    rows = {a.id: a for a in case.attachments}
    files: list[BundleFile] = []
    enclosures: list[tuple[str, str]] = []
    for number, ref in enumerate(chosen, start=1):
        doc = available[ref]
        if ref == "report":
            raw, stem = (
                _pdf("Indberetning", f"Modtaget {case.received}", fields=list(view.report.items())),
                "indberetning",
            )
        elif ref.startswith("message-"):
            msg = messages[int(ref.split("-")[1])]
            raw, stem = _pdf(doc.description, str(msg.day), text=msg.text), f"besked-{msg.seq}"
        elif ref.startswith("note-"):
            note = notes[int(ref.split("-")[1])]
            raw, stem = _pdf(doc.description, str(note.day), text=note.text), f"notat-{note.seq}"
        else:
            row = rows[ref.removeprefix("attachment-")]
            raw, stem = b"".join(stream_attachment(file_store, row, case_key)), "bilag"
        data, kind = clean_bytes(file_store, raw)
        name = f"{number:02d}-{stem}.{EXTENSIONS.get(kind or '', 'bin')}"
        files.append(BundleFile(name, data))
        enclosures.append((name, doc.description))
    follow_up = _start_follow_up(session, matter, today, settings)
    letter = pdfa.render_text(
        "records/cover_letter.txt",
        recipient=RECIPIENT_NAMES[recipient],
        day=today,
        number=case.number,
        matter=matter.seq,
        paragraph=paragraph,
        enclosures=enclosures,
        follow_up=follow_up,
    )
    cover, _kind = clean_bytes(
        file_store, _pdf("Følgebrev", f"{case.number}, forhold {matter.seq}", text=letter)
    )
    files.insert(0, BundleFile("00-foelgebrev.pdf", cover))
    seq = casefile.add_note(
        session, keys, case.id, letter, staff_id=staff_id, today=today, kind="letter"
    )
    session.execute(update(Note).where(Note.case_id == case.id, Note.seq == seq).values(final=True))
    matter.forwarded = today
    session.flush()
    audit.record_action(
        session,
        staff_id,
        "matter.forwarding_package",
        today,
        case_id=case.id,
        detail={
            "matter": matter.seq,
            "paragraph": paragraph,
            "recipient": str(recipient),
            "documents": len(chosen),
            "letter": seq,
        },
    )
    filename = f"{case.number}-forhold-{matter.seq}-oversendelse.zip"
    return ForwardingPackage(filename, zip_files(files), tuple(f.name for f in files), paragraph)


def _start_follow_up(
    session: Session, matter: Matter, today: dt.date, settings: policies.DeadlineSettings
) -> dt.date:
    """§ 24g stk. 1: the instance reports its outcome; the reminder clock starts today."""
    due = policies.outcome_followup_deadline(today, settings)
    kind = policies.DeadlineKind.AWAIT_INSTANCE_OUTCOME
    open_rows = deadlines.open_deadlines(session, matter.case, (kind,), matter.id)
    if open_rows:
        for row in open_rows:
            row.started, row.due, row.reminders = today, due.due, 0
        deadlines.refresh_next_due(session, matter.case)
    else:
        deadlines.add_policy_deadline(
            session,
            matter.case,
            due,
            kind=kind,
            matter_id=matter.id,
            started=today,
            recipient="instance",
        )
    return due.due
