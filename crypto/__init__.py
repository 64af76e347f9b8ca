"""Encrypt, seal and derive keys for wb; the public API, re-exported (docs/architecture.md § 2)."""

from crypto.envelope import VERSION, Context, decrypt, encrypt
from crypto.errors import CryptoError, DecryptionError, MalformedReceiptError, RecoveryKeyError
from crypto.keys import new_key, new_recovery_key, recovery_wrapping_key, unwrap_key, wrap_key
from crypto.passwords import (
    RECOMMENDED,
    KdfParams,
    PasswordKeys,
    derive_password_keys,
    new_salt,
    verifier_hash,
    verifier_matches,
)
from crypto.receipt import (
    RECEIPT_LENGTH,
    ReceiptKeys,
    derive_receipt_keys,
    format_receipt,
    new_receipt_code,
    normalize_receipt,
)
from crypto.sealing import KeyPair, generate_keypair, open_sealed, public_key_from_private, seal
from crypto.stream import (
    SEGMENT_SIZE,
    StreamWriter,
    ciphertext_size,
    decrypt_stream,
    encrypt_stream,
    iter_decrypt,
)

__all__ = [
    "RECEIPT_LENGTH",
    "RECOMMENDED",
    "SEGMENT_SIZE",
    "VERSION",
    "Context",
    "CryptoError",
    "DecryptionError",
    "KdfParams",
    "KeyPair",
    "MalformedReceiptError",
    "PasswordKeys",
    "ReceiptKeys",
    "RecoveryKeyError",
    "StreamWriter",
    "ciphertext_size",
    "decrypt",
    "decrypt_stream",
    "derive_password_keys",
    "derive_receipt_keys",
    "encrypt",
    "encrypt_stream",
    "format_receipt",
    "generate_keypair",
    "iter_decrypt",
    "new_key",
    "new_receipt_code",
    "new_recovery_key",
    "new_salt",
    "normalize_receipt",
    "open_sealed",
    "public_key_from_private",
    "recovery_wrapping_key",
    "seal",
    "unwrap_key",
    "verifier_hash",
    "verifier_matches",
    "wrap_key",
]
