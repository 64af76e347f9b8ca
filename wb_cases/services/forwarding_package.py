"""Forwarding packages for § 24c stk. 3 and § 24f stk. 1 nr. 2 hand-overs.

The chosen documents are rendered or decrypted in memory, cleaned of hidden
information again by the same sandboxed cleaner as uploads (`sanitize.clean_data`),
renamed (``01-indberetning.pdf``, ``02-bilag.jpg``) and zipped with no entry times,
with a cover letter from a template. The letter is kept as a final note (an outgoing
letter in the journal bundle); the act is audited; the § 24g follow-up deadline starts
from the package's day.

A file the cleaner cannot clean (or only partly) never leaves silently: staff see what
it may still hold (`uncleaned_documents`) and either leave it out or name it in
`as_is` with a reason, which the audit entry records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.orm import Session

import policies

from ..errors import NotFoundError, WorkflowError
from ..models import Matter, Note
from ..storage import FileStore
from . import audit, casefile, deadlines, journal, pdfa, preview
from .attachments import describe, stream_attachment
from .journal_bundle import BundleFile, zip_files
from .keyring import UnlockedKeys
from .matters import load_matter
from .sanitize import CleaningBudget, clean_data, still_holds

EXTENSIONS = {"jpeg": "jpg", "text": "txt", "tiff": "tif"}  # otherwise the kind is the extension
PACKAGE_SECONDS = 600.0  # staff wait for a package; still, not for ever


class Recipient(StrEnum):
    INTERNAL_AUDIT = "internal_audit"
    DIRECTORATE = "directorate"


RECIPIENT_NAMES = {
    Recipient.INTERNAL_AUDIT: "Intern Revision",
    Recipient.DIRECTORATE: "Den ansvarlige direktion",
}


class ForwardingError(WorkflowError):
    """The package cannot be made (matter not forwarded, unknown document, uncleanable file)."""


class UncleanableFileError(ForwardingError):
    """A chosen file cannot be fully cleaned and staff have not said to send it as it is."""


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


@dataclass(frozen=True)
class UncleanedDocument:
    """An attachment that may still hold hidden information, and what (label codes)."""

    ref: str
    description: str
    codes: tuple[str, ...]
    kind: str = "attachment"
    number: int | None = None


def uncleaned_documents(matter: Matter, keys: UnlockedKeys | None) -> list[UncleanedDocument]:
    """Attachments whose cleaning at intake did not finish the job: staff must decide."""
    docs = {d.ref: d for d in forwardable_documents(matter)}
    case_key = casefile.case_key_for_staff(matter.case, keys)
    found = []
    for row in matter.case.attachments:
        ref = f"attachment-{row.id}"
        codes = describe(row, case_key).sanitation
        if ref in docs and still_holds(codes):
            doc = docs[ref]
            found.append(UncleanedDocument(ref, doc.description, codes, doc.kind, doc.number))
    return found


def _clean_document(
    raw: bytes, ref: str, as_is: Mapping[str, str], budget: CleaningBudget
) -> tuple[bytes, str | None, tuple[str, ...] | None]:
    """The cleaned bytes and kind; or, for a file named in `as_is`, the file as it is."""
    cleaning = clean_data(raw, budget=budget)
    if cleaning.data is not None and not still_holds(cleaning.codes):
        return cleaning.data, cleaning.kind, None
    if ref not in as_is:
        raise UncleanableFileError(
            "a file could not be fully cleaned: leave it out, or send it as it is with a reason"
        )
    if cleaning.data is not None:  # partly cleaned: better than not at all
        return cleaning.data, cleaning.kind, cleaning.codes
    return raw, cleaning.kind, cleaning.codes


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
    as_is: Mapping[str, str] | None = None,
    safe_copies: bool = False,
) -> ForwardingPackage:
    """Make the package, keep its cover letter, audit it and start the § 24g follow-up.

    `as_is` maps a document that cannot be fully cleaned to the reason staff gave for
    sending it anyway; any other such document stops the package. With `safe_copies`,
    each attached file goes as its safe copy (a PDF rebuilt from the pages rendered in
    the sandbox, docs/previews.md) instead of the original."""
    as_is = {ref: reason.strip() for ref, reason in (as_is or {}).items() if reason.strip()}
    budget = CleaningBudget(PACKAGE_SECONDS)
    sent_as_is: list[dict[str, object]] = []
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
            stem = "bilag"
            if safe_copies:
                raw = _safe_copy(session, file_store, keys, case.id, row.id)
            else:
                raw = b"".join(stream_attachment(file_store, row, case_key))
        data, kind, holds = _clean_document(raw, ref, as_is, budget)
        if holds is not None:
            sent_as_is.append({"document": ref, "reason": as_is[ref], "holds": list(holds)})
        name = f"{number:02d}-{stem}.{EXTENSIONS.get(kind or '', kind or 'bin')}"
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
    cover, _kind, _holds = _clean_document(
        _pdf("Følgebrev", f"{case.number}, forhold {matter.seq}", text=letter), "", {}, budget
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
            "sent_as_is": sent_as_is,
            "safe_copies": safe_copies,
        },
    )
    filename = f"{case.number}-forhold-{matter.seq}-oversendelse.zip"
    return ForwardingPackage(filename, zip_files(files), tuple(f.name for f in files), paragraph)


def _safe_copy(
    session: Session, store: FileStore, keys: UnlockedKeys | None, case_id: str, file_id: str
) -> bytes:
    try:
        return preview.safe_copy(session, store, keys, case_id, file_id).data
    except NotFoundError:
        raise ForwardingError(
            "a file has no safe copy (it could not be shown); hand it over by other means"
        ) from None


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
