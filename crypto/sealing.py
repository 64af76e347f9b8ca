"""Seal data to an X25519 public key: anyone may seal, only the private key opens."""

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from crypto import envelope
from crypto.envelope import Context
from crypto.errors import DecryptionError

VERSION: int = 1
KEY_SIZE = 32
_VERSION_BYTE = bytes([VERSION])
_INFO = b"wb/seal/v1"


@dataclass(frozen=True)
class KeyPair:
    """Hold an X25519 key pair as raw 32-byte strings."""

    private_key: bytes
    public_key: bytes

    def __repr__(self) -> str:
        # Keep private keys out of logs and tracebacks.
        return f"KeyPair(public_key={self.public_key.hex()!r}, private_key=<hidden>)"


def generate_keypair() -> KeyPair:
    """Generate a fresh X25519 key pair."""
    private = X25519PrivateKey.generate()
    return KeyPair(_private_bytes(private), _public_bytes(private.public_key()))


def public_key_from_private(private_key: bytes) -> bytes:
    """Return the raw public key belonging to a raw private key."""
    return _public_bytes(_load_private(private_key).public_key())


def seal(public_key: bytes, plaintext: bytes, context: Context) -> bytes:
    """Encrypt plaintext so that only the holder of public_key's private key can read it."""
    return _seal_with(public_key, plaintext, context, X25519PrivateKey.generate(), None)


def _seal_with(
    public_key: bytes,
    plaintext: bytes,
    context: Context,
    ephemeral: X25519PrivateKey,
    nonce: bytes | None,
) -> bytes:
    """Seal with a given ephemeral key (and nonce); fixed values only for known-answer vectors."""
    recipient = _load_public(public_key)
    ephemeral_public = _public_bytes(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), ephemeral_public, public_key)
    if nonce is None:
        nonce = os.urandom(envelope.NONCE_SIZE)
    return (
        _VERSION_BYTE
        + ephemeral_public
        + envelope._encrypt_with_nonce(key, plaintext, context, nonce)
    )


def open_sealed(private_key: bytes, blob: bytes, context: Context) -> bytes:
    """Decrypt a sealed blob with the recipient's raw private key."""
    private = _load_private(private_key)
    if len(blob) < 1 + KEY_SIZE or blob[0] != VERSION:
        raise DecryptionError("sealed blob is truncated or of an unknown version")
    ephemeral_public = bytes(blob[1 : 1 + KEY_SIZE])
    try:
        # The ephemeral key is attacker-controlled: a low-order point makes the
        # exchange fail with ValueError, which must look like any other failure.
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:
        raise DecryptionError("sealed blob failed authentication") from None
    key = _derive(shared, ephemeral_public, _public_bytes(private.public_key()))
    return envelope.decrypt(key, bytes(blob[1 + KEY_SIZE :]), context)


def _derive(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    """Derive the AES key; the salt binds both public keys so the seal cannot be re-targeted."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=envelope.KEY_SIZE,
        salt=ephemeral_public + recipient_public,
        info=_INFO,
    )
    return hkdf.derive(shared)


def _load_private(private_key: bytes) -> X25519PrivateKey:
    if len(private_key) != KEY_SIZE:
        raise ValueError(f"private key must be {KEY_SIZE} bytes")
    return X25519PrivateKey.from_private_bytes(private_key)


def _load_public(public_key: bytes) -> X25519PublicKey:
    if len(public_key) != KEY_SIZE:
        raise ValueError(f"public key must be {KEY_SIZE} bytes")
    return X25519PublicKey.from_public_bytes(public_key)


def _private_bytes(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _public_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
