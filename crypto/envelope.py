"""Encrypt small values with AES-256-GCM, bound to where they live (docs/architecture.md § 2)."""

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.errors import DecryptionError

VERSION: int = 1
KEY_SIZE = 32
NONCE_SIZE = 12
TAG_SIZE = 16
_VERSION_BYTE = bytes([VERSION])
_OVERHEAD = 1 + NONCE_SIZE + TAG_SIZE


@dataclass(frozen=True)
class Context:
    """Name the place a ciphertext belongs to; it is authenticated, not encrypted."""

    purpose: str
    case_id: str = ""
    row: str = ""
    field: str = ""

    def __post_init__(self) -> None:
        # An empty purpose would let unrelated ciphertexts share a context.
        if not self.purpose:
            raise ValueError("Context.purpose must not be empty")

    def encode(self) -> bytes:
        """Return the canonical encoding: each part as a 4-byte length then UTF-8."""
        # Length prefixes make the encoding injective: ("a", "bc") != ("ab", "c").
        out = bytearray()
        for part in (self.purpose, self.case_id, self.row, self.field):
            raw = part.encode("utf-8")
            out += len(raw).to_bytes(4, "big")
            out += raw
        return bytes(out)


def check_key(key: bytes) -> None:
    """Reject anything but a 32-byte key; a short key is a programming error."""
    if not isinstance(key, bytes | bytearray) or len(key) != KEY_SIZE:
        raise ValueError(f"key must be {KEY_SIZE} bytes")


def associated_data(context: Context) -> bytes:
    """Return the associated data for the current version: version byte then context."""
    return _VERSION_BYTE + context.encode()


def encrypt(key: bytes, plaintext: bytes, context: Context) -> bytes:
    """Encrypt plaintext under key, binding it to context."""
    return _encrypt_with_nonce(key, plaintext, context, os.urandom(NONCE_SIZE))


def _encrypt_with_nonce(key: bytes, plaintext: bytes, context: Context, nonce: bytes) -> bytes:
    """Encrypt with a given nonce; only for known-answer vectors, never reuse a nonce."""
    check_key(key)
    if len(nonce) != NONCE_SIZE:
        raise ValueError(f"nonce must be {NONCE_SIZE} bytes")
    sealed = AESGCM(key).encrypt(nonce, plaintext, associated_data(context))
    return _VERSION_BYTE + nonce + sealed


def decrypt(key: bytes, blob: bytes, context: Context) -> bytes:
    """Decrypt and authenticate blob made by encrypt for the same key and context."""
    check_key(key)
    if len(blob) < _OVERHEAD or blob[0] != VERSION:
        raise DecryptionError("ciphertext is truncated or of an unknown version")
    nonce, sealed = blob[1 : 1 + NONCE_SIZE], blob[1 + NONCE_SIZE :]
    try:
        return AESGCM(key).decrypt(nonce, sealed, associated_data(context))
    except InvalidTag:
        raise DecryptionError("ciphertext failed authentication") from None
