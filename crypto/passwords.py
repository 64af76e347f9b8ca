"""Derive a login verifier and a wrapping key from a staff password (docs/architecture.md § 2)."""

import hashlib
import hmac
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SALT_SIZE = 16
SECRET_SIZE = 32
PEPPER_MIN_SIZE = 16
_VERIFIER_INFO = b"wb/password/verifier"
_WRAP_INFO = b"wb/password/wrap"


@dataclass(frozen=True)
class KdfParams:
    """Hold Argon2id cost parameters; stored next to every secret so they can be raised."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    def __post_init__(self) -> None:
        for name in ("time_cost", "memory_kib", "parallelism"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ValueError(f"KdfParams.{name} must be a positive int")
        # Argon2 itself requires at least 8 KiB per lane.
        if self.memory_kib < 8 * self.parallelism:
            raise ValueError("KdfParams.memory_kib must be at least 8 * parallelism")

    def to_dict(self) -> dict[str, int]:
        """Return the parameters as a plain dict for storage."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: Mapping[str, int]) -> "KdfParams":
        """Build parameters from a stored dict, refusing unknown or missing keys."""
        expected = {f.name for f in fields(cls)}
        if set(d) != expected:
            raise ValueError(f"KdfParams needs exactly the keys {sorted(expected)}")
        return cls(**{name: d[name] for name in expected})

    def at_least(self, floor: "KdfParams") -> bool:
        """Return whether every cost is at or above floor's (e.g. RECOMMENDED in production)."""
        return (
            self.time_cost >= floor.time_cost
            and self.memory_kib >= floor.memory_kib
            and self.parallelism >= floor.parallelism
        )


# RFC 9106 § 4, second recommended option: t=3, 64 MiB, p=4.
RECOMMENDED = KdfParams()


def new_salt() -> bytes:
    """Return a fresh random salt."""
    return os.urandom(SALT_SIZE)


@dataclass(frozen=True)
class PasswordKeys:
    """Hold the two keys split from one password; store only verifier_hash(verifier)."""

    verifier: bytes
    wrapping_key: bytes

    def __repr__(self) -> str:
        return "PasswordKeys(<hidden>)"


def argon2id(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """Stretch secret with Argon2id into 32 bytes of key material."""
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=SECRET_SIZE,
        type=Type.ID,
    )


def hkdf(key_material: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    """Expand key material into one 32-byte key for the purpose named by info."""
    return HKDF(algorithm=hashes.SHA256(), length=SECRET_SIZE, salt=salt, info=info).derive(
        key_material
    )


def derive_password_keys(
    password: str, salt: bytes, params: KdfParams, pepper: bytes
) -> PasswordKeys:
    """Derive the login verifier and the wrapping key from a password."""
    if len(pepper) < PEPPER_MIN_SIZE:
        # An empty or tiny pepper would silently drop the "DB copy alone is not
        # enough" property of docs/architecture.md § 2.
        raise ValueError(f"pepper must be at least {PEPPER_MIN_SIZE} bytes")
    # NFC so the same password typed on another keyboard or OS gives the same key.
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    stretched = argon2id(secret, salt, params)
    # The pepper is the HKDF salt of both outputs: without the data-dir secret
    # a stolen database cannot even test a guess against the stored verifier hash.
    return PasswordKeys(
        verifier=hkdf(stretched, _VERIFIER_INFO, salt=pepper),
        wrapping_key=hkdf(stretched, _WRAP_INFO, salt=pepper),
    )


def verifier_hash(verifier: bytes) -> bytes:
    """Return the hash of a verifier, the only form of it that is stored."""
    return hashlib.sha256(verifier).digest()


def verifier_matches(verifier: bytes, stored_hash: bytes) -> bool:
    """Return whether verifier hashes to stored_hash, in constant time."""
    return hmac.compare_digest(verifier_hash(verifier), stored_hash)
