"""Re-encrypt what a migration cannot: rows written under an older associated-data version.

A migration holds no key, so messages and attachments written before version 2
(services/contexts.py) keep their version-1 ciphertexts and are read with their
own version-1 context. `wb keys reseal` opens each case with the unit key and
rewrites those rows under version 2, after which a flipped author or kind no
longer decrypts (docs/security.md, "Associated data").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import crypto

from ..models import Attachment, Case, Message
from . import contexts
from .casefile import case_key_for_staff
from .keyring import UnlockedKeys


@dataclass(frozen=True)
class ResealResult:
    messages: int
    attachments: int


def _reseal_message(row: Message, case_key: bytes) -> None:
    text = crypto.decrypt(case_key, row.body, contexts.message_row(row))
    row.ad_version = contexts.AD_VERSION
    row.body = crypto.encrypt(case_key, text, contexts.message_row(row))


def _reseal_attachment(row: Attachment, case_key: bytes) -> None:
    file_key = crypto.unwrap_key(case_key, row.file_key_wrapped, contexts.attachment_key_row(row))
    meta = crypto.decrypt(case_key, row.meta, contexts.attachment_meta_row(row))
    row.ad_version = contexts.AD_VERSION
    row.file_key_wrapped = crypto.wrap_key(case_key, file_key, contexts.attachment_key_row(row))
    row.meta = crypto.encrypt(case_key, meta, contexts.attachment_meta_row(row))


def reseal_old_rows(session: Session, keys: UnlockedKeys) -> ResealResult:
    """Rewrite every version-1 message and attachment under version 2; the caller commits."""
    old_messages = session.scalars(
        select(Message).where(Message.ad_version < contexts.AD_VERSION)
    ).all()
    old_attachments = session.scalars(
        select(Attachment).where(Attachment.ad_version < contexts.AD_VERSION)
    ).all()
    case_keys: dict[str, bytes] = {}

    def key_of(case_id: str) -> bytes:
        if case_id not in case_keys:
            case = session.get(Case, case_id)
            assert case is not None
            case_keys[case_id] = case_key_for_staff(case, keys)
        return case_keys[case_id]

    for message in old_messages:
        _reseal_message(message, key_of(message.case_id))
    for attachment in old_attachments:
        _reseal_attachment(attachment, key_of(attachment.case_id))
    session.flush()
    return ResealResult(len(old_messages), len(old_attachments))
