"""Drafts: the files a reporter has attached to a report or a message but not yet sent.

Between the form and "Send" the reporter reviews what cleaning found in each
file (docs/security.md, Files). Until then nothing is a case: the files stay
staged and encrypted, and their keys, names and cleaning results live in a
draft row sealed like a reporter's session (`sessions.secret_lookup`,
`sessions.secret_payload_key`): found by a hash of the cookie's secret and
encrypted under a key derived from it, so neither the database nor the cookie
alone opens it. A draft expires within the hour, at a quarter-hour mark (no
exact time is kept), and `sweep_expired_drafts` deletes it with its files.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import crypto
from crypto import Context

from ..clock import now, round_up
from ..models import Draft
from ..storage import FileStore, StagedFile
from .sessions import new_secret, purge_expired_sessions, secret_lookup, secret_payload_key

LABEL = b"draft"
# Rounded up to the next quarter hour, a draft lives between 45 and 60 minutes.
LIFETIME = dt.timedelta(minutes=45)
CONTEXT = Context(purpose="draft.payload")


@dataclass(frozen=True, repr=False)
class OpenDraft:
    """A live draft, opened with its cookie's secret."""

    id: int
    # What the draft may be sent as: the report form's nonce (a second "Send" files no
    # second case), or for a message the case it was written in.
    nonce: str
    files: tuple[StagedFile, ...]

    def __repr__(self) -> str:  # file keys and names never reach a log line
        return f"OpenDraft(files={len(self.files)})"


def _encode(nonce: str, files: Sequence[StagedFile]) -> bytes:
    return json.dumps(
        {
            "nonce": nonce,
            "files": [
                {
                    "blob": f.blob_id,
                    "key": base64.b64encode(f.file_key).decode(),
                    "name": f.name,
                    "type": f.content_type,
                    "size": f.size,
                    "sanitation": list(f.sanitation),
                }
                for f in files
            ],
        }
    ).encode()


def _decode(row_id: int, payload: bytes) -> OpenDraft:
    data = json.loads(payload)
    files = tuple(
        StagedFile(
            blob_id=f["blob"],
            file_key=base64.b64decode(f["key"]),
            name=f["name"],
            content_type=f["type"],
            size=f["size"],
            sanitation=tuple(f["sanitation"]),
        )
        for f in data["files"]
    )
    return OpenDraft(row_id, data["nonce"], files)


def _seal(secret: str, nonce: str, files: Sequence[StagedFile]) -> bytes:
    return crypto.encrypt(secret_payload_key(secret, LABEL), _encode(nonce, files), CONTEXT)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def start_draft(
    session: Session, file_store: FileStore, nonce: str, files: Sequence[StagedFile]
) -> str:
    """Seal the staged files into a new draft; return the secret for the cookie."""
    secret = new_secret()
    for staged in files:
        file_store.hold_staged(staged.blob_id)
    session.add(
        Draft(
            secret_hash=secret_lookup(secret, LABEL),
            payload=_seal(secret, nonce, files),
            blobs=" ".join(f.blob_id for f in files),
            expires=round_up(now() + LIFETIME),
        )
    )
    session.flush()
    return secret


def _row(session: Session, secret: str) -> Draft | None:
    if not secret or len(secret) > 128:
        return None
    row = session.scalar(select(Draft).where(Draft.secret_hash == secret_lookup(secret, LABEL)))
    if row is None or _aware(row.expires) <= now():
        return None  # an expired row is left for the sweep, which also deletes its files
    return row


def open_draft(session: Session, secret: str) -> OpenDraft | None:
    """The live draft behind a cookie's secret; None if there is none or it has expired."""
    row = _row(session, secret)
    if row is None:
        return None
    try:
        payload = crypto.decrypt(secret_payload_key(secret, LABEL), row.payload, CONTEXT)
    except crypto.DecryptionError:
        return None
    return _decode(row.id, payload)


def replace_files(
    session: Session,
    file_store: FileStore,
    secret: str,
    draft: OpenDraft,
    files: Sequence[StagedFile],
) -> OpenDraft:
    """Put a new set of files in the draft (a replaced file's old copy goes at commit)."""
    row = _row(session, secret)
    if row is None or row.id != draft.id:
        raise LookupError("the draft has expired")
    kept = {f.blob_id for f in files}
    for old in draft.files:
        if old.blob_id not in kept:
            file_store.discard_staged_after_commit(session, old.blob_id)
    for staged in files:
        file_store.hold_staged(staged.blob_id)
    row.payload = _seal(secret, draft.nonce, files)
    row.blobs = " ".join(f.blob_id for f in files)
    session.flush()
    return OpenDraft(draft.id, draft.nonce, tuple(files))


def finish_draft(session: Session, file_store: FileStore, draft: OpenDraft) -> None:
    """Delete the draft (in the transaction that files the case or drops the draft).

    The files the case took were moved out of staging; the rest go at commit.
    """
    for staged in draft.files:
        file_store.discard_staged_after_commit(session, staged.blob_id)
    session.execute(delete(Draft).where(Draft.id == draft.id))
    session.flush()


def sweep_expired_drafts(session: Session, file_store: FileStore) -> int:
    """Delete every expired draft; its staged files are deleted when the caller commits."""
    rows = session.scalars(select(Draft).where(Draft.expires <= now())).all()
    for row in rows:
        for blob_id in row.blobs.split():
            file_store.discard_staged_after_commit(session, blob_id)
        session.delete(row)
    session.flush()
    return len(rows)


def held_blobs(session: Session) -> set[str]:
    """The staged files a live draft still holds (a file check must leave them alone)."""
    moment = now()
    return {
        blob_id
        for row in session.scalars(select(Draft))
        if _aware(row.expires) > moment
        for blob_id in row.blobs.split()
    }


def sweep_expired(session: Session, file_store: FileStore) -> tuple[int, int]:
    """End what has expired: reporters' and staff sessions, and report drafts with their files."""
    return purge_expired_sessions(session), sweep_expired_drafts(session, file_store)
