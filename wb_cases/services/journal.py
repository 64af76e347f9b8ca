"""The case's documents and their ESDH journal references (offentlighedsloven § 15).

A document is named by a plain reference (``report``, ``message-3``, ``note-2``,
``decision-1``, ``attachment-<id>``) and described from a fixed list, so neither the list
nor the journal entries need a key or reveal content, and both outlive the case's
deletion (the tombstone keeps the journal entries).

Each document carries a language-neutral name, a ``kind`` and a ``number``, which the
apps label in the interface language; ``description`` is the Danish text the ESDH system,
the journal bundle and the forwarding letter use, and what a journal entry stores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, WbError
from ..models import Case, JournalEntry
from . import audit

#: Short descriptions, Danish (the ESDH system's language); a journal entry stores the
#: description, and `parse_description` reads the kind and number back from it.
DESCRIPTIONS = {
    "report": "Indberetning",
    "reporter_message": "Besked fra indberetter",
    "unit_message": "Brev til indberetter",
    "minutes": "Referat af mundtlig indberetning",
    "correction": "Indberetters rettelse til referat",
    "note": "Notat (endeligt)",
    "letter": "Følgebrev ved oversendelse",
    "decision": "Afgørelse",
    "attachment": "Bilag",
}


class JournalError(WbError):
    """The journal reference cannot be recorded (unknown document, empty reference)."""


#: How a numbered description is written after its kind's text (Danish, as stored).
NUMBERED = {"decision": "{text}, forhold {number}", "attachment": "{text} {number}"}


@dataclass(frozen=True)
class Document:
    ref: str
    kind: str
    day: dt.date
    description: str
    number: int | None = None


@dataclass(frozen=True)
class JournalRow:
    ref: str
    description: str
    day: dt.date
    journal_ref: str | None
    kind: str | None = None
    number: int | None = None


def describe(kind: str, number: int | None = None) -> str:
    """The Danish description of a document of ``kind`` (with its number, if any)."""
    text = DESCRIPTIONS[kind]
    if number is None:
        return text
    return NUMBERED.get(kind, "{text} nr. {number}").format(text=text, number=number)


def parse_description(description: str) -> tuple[str | None, int | None]:
    """The kind and number a stored description was made from; (None, None) if unknown."""
    for kind, text in DESCRIPTIONS.items():
        if description == text:
            return kind, None
        # Every numbered form ends with the number: what comes before it is fixed.
        head = NUMBERED.get(kind, "{text} nr. {number}").format(text=text, number="")
        rest = description[len(head) :]
        if description.startswith(head) and rest.isdigit():
            return kind, int(rest)
    return None, None


def _document(ref: str, kind: str, day: dt.date, number: int | None = None) -> Document:
    return Document(ref, kind, day, describe(kind, number), number)


def list_documents(case: Case) -> list[Document]:
    """Every journalisable document of a live case, from plain columns only."""
    if case.purged is not None:
        return []
    docs = [_document("report", "report", case.received)]
    for m in case.messages:
        kind = m.kind if m.kind in ("minutes", "correction") else f"{m.author}_message"
        docs.append(_document(f"message-{m.seq}", kind, m.day, m.seq))
    for n in case.notes:
        if n.final:
            kind = "letter" if n.kind == "letter" else "note"
            docs.append(_document(f"note-{n.seq}", kind, n.day, n.seq))
    for matter in case.matters:
        if matter.triaged is not None:
            docs.append(_document(f"decision-{matter.seq}", "decision", matter.triaged, matter.seq))
    for number, a in enumerate(sorted(case.attachments, key=lambda a: (a.day, a.id)), start=1):
        docs.append(_document(f"attachment-{a.id}", "attachment", a.day, number))
    return docs


def document_choices(session: Session, case_id: str) -> list[tuple[str, str]]:
    """(reference, description) of every journalisable document of the case (none if gone)."""
    case = session.get(Case, case_id)
    return [(d.ref, d.description) for d in list_documents(case)] if case is not None else []


def journal_entries(session: Session, case_id: str) -> list[JournalEntry]:
    return list(
        session.scalars(
            select(JournalEntry).where(JournalEntry.case_id == case_id).order_by(JournalEntry.id)
        )
    )


def journal_status(session: Session, case: Case) -> list[JournalRow]:
    """Every document with its reference (None: not journalised yet); after deletion, the
    journal entries the tombstone kept."""
    entries = {e.document: e for e in journal_entries(session, case.id)}
    rows = [
        JournalRow(
            d.ref,
            d.description,
            d.day,
            entries[d.ref].journal_ref if d.ref in entries else None,
            d.kind,
            d.number,
        )
        for d in list_documents(case)
    ]
    known = {r.ref for r in rows}
    rows += [
        JournalRow(
            e.document,
            e.description,
            e.document_day,
            e.journal_ref,
            *parse_description(e.description),
        )
        for ref, e in entries.items()
        if ref not in known
    ]
    return rows


def record_journal_ref(
    session: Session,
    case_id: str,
    document: str,
    journal_ref: str,
    *,
    staff_id: str,
    today: dt.date,
) -> JournalEntry:
    """Record (or correct) the ESDH reference of one document; audited."""
    case = session.get(Case, case_id)
    if case is None or case.purged is not None:
        raise NotFoundError("no such case")
    reference = journal_ref.strip()
    if not reference or len(reference) > 64:
        raise JournalError("write the journal reference (at most 64 characters)")
    found = {d.ref: d for d in list_documents(case)}.get(document)
    if found is None:
        raise JournalError("no such document in this case")
    entry = session.scalar(
        select(JournalEntry).where(
            JournalEntry.case_id == case.id, JournalEntry.document == document
        )
    )
    if entry is None:
        entry = JournalEntry(
            case_id=case.id,
            document=document,
            description=found.description,
            document_day=found.day,
            journal_ref=reference,
            day=today,
            staff_id=staff_id,
        )
        session.add(entry)
    else:
        entry.journal_ref, entry.day, entry.staff_id = reference, today, staff_id
    session.flush()
    audit.record_action(
        session,
        staff_id,
        "document.journalised",
        today,
        case_id=case.id,
        detail={"document": document},
    )
    return entry


def case_by_number(session: Session, number: str) -> Case:
    case = session.scalar(select(Case).where(Case.number == number.strip()))
    if case is None:
        raise NotFoundError(f"no case {number!r}")
    return case


def mark_note_final(
    session: Session, case_id: str, seq: int, *, staff_id: str, today: dt.date
) -> None:
    """Mark an internal note final: it joins the journal bundle (drafts stay out)."""
    from ..models import Note

    note = session.scalar(select(Note).where(Note.case_id == case_id, Note.seq == seq))
    if note is None or note.case.purged is not None:
        raise NotFoundError("no such note")
    note.final = True
    session.flush()
    audit.record_action(
        session, staff_id, "note.marked_final", today, case_id=case_id, detail={"seq": seq}
    )
