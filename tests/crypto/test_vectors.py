"""Known answers: stored data must keep decrypting, whatever the code turns into."""

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from crypto import (
    Context,
    KdfParams,
    decrypt,
    decrypt_stream,
    derive_password_keys,
    derive_receipt_keys,
    normalize_receipt,
    open_sealed,
    recovery_wrapping_key,
    unwrap_key,
    verifier_hash,
)
from crypto.envelope import _encrypt_with_nonce
from crypto.sealing import _seal_with
from crypto.stream import _encrypt_stream_with_prefix

VECTORS = Path(__file__).parent / "vectors"


def load(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def context(d: dict[str, str]) -> Context:
    return Context(**d)


def pattern(size: int, seed: int) -> bytes:
    return bytes((seed + 31 * i) % 251 for i in range(size))


def hkdf(ikm: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


ENVELOPE, SEALING, STREAM, KDF = (
    load(n) for n in ("envelope.json", "sealing.json", "stream.json", "kdf.json")
)
PARAMS = KdfParams.from_dict(KDF["params"])


@pytest.mark.parametrize("v", ENVELOPE)
def test_stored_envelope_vector_still_decrypts(v: dict[str, Any]) -> None:
    key, blob, ctx = bytes.fromhex(v["key"]), bytes.fromhex(v["blob"]), context(v["context"])
    assert ctx.encode().hex() == v["context_encoded"]
    assert decrypt(key, blob, ctx) == bytes.fromhex(v["plaintext"])
    assert (
        _encrypt_with_nonce(key, bytes.fromhex(v["plaintext"]), ctx, bytes.fromhex(v["nonce"]))
        == blob
    )


@pytest.mark.parametrize("v", ENVELOPE)
def test_envelope_vector_matches_the_documented_format(v: dict[str, Any]) -> None:
    # version || nonce || AES-256-GCM(ct+tag) with AAD = version || context.encode()
    nonce = bytes.fromhex(v["nonce"])
    aad = b"\x01" + bytes.fromhex(v["context_encoded"])
    sealed = AESGCM(bytes.fromhex(v["key"])).encrypt(nonce, bytes.fromhex(v["plaintext"]), aad)
    assert bytes.fromhex(v["blob"]) == b"\x01" + nonce + sealed


@pytest.mark.parametrize("v", SEALING)
def test_stored_sealing_vector_still_opens(v: dict[str, Any]) -> None:
    ctx, blob = context(v["context"]), bytes.fromhex(v["blob"])
    assert open_sealed(bytes.fromhex(v["recipient_private"]), blob, ctx) == bytes.fromhex(
        v["plaintext"]
    )
    ephemeral = X25519PrivateKey.from_private_bytes(bytes.fromhex(v["ephemeral_private"]))
    again = _seal_with(
        bytes.fromhex(v["recipient_public"]),
        bytes.fromhex(v["plaintext"]),
        ctx,
        ephemeral,
        bytes.fromhex(v["nonce"]),
    )
    assert again == blob


@pytest.mark.parametrize("v", SEALING)
def test_sealing_vector_matches_the_documented_format(v: dict[str, Any]) -> None:
    blob, recipient_public = bytes.fromhex(v["blob"]), bytes.fromhex(v["recipient_public"])
    ephemeral = X25519PrivateKey.from_private_bytes(bytes.fromhex(v["ephemeral_private"]))
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = hkdf(shared, b"wb/seal/v1", salt=ephemeral_public + recipient_public)
    assert blob[:33] == b"\x01" + ephemeral_public
    assert decrypt(key, blob[33:], context(v["context"])) == bytes.fromhex(v["plaintext"])


@pytest.mark.parametrize("v", STREAM, ids=lambda v: str(v["size"]))
def test_stored_stream_vector_still_decrypts(v: dict[str, Any]) -> None:
    key, ctx, plaintext = bytes.fromhex(v["key"]), context(v["context"]), pattern(v["size"], 7)
    sink = io.BytesIO()
    _encrypt_stream_with_prefix(key, io.BytesIO(plaintext), sink, ctx, bytes.fromhex(v["prefix"]))
    blob = sink.getvalue()
    assert hashlib.sha256(blob).hexdigest() == v["blob_sha256"]
    if "blob" in v:
        assert blob == bytes.fromhex(v["blob"])
    out = io.BytesIO()
    assert decrypt_stream(key, io.BytesIO(blob), out, ctx) == v["size"]
    assert out.getvalue() == plaintext


@pytest.mark.parametrize("v", STREAM, ids=lambda v: str(v["size"]))
def test_stream_vector_matches_the_documented_format(v: dict[str, Any]) -> None:
    aead, prefix = AESGCM(bytes.fromhex(v["key"])), bytes.fromhex(v["prefix"])
    aad = b"\x01" + context(v["context"]).encode()
    plaintext = pattern(v["size"], 7)
    chunks = [plaintext[i : i + 65536] for i in range(0, len(plaintext), 65536)] or [b""]
    blob = (
        b"\x01"
        + prefix
        + b"".join(
            aead.encrypt(prefix + i.to_bytes(4, "big") + bytes([i == len(chunks) - 1]), chunk, aad)
            for i, chunk in enumerate(chunks)
        )
    )
    assert hashlib.sha256(blob).hexdigest() == v["blob_sha256"]


@pytest.mark.parametrize("v", KDF["passwords"], ids=lambda v: v["password"])
def test_stored_password_vector_derives_the_same_keys(v: dict[str, Any]) -> None:
    salt, pepper = bytes.fromhex(v["salt"]), bytes.fromhex(v["pepper"])
    keys = derive_password_keys(v["password"], salt, PARAMS, pepper)
    assert keys.verifier.hex() == v["verifier"]
    assert keys.wrapping_key.hex() == v["wrapping_key"]
    assert verifier_hash(keys.verifier).hex() == v["verifier_hash"]
    stretched = hash_secret_raw(v["password"].encode(), salt, 1, 8, 1, 32, Type.ID)
    assert hkdf(stretched, b"wb/password/wrap", salt=pepper) == keys.wrapping_key
    assert hkdf(stretched, b"wb/password/verifier", salt=pepper) == keys.verifier


@pytest.mark.parametrize("v", KDF["receipts"], ids=lambda v: v["canonical"])
def test_stored_receipt_vector_derives_the_same_tag_and_key(v: dict[str, Any]) -> None:
    salt = bytes.fromhex(v["salt"])
    assert normalize_receipt(v["typed"]) == v["canonical"]
    keys = derive_receipt_keys(v["typed"], salt, PARAMS)
    assert keys.lookup_tag.hex() == v["lookup_tag"]
    assert keys.receipt_key.hex() == v["receipt_key"]
    stretched = hash_secret_raw(v["canonical"].encode(), salt, 1, 8, 1, 32, Type.ID)
    assert hkdf(stretched, b"wb/receipt/lookup") == keys.lookup_tag
    assert hkdf(stretched, b"wb/receipt/key") == keys.receipt_key


def test_stored_recovery_vector_still_unwraps_the_unit_key() -> None:
    v = KDF["recovery"]
    wrapping = recovery_wrapping_key(v["recovery_key"])
    assert wrapping.hex() == v["wrapping_key"]
    assert recovery_wrapping_key(v["recovery_key"].lower().replace("-", " ")) == wrapping
    unit_key = unwrap_key(wrapping, bytes.fromhex(v["wrapped_unit_key"]), context(v["context"]))
    assert unit_key.hex() == v["unit_key"]
