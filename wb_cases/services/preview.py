"""Safe previews of attachments: page images and text rendered in the sandbox (docs/previews.md).

A file from the internet is never opened on a staff member's machine or in a web
worker. One sandboxed run of `wb_cases.preview_worker` per file turns it into
page images and their text, plus a *safe copy*: a PDF rebuilt from those images
only. The decrypted bytes go in through a pipe; the result is kept encrypted
under the case's staff key, so the first view renders and later views read.
Pages beyond `MAX_PAGES` are not drawn; the page says so.
"""

from __future__ import annotations

import dataclasses
import json
import re
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import crypto

from .. import sandbox
from ..errors import NotFoundError
from ..models import Attachment, Preview, PreviewPage
from ..storage import FileStore
from . import casefile, contexts
from .attachments import AttachmentView, describe, stream_attachment
from .keyring import UnlockedKeys

MAX_PAGES = 50
WORKER = "wb_cases.preview_worker"
# LibreOffice maps well over a gigabyte of address space; it writes its profile
# and the PDF into the sandbox's RAM tmpfs, hence a file size limit above zero.
# The tmpfs holds the input, LibreOffice's PDF and the pages: twice the file limit.
LIMITS = sandbox.SandboxLimits(
    memory_mib=1536, cpu_seconds=60, wall_seconds=90, output_mib=128, file_mib=512, tmpfs_mib=1024
)


def limits_for(size: int) -> sandbox.SandboxLimits:
    """Room in the tmpfs for an input of `size` bytes (attachments may be large)."""
    file_mib = max(LIMITS.file_mib, 2 * (size // sandbox.MIB) + 64)
    return dataclasses.replace(LIMITS, file_mib=file_mib, tmpfs_mib=2 * file_mib)


# LibreOffice's registry lives in /etc on Debian; read-only like /usr.
EXTRA_MOUNTS = ("/etc/libreoffice",)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# Why a file shows no pages; the back office words each one for people.
PROBLEMS = frozenset(
    {
        "unsupported",
        "unreadable",
        "encrypted",
        "image_too_large",
        "archive_too_large",
        "too_large",
        "too_slow",
        "failed",
        "ocr_failed",
    }
)


@dataclass(frozen=True)
class PageView:
    number: int
    source: str
    label: str
    text: str
    has_image: bool
    problem: str | None = None  # a document inside a ZIP that could not be shown


@dataclass(frozen=True)
class PreviewView:
    """What the preview page shows; `problem` is a code from PROBLEMS or None."""

    attachment: AttachmentView
    kind: str = ""
    total: int = 0
    pages: tuple[PageView, ...] = ()
    notices: tuple[str, ...] = ()
    duration: float | None = None
    problem: str | None = None
    has_safe_copy: bool = False

    @property
    def capped(self) -> bool:
        """More pages exist than were drawn (a 10,000-page document shows its first pages)."""
        drawn = sum(1 for p in self.pages if p.has_image)
        return self.kind in ("pdf", "office", "text", "csv", "email") and self.total > drawn


@dataclass
class Rendition:
    """One sandboxed run's result, still in memory."""

    pages: list[tuple[dict[str, str], bytes | None]] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    safe_copy: bytes | None = None
    problem: str | None = None
    peak_rss_kib: int = 0
    seconds: float = 0.0


def extension_of(name: str) -> str:
    """The file name's extension, lower case, as a hint only (the worker trusts content)."""
    match = re.search(r"\.([A-Za-z0-9]{1,5})$", name)
    return match.group(1).lower() if match else ""


def render(
    data: bytes | Iterable[bytes], extension: str, size: int, *, ocr: bool = False
) -> Rendition:
    """Run the converter chain in the sandbox on plaintext chunks; parse its framed answer."""
    argv = [sys.executable, "-B", "-m", WORKER, extension, str(size), str(MAX_PAGES)]
    limits = limits_for(size)
    result = sandbox.run([*argv, "1" if ocr else "0"], data, limits, extra_ro=EXTRA_MOUNTS)
    rendition = parse_frames(result.stdout)
    # Two views of the same peak: the sandbox's and the worker's own (which counts the
    # converters it waited for); the larger is kept.
    reported = rendition.meta.get("peak_rss_kib")
    worker_peak = reported if isinstance(reported, int) else 0
    rendition.peak_rss_kib = max(result.peak_rss_kib, worker_peak)
    rendition.seconds = result.seconds
    if rendition.problem is None and not result.ok:
        rendition.problem = "too_slow" if result.timed_out else "too_large"
        if not result.timed_out and not result.output_exceeded and result.returncode > 0:
            rendition.problem = "failed"
    if rendition.problem is None and "kind" not in rendition.meta:
        rendition.problem = "failed"
    return rendition


def parse_frames(stream: bytes) -> Rendition:
    """Read the worker's frames; anything malformed ends the preview as "failed"."""
    rendition = Rendition()
    pos = 0
    while pos < len(stream):
        if pos + 5 > len(stream):
            return Rendition(problem="failed")
        tag, length = stream[pos : pos + 1], struct.unpack(">I", stream[pos + 1 : pos + 5])[0]
        payload = stream[pos + 5 : pos + 5 + length]
        pos += 5 + length
        if len(payload) != length:
            return Rendition(problem="failed")
        if tag == b"T":
            rendition.pages.append((_page_info(payload), None))
        elif tag == b"I" and rendition.pages and payload.startswith(PNG_MAGIC):
            rendition.pages[-1] = (rendition.pages[-1][0], payload)
        elif tag == b"S" and payload.startswith(b"%PDF"):
            rendition.safe_copy = payload
        elif tag == b"M":
            rendition.meta = _json_object(payload)
        elif tag == b"E":
            code = payload.decode("ascii", "replace")
            rendition.problem = code if code in PROBLEMS else "failed"
        else:
            return Rendition(problem="failed")
    return rendition


def _json_object(payload: bytes) -> dict[str, object]:
    try:
        value = json.loads(payload)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _page_info(payload: bytes) -> dict[str, str]:
    """A page's source, label and text, as strings whatever the worker sent."""
    value = _json_object(payload)
    info: dict[str, str] = {k: str(value[k]) for k in ("source", "label", "text") if k in value}
    if "problem" in value:
        info["problem"] = value["problem"] if value["problem"] in PROBLEMS else "failed"
    return info


def _attachment(session: Session, case_id: str, file_id: str) -> Attachment:
    row = session.get(Attachment, file_id)
    if row is None or row.case_id != case_id:
        raise NotFoundError("no such file")
    return row


def _store(session: Session, row: Attachment, staff_key: bytes, rendition: Rendition) -> None:
    meta = {
        **rendition.meta,
        "problem": rendition.problem,
        "pages": [info for info, _ in rendition.pages],
        "images": [image is not None for _, image in rendition.pages],
    }
    case_id, blob = row.case_id, row.id
    session.add(
        Preview(
            attachment_id=blob,
            case_id=case_id,
            meta=crypto.encrypt(
                staff_key, json.dumps(meta).encode(), contexts.preview_meta(case_id, blob)
            ),
            safe_copy=None
            if rendition.safe_copy is None
            else crypto.encrypt(
                staff_key, rendition.safe_copy, contexts.preview_safe_copy(case_id, blob)
            ),
        )
    )
    session.flush()
    for number, (_, image) in enumerate(rendition.pages, start=1):
        if image is not None:
            context = contexts.preview_page(case_id, blob, number)
            session.add(
                PreviewPage(
                    attachment_id=blob,
                    number=number,
                    image=crypto.encrypt(staff_key, image, context),
                )
            )
    session.flush()


def _view(row: Attachment, stored: Preview, case_key: bytes, staff_key: bytes) -> PreviewView:
    meta = json.loads(
        crypto.decrypt(staff_key, stored.meta, contexts.preview_meta(row.case_id, row.id))
    )
    pages = tuple(
        PageView(
            number,
            info.get("source", ""),
            info.get("label", ""),
            info.get("text", ""),
            image,
            info.get("problem"),
        )
        for number, (info, image) in enumerate(
            zip(meta["pages"], meta["images"], strict=True), start=1
        )
    )
    return PreviewView(
        attachment=describe(row, case_key),
        kind=str(meta.get("kind") or ""),
        total=int(meta.get("total") or 0),
        pages=pages,
        notices=tuple(meta.get("notices") or ()),
        duration=meta.get("duration"),
        problem=meta.get("problem"),
        has_safe_copy=stored.safe_copy is not None,
    )


def preview_for_staff(
    session: Session,
    store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    file_id: str,
    *,
    ocr: bool = False,
) -> PreviewView:
    """The attachment's preview, rendered in the sandbox the first time and kept encrypted."""
    case = casefile.load_case(session, case_id)
    row = _attachment(session, case.id, file_id)
    case_key = casefile.case_key_for_staff(case, keys)
    staff_key = casefile.staff_key_for_staff(case, keys)
    stored = session.get(Preview, row.id)
    if stored is None:
        size = describe(row, case_key).size
        rendition = render(
            stream_attachment(store, row, case_key), row_extension(row, case_key), size, ocr=ocr
        )
        try:
            with session.begin_nested():
                _store(session, row, staff_key, rendition)
        except IntegrityError:
            pass  # another request rendered it meanwhile; read theirs
        stored = session.get(Preview, row.id)
        assert stored is not None
    return _view(row, stored, case_key, staff_key)


def row_extension(row: Attachment, case_key: bytes) -> str:
    return extension_of(describe(row, case_key).name)


def stored_previews(
    session: Session, keys: UnlockedKeys | None, case_id: str
) -> dict[str, PreviewView]:
    """Previews already rendered for a case, by attachment id (the case page shows these)."""
    case = casefile.load_case(session, case_id)
    case_key = casefile.case_key_for_staff(case, keys)
    staff_key = casefile.staff_key_for_staff(case, keys)
    rows = {a.id: a for a in case.attachments}
    found = session.scalars(select(Preview).where(Preview.case_id == case.id))
    return {p.attachment_id: _view(rows[p.attachment_id], p, case_key, staff_key) for p in found}


def page_image(
    session: Session, keys: UnlockedKeys | None, case_id: str, file_id: str, number: int
) -> bytes:
    """One stored page image (PNG); NotFoundError when there is none."""
    case = casefile.load_case(session, case_id)
    row = _attachment(session, case.id, file_id)
    staff_key = casefile.staff_key_for_staff(case, keys)
    page = session.get(PreviewPage, (row.id, number))
    if page is None:
        raise NotFoundError("no such page")
    return crypto.decrypt(staff_key, page.image, contexts.preview_page(case.id, row.id, number))


@dataclass(frozen=True)
class SafeCopy:
    filename: str
    data: bytes


def safe_copy(
    session: Session,
    store: FileStore,
    keys: UnlockedKeys | None,
    case_id: str,
    file_id: str,
    *,
    ocr: bool = False,
) -> SafeCopy:
    """The PDF rebuilt from the page images (rendering first if needed)."""
    view = preview_for_staff(session, store, keys, case_id, file_id, ocr=ocr)
    stored = session.get(Preview, file_id)
    if stored is None or stored.safe_copy is None:
        raise NotFoundError("this file has no safe copy")
    case = casefile.load_case(session, case_id)
    staff_key = casefile.staff_key_for_staff(case, keys)
    data = crypto.decrypt(staff_key, stored.safe_copy, contexts.preview_safe_copy(case.id, file_id))
    stem = (
        view.attachment.name.rsplit(".", 1)[0]
        if "." in view.attachment.name
        else view.attachment.name
    )
    return SafeCopy(f"{stem}-sikker-kopi.pdf", data)


def attachment_for_staff(
    session: Session, keys: UnlockedKeys | None, case_id: str, file_id: str
) -> tuple[AttachmentView, bool]:
    """The file's description and whether a safe copy exists (for the warning page)."""
    case = casefile.load_case(session, case_id)
    row = _attachment(session, case.id, file_id)
    stored = session.get(Preview, row.id)
    view = describe(row, casefile.case_key_for_staff(case, keys))
    return view, stored is not None and stored.safe_copy is not None


def forget_failed_preview(
    session: Session, keys: UnlockedKeys | None, case_id: str, file_id: str
) -> bool:
    """Drop a preview that ended in a problem, so the next view renders again (a busy
    machine can time out a file that is fine). A good preview is kept."""
    case = casefile.load_case(session, case_id)
    row = _attachment(session, case.id, file_id)
    stored = session.get(Preview, row.id)
    if stored is None:
        return False
    staff_key = casefile.staff_key_for_staff(case, keys)
    meta = json.loads(
        crypto.decrypt(staff_key, stored.meta, contexts.preview_meta(case.id, row.id))
    )
    if not meta.get("problem"):
        return False
    session.delete(stored)
    session.flush()
    return True
