"""Make case keys; wrap them, and the unit private key, under other keys.

Who holds which key: docs/architecture.md § 2.
"""

import hashlib
import secrets

from crypto import _crockford, envelope
from crypto.envelope import Context
from crypto.errors import DecryptionError, RecoveryKeyError
from crypto.passwords import hkdf

KEY_SIZE = 32
_RECOVERY_INFO = b"wb/recovery/v1"
# 256 key bits + 4 check bits fill exactly 52 base32 characters (13 groups of 4).
_RECOVERY_CHARS = 52
_CHECK_BITS = 4


def new_key() -> bytes:
    """Return a fresh random 256-bit key."""
    return secrets.token_bytes(KEY_SIZE)


def wrap_key(wrapping_key: bytes, key: bytes, context: Context) -> bytes:
    """Encrypt a 32-byte key under wrapping_key, bound to context."""
    if len(key) != KEY_SIZE:
        raise ValueError(f"only {KEY_SIZE}-byte keys are wrapped")
    return envelope.encrypt(wrapping_key, key, context)


def unwrap_key(wrapping_key: bytes, wrapped: bytes, context: Context) -> bytes:
    """Decrypt a key wrapped by wrap_key."""
    key = envelope.decrypt(wrapping_key, wrapped, context)
    if len(key) != KEY_SIZE:
        raise DecryptionError("unwrapped value is not a key")
    return key


def new_recovery_key() -> str:
    """Return a fresh recovery key formatted for printing once, e.g. "ABCD-EFGH-…"."""
    return _format_recovery_key(secrets.token_bytes(KEY_SIZE))


def _format_recovery_key(raw: bytes) -> str:
    """Format 32 key bytes plus their check bits; fixed input only for known-answer vectors."""
    value = (int.from_bytes(raw, "big") << _CHECK_BITS) | _check(raw)
    return _crockford.group(_crockford.encode_int(value, _RECOVERY_CHARS))


def recovery_wrapping_key(recovery_key: str) -> bytes:
    """Derive the wrapping key from a recovery key as typed back in."""
    return hkdf(_parse_recovery_key(recovery_key), _RECOVERY_INFO)


def _parse_recovery_key(text: str) -> bytes:
    """Return the 32 key bytes of a recovery key, read as leniently as a receipt code."""
    cleaned = _crockford.clean(text)
    if len(cleaned) != _RECOVERY_CHARS or not _crockford.is_canonical(cleaned):
        raise RecoveryKeyError(f"a recovery key has {_RECOVERY_CHARS} characters from 0-9 A-Z")
    value = _crockford.decode_int(cleaned)
    raw = (value >> _CHECK_BITS).to_bytes(KEY_SIZE, "big")
    # The check bits tell a typo from a wrong key before anything is decrypted.
    if value & ((1 << _CHECK_BITS) - 1) != _check(raw):
        raise RecoveryKeyError("recovery key has a typo")
    return raw


def _check(raw: bytes) -> int:
    """Return the 4 check bits of a recovery key."""
    return hashlib.sha256(b"wb/recovery/check" + raw).digest()[0] >> (8 - _CHECK_BITS)
