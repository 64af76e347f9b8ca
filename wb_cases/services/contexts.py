"""Where each ciphertext lives: the associated data that binds it there (docs/architecture.md § 2).

One function per kind of ciphertext, so a value cannot be moved to another
case, row or field, and nobody spells a context by hand twice.


Messages and attachments have two versions of associated data (the row's
`ad_version`): version 1 bound only case and sequence, so flipping a message's
author from "unit" to "reporter" still decrypted; version 2 also binds every
plain field that changes the meaning (a message's author and kind, an
attachment's author and message). New rows are written as version 2; old rows
stay readable with their own version-1 AD until `wb keys reseal` re-encrypts
them (a migration cannot: it holds no key). docs/security.md, "Associated data".
"""

from __future__ import annotations

import json
from typing import Protocol

from crypto import Context

AD_VERSION = 2


def case_key_sealed(case_id: str) -> Context:
    return Context(purpose="case-key.unit", case_id=case_id)


def case_key_receipt(case_id: str) -> Context:
    return Context(purpose="case-key.receipt", case_id=case_id)


def staff_key_sealed(case_id: str) -> Context:
    return Context(purpose="staff-key.unit", case_id=case_id)


def report(case_id: str) -> Context:
    return Context(purpose="case.report", case_id=case_id, field="report")


def identity(case_id: str) -> Context:
    return Context(purpose="case.identity", case_id=case_id, field="identity")


def _bound(*fields: object) -> str:
    # JSON keeps the list injective: ("a", "b,c") and ("a,b", "c") differ.
    return json.dumps(list(fields), separators=(",", ":"))


def message_body(
    case_id: str, seq: int, author: str, kind: str, ad_version: int = AD_VERSION
) -> Context:
    """A message's text, bound to who wrote it and what it is (version 2)."""
    if ad_version == 1:
        return Context(purpose="message.body", case_id=case_id, row=str(seq), field="body")
    return Context(
        purpose="message.body.v2", case_id=case_id, row=str(seq), field=_bound("body", author, kind)
    )


def note_body(case_id: str, seq: int) -> Context:
    return Context(purpose="note.body", case_id=case_id, row=str(seq), field="body")


def major_summary_draft(case_id: str) -> Context:
    """A major case's draft summary text for the annual report (§ 24h, stk. 2)."""
    return Context(purpose="major.summary", case_id=case_id, field="draft")


def matter_field(case_id: str, matter_seq: int, field: str) -> Context:
    return Context(purpose="matter.field", case_id=case_id, row=str(matter_seq), field=field)


def attachment_key(
    case_id: str,
    blob_id: str,
    author: str,
    message_seq: int | None,
    ad_version: int = AD_VERSION,
) -> Context:
    """An attachment's file key, bound to who sent it and with which message (version 2)."""
    if ad_version == 1:
        return Context(purpose="attachment.key", case_id=case_id, row=blob_id)
    return Context(
        purpose="attachment.key.v2",
        case_id=case_id,
        row=blob_id,
        field=_bound("key", author, message_seq),
    )


def attachment_meta(
    case_id: str,
    blob_id: str,
    author: str,
    message_seq: int | None,
    ad_version: int = AD_VERSION,
) -> Context:
    """An attachment's name and type, bound like its key."""
    if ad_version == 1:
        return Context(purpose="attachment.meta", case_id=case_id, row=blob_id, field="meta")
    return Context(
        purpose="attachment.meta.v2",
        case_id=case_id,
        row=blob_id,
        field=_bound("meta", author, message_seq),
    )


class _MessageRow(Protocol):
    case_id: str
    seq: int
    author: str
    kind: str
    ad_version: int


class _AttachmentRow(Protocol):
    case_id: str
    id: str
    author: str
    message_seq: int | None
    ad_version: int


def message_row(row: _MessageRow) -> Context:
    """The context a stored message row was written under (its own AD version)."""
    return message_body(row.case_id, row.seq, row.author, row.kind, row.ad_version)


def attachment_key_row(row: _AttachmentRow) -> Context:
    return attachment_key(row.case_id, row.id, row.author, row.message_seq, row.ad_version)


def attachment_meta_row(row: _AttachmentRow) -> Context:
    return attachment_meta(row.case_id, row.id, row.author, row.message_seq, row.ad_version)


def preview_meta(case_id: str, blob_id: str) -> Context:
    return Context(purpose="preview.meta", case_id=case_id, row=blob_id, field="meta")


def preview_page(case_id: str, blob_id: str, number: int) -> Context:
    return Context(
        purpose="preview.page", case_id=case_id, row=f"{blob_id}/{number}", field="image"
    )


def preview_safe_copy(case_id: str, blob_id: str) -> Context:
    return Context(purpose="preview.safe_copy", case_id=case_id, row=blob_id, field="pdf")
