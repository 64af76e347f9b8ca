"""The journal bundle: a case as PDF/A, its files, metadata and a SHA-256 manifest.

Each file goes through the same sandboxed cleaner as uploads (`sanitize.clean_data`);
one that cannot be cleaned is kept whole, and metadata.json says per file what cleaning
did and whether it may still hold hidden information.

Offentlighedsloven § 15. Opening the case needs the unit key (a staff session,
or the recovery key for `wb export-case`); the custodian key is never used, so the
sealed identity cannot reach a bundle (docs/architecture.md § 2). Content is decrypted in memory;
the CLI writes the bundle where the operator asked, the back office sends it as a ZIP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ..models import Attachment, Case, MajorSummary
from ..storage import FileStore
from . import audit, journal, major_cases, pdfa
from .attachments import stream_attachment
from .casefile import case_key_for_staff, load_case, read_case_as_staff, staff_key_for_staff
from .keyring import UnlockedKeys
from .sanitize import CleaningBudget, clean_data, still_holds
from .sanitize_labels import label_texts
from .triage import read_matter_text

PDF_NAME = "sag.pdf"
METADATA_NAME = "metadata.json"
MANIFEST_NAME = "manifest-sha256.txt"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BUNDLE_SECONDS = 900.0  # cleaning every attachment of one case, together
DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class BundleFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Bundle:
    number: str
    files: tuple[BundleFile, ...]


def safe_name(name: str, fallback: str = "fil.bin") -> str:
    """ASCII, no path, no leading dot: safe on every file system and in a ZIP."""
    danish = name.translate(DANISH)
    ascii_name = unicodedata.normalize("NFKD", danish).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE.sub("_", ascii_name).strip("._")[:80] or fallback


def _message_label(kind: str, approval: str | None, author: str) -> str:
    if kind == "minutes":
        state = {
            "pending": "afventer indberetterens godkendelse",
            "approved": "godkendt",
            "corrected": "rettet af indberetteren",
        }.get(approval or "", "")
        return f"Referat af indberetning ({state})"
    if kind == "correction":
        return "Indberetterens rettelse til referatet"
    return "Fra indberetteren" if author == "reporter" else "Fra enheden"


def build_bundle(
    session: Session,
    file_store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    *,
    staff_id: str,
    today: dt.date,
) -> Bundle:
    """Assemble a case's journal bundle in memory; audited as `case.exported`."""
    case = load_case(session, case_id)
    view = read_case_as_staff(session, keys, case.id)  # never the identity
    case_key = case_key_for_staff(case, keys)
    staff_key = staff_key_for_staff(case, keys)
    rows: dict[str, Attachment] = {a.id: a for a in case.attachments}
    files: list[BundleFile] = []
    names: dict[str, str] = {}
    ordered = sorted(view.attachments, key=lambda a: (a.day, a.message_seq or 0, a.name, a.id))
    budget = CleaningBudget(BUNDLE_SECONDS)
    cleaning: dict[str, tuple[str, ...]] = {}
    for number, att in enumerate(ordered, start=1):
        name = f"bilag/{number:02d}-{safe_name(att.name)}"
        data, cleaning[att.id] = _cleaned(
            b"".join(stream_attachment(file_store, rows[att.id], case_key)), att.name, budget
        )
        names[att.id] = name
        files.append(BundleFile(name, data))
    kinds = {m.seq: (m.kind, m.approval) for m in case.messages}
    note_rows = {n.seq: n for n in case.notes}
    matters = []
    for m in case.matters:
        text = read_matter_text(case.id, m, staff_key)
        decision = m.decision or {}
        matters.append(
            {
                "seq": m.seq,
                "title": text["title"],
                "administration": m.administration,
                "category": m.category,
                "scope": m.scope,
                "route": m.route,
                "triaged": m.triaged,
                "forwarded": m.forwarded,
                "closed": m.closed,
                "legal_bases": list(decision.get("legal_bases", [])),
                "explanation": decision.get("explanation_da", ""),
                "outcomes": list(m.outcomes),
                "confirmed": m.confirmed,
                "consequences": list(m.consequences),
            }
        )
    html = pdfa.render_text(
        "journal/journal.html",
        c=case,
        exported=today,
        matters=matters,
        report=view.report,
        css=pdfa.stylesheet(),
        report_files=[names[a.id] for a in ordered if a.message_seq is None],
        messages=[
            {
                "seq": msg.seq,
                "day": msg.day,
                "text": msg.text,
                "label": _message_label(*kinds.get(msg.seq, ("message", None)), msg.author),
                "files": [names[a.id] for a in msg.attachments],
            }
            for msg in view.messages
        ],
        notes=[
            {
                "seq": n.seq,
                "day": n.day,
                "text": n.text,
                "label": "Følgebrev" if n.kind == "letter" else "Notat",
            }
            for n in view.notes
            if note_rows[n.seq].final
        ],
        attachments=[
            {"file": names[a.id], "day": a.day, "size": len(f.data)}
            for a, f in zip(ordered, files, strict=True)
        ],
        major=_approved_major_text(session, case),
    )
    files.insert(0, BundleFile(PDF_NAME, pdfa.html_to_pdfa(html)))
    metadata = _metadata(session, case, matters, names, today, cleaning)
    files.insert(1, BundleFile(METADATA_NAME, metadata))
    manifest = "".join(f"{f.sha256}  {f.name}\n" for f in files)
    files.append(BundleFile(MANIFEST_NAME, manifest.encode()))
    audit.record_action(
        session, staff_id, "case.exported", today, case_id=case.id, detail={"files": len(files)}
    )
    return Bundle(case.number, tuple(files))


def _approved_major_text(session: Session, case: Case) -> dict[str, object] | None:
    """A major case's text as a head approved it for the annual report (§ 24h, stk. 2),
    checked against its approval in the audit log like the summaries check it. The draft
    is work in progress, like a note that is not final, and stays out."""
    checked = major_cases.approved_text(session, case)
    if checked is None:
        return None
    row = session.get(MajorSummary, case.id)
    return {"text": checked.text, "verified": checked.verified, "day": row and row.approved_day}


def _cleaned(raw: bytes, name: str, budget: CleaningBudget) -> tuple[bytes, tuple[str, ...]]:
    """An attachment cleaned by the same cleaner as uploads; one that cannot be is kept
    whole (a journal loses nothing) and metadata.json says what it may still hold."""
    cleaning = clean_data(raw, name=name, budget=budget)
    return (cleaning.data if cleaning.data is not None else raw), cleaning.codes


def _metadata(
    session: Session,
    case: Case,
    matters: list[dict[str, object]],
    names: dict[str, str],
    today: dt.date,
    cleaning: dict[str, tuple[str, ...]],
) -> bytes:
    """Case number, dates, matters with decisions and paragraphs, and per-document date and
    short description (plain fields; the matter titles stay in the PDF)."""
    status = {row.ref: row.journal_ref for row in journal.journal_status(session, case)}
    major = _approved_major_text(session, case)
    documents = []
    for doc in journal.list_documents(case):
        entry: dict[str, object] = {
            "document": doc.ref,
            "date": doc.day.isoformat(),
            "description": doc.description,
            "journal_ref": status.get(doc.ref),
        }
        if doc.ref.startswith("attachment-"):
            entry["file"] = names[doc.ref.removeprefix("attachment-")]
            codes = cleaning[doc.ref.removeprefix("attachment-")]
            entry["cleaning"] = label_texts(codes, "da")
            entry["may_hold_hidden_information"] = still_holds(codes)
        else:
            entry["file"] = PDF_NAME
        documents.append(entry)
    data = {
        "case_number": case.number,
        "channel": case.channel,
        "anonymous": case.anonymous,
        "received": case.received,
        "acknowledged": case.acknowledged,
        "closed": case.closed,
        "status": case.status,
        "major": case.major,
        "major_summary_approved": major["day"] if major and major["verified"] else None,
        "exported": today,
        "matters": [
            {k: v for k, v in m.items() if k not in ("title", "explanation")} for m in matters
        ],
        "documents": documents,
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, default=_iso) + "\n").encode()


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def write_bundle(bundle: Bundle, out_dir: Path) -> Path:
    """Write the bundle into `out_dir/<case number>/` (refuses to overwrite)."""
    target = out_dir / safe_name(bundle.number)
    target.mkdir(parents=True, exist_ok=False)
    for f in bundle.files:
        path = target / f.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f.data)
    return target


def zip_files(files: tuple[BundleFile, ...] | list[BundleFile], prefix: str = "") -> bytes:
    """A ZIP whose entries carry no time: a fixed 1980-01-01 and no extra fields."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            info = zipfile.ZipInfo(prefix + f.name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, f.data)
    return buffer.getvalue()


def zip_bundle(bundle: Bundle) -> bytes:
    return zip_files(bundle.files, prefix=safe_name(bundle.number) + "/")


def case_id_for_number(session: Session, number: str) -> str:
    return journal.case_by_number(session, number).id


__all__ = [
    "Bundle",
    "BundleFile",
    "build_bundle",
    "case_id_for_number",
    "write_bundle",
    "zip_bundle",
    "zip_files",
]
