"""Where each ciphertext lives: the associated data that binds it there (docs/architecture.md § 2).

One function per kind of ciphertext, so a value cannot be moved to another
case, row or field, and nobody spells a context by hand twice.
"""

from __future__ import annotations

from crypto import Context


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


def message_body(case_id: str, seq: int) -> Context:
    return Context(purpose="message.body", case_id=case_id, row=str(seq), field="body")


def note_body(case_id: str, seq: int) -> Context:
    return Context(purpose="note.body", case_id=case_id, row=str(seq), field="body")


def matter_field(case_id: str, matter_seq: int, field: str) -> Context:
    return Context(purpose="matter.field", case_id=case_id, row=str(matter_seq), field=field)


def attachment_key(case_id: str, blob_id: str) -> Context:
    return Context(purpose="attachment.key", case_id=case_id, row=blob_id)


def attachment_meta(case_id: str, blob_id: str) -> Context:
    return Context(purpose="attachment.meta", case_id=case_id, row=blob_id, field="meta")


def preview_meta(case_id: str, blob_id: str) -> Context:
    return Context(purpose="preview.meta", case_id=case_id, row=blob_id, field="meta")


def preview_page(case_id: str, blob_id: str, number: int) -> Context:
    return Context(
        purpose="preview.page", case_id=case_id, row=f"{blob_id}/{number}", field="image"
    )


def preview_safe_copy(case_id: str, blob_id: str) -> Context:
    return Context(purpose="preview.safe_copy", case_id=case_id, row=blob_id, field="pdf")
