"""Make, format and read receipt codes; derive their lookup tag and key.

Why 80 bits and Argon2id: docs/architecture.md § 2.
"""

import secrets
from dataclasses import dataclass

from crypto import _crockford
from crypto.errors import MalformedReceiptError
from crypto.passwords import KdfParams, argon2id, hkdf

RECEIPT_LENGTH = 16
_BITS = 5 * RECEIPT_LENGTH  # 80 bits: see docs/architecture.md § 2 for why not 16 digits
_LOOKUP_INFO = b"wb/receipt/lookup"
_KEY_INFO = b"wb/receipt/key"


def new_receipt_code() -> str:
    """Return a fresh receipt code in canonical form (16 characters, no dashes)."""
    return _crockford.encode_int(secrets.randbits(_BITS), RECEIPT_LENGTH)


def format_receipt(code: str) -> str:
    """Return a code grouped for display, e.g. "K7QM-2XHD-9FRA-TW3C"."""
    return _crockford.group(normalize_receipt(code))


def normalize_receipt(text: str) -> str:
    """Return the canonical form of a typed receipt code."""
    cleaned = _crockford.clean(text)
    if len(cleaned) != RECEIPT_LENGTH:
        raise MalformedReceiptError(f"a receipt code has {RECEIPT_LENGTH} characters")
    if not _crockford.is_canonical(cleaned):
        raise MalformedReceiptError("a receipt code uses only 0-9 and A-Z without U")
    return cleaned


@dataclass(frozen=True)
class ReceiptKeys:
    """Hold the stored lookup tag and the never-stored receipt key of one code."""

    lookup_tag: bytes
    receipt_key: bytes

    def __repr__(self) -> str:
        return f"ReceiptKeys(lookup_tag={self.lookup_tag.hex()!r}, receipt_key=<hidden>)"


def derive_receipt_keys(code: str, installation_salt: bytes, params: KdfParams) -> ReceiptKeys:
    """Derive the lookup tag and receipt key from a code as typed."""
    stretched = argon2id(normalize_receipt(code).encode("ascii"), installation_salt, params)
    return ReceiptKeys(
        lookup_tag=hkdf(stretched, _LOOKUP_INFO),
        receipt_key=hkdf(stretched, _KEY_INFO),
    )
