"""Errors raised by the crypto package."""


class CryptoError(Exception):
    """Base class for every error the crypto package raises on purpose."""


class DecryptionError(CryptoError):
    """Signal that a ciphertext failed authentication or could not be parsed."""

    # One type for tamper, wrong key, wrong context, truncation and unknown
    # version: callers must not learn (or leak) which one it was.


class MalformedReceiptError(CryptoError, ValueError):
    """Signal that a receipt code is not 16 Crockford base32 characters."""


class RecoveryKeyError(CryptoError, ValueError):
    """Signal that a recovery key is mistyped or not a recovery key at all."""
