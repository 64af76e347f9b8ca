"""Write the known-answer vectors in vectors/ once; tests then pin the stored format.

Run: .venv/bin/python tests/crypto/make_vectors.py [--force]
Regenerating changes the expected bytes, so do it only for a deliberate new
format version, and keep the old files: stored data still uses them.
"""

import argparse
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from crypto import (
    Context,
    KdfParams,
    derive_password_keys,
    derive_receipt_keys,
    envelope,
    keys,
    sealing,
    stream,
)

VECTORS = Path(__file__).parent / "vectors"
FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
CONTEXTS = [
    Context("case.field", case_id="2026-0001", row="1", field="description"),
    Context("case-key.receipt", case_id="9b2e0c6a-7a51-4f0e-9d8e-3c1f0b7d2a11"),
    Context("message.body", case_id="2026-0002", row="12", field="bødy ✓"),
]


def pattern(size: int, seed: int) -> bytes:
    """Return deterministic test bytes that anyone can regenerate without this script."""
    return bytes((seed + 31 * i) % 251 for i in range(size))


def context_dict(context: Context) -> dict[str, str]:
    return {
        "purpose": context.purpose,
        "case_id": context.case_id,
        "row": context.row,
        "field": context.field,
    }


def envelope_vectors() -> list[dict[str, Any]]:
    out = []
    for i, (context, plaintext) in enumerate(
        zip(CONTEXTS, [b"", b"a report about the harbour", "blåbær".encode()], strict=True)
    ):
        key, nonce = pattern(32, i), pattern(12, 100 + i)
        out.append(
            {
                "key": key.hex(),
                "nonce": nonce.hex(),
                "context": context_dict(context),
                "context_encoded": context.encode().hex(),
                "plaintext": plaintext.hex(),
                "blob": envelope._encrypt_with_nonce(key, plaintext, context, nonce).hex(),
            }
        )
    return out


def sealing_vectors() -> list[dict[str, Any]]:
    out = []
    for i, context in enumerate(CONTEXTS[:2]):
        ephemeral_raw = pattern(32, 300 + i)
        nonce = pattern(12, 400 + i)
        recipient_raw = pattern(32, 200 + i)
        plaintext = pattern(32, 500 + i)
        blob = sealing._seal_with(
            sealing.public_key_from_private(recipient_raw),
            plaintext,
            context,
            X25519PrivateKey.from_private_bytes(ephemeral_raw),
            nonce,
        )
        out.append(
            {
                "recipient_private": recipient_raw.hex(),
                "recipient_public": sealing.public_key_from_private(recipient_raw).hex(),
                "ephemeral_private": ephemeral_raw.hex(),
                "nonce": nonce.hex(),
                "context": context_dict(context),
                "plaintext": plaintext.hex(),
                "blob": blob.hex(),
            }
        )
    return out


def stream_vectors() -> list[dict[str, Any]]:
    out = []
    context = Context("case.attachment", case_id="2026-0001", row="att-1")
    for size in [0, 1, 100, 65535, 65536, 65537, 3 * 65536]:
        key, prefix = pattern(32, size % 97), pattern(7, 600 + size % 89)
        sink = io.BytesIO()
        stream._encrypt_stream_with_prefix(key, io.BytesIO(pattern(size, 7)), sink, context, prefix)
        blob = sink.getvalue()
        vector: dict[str, Any] = {
            "size": size,
            "plaintext": f"pattern(size, 7): bytes((7 + 31 * i) % 251 for i in range({size}))",
            "key": key.hex(),
            "prefix": prefix.hex(),
            "context": context_dict(context),
            "blob_sha256": hashlib.sha256(blob).hexdigest(),
        }
        # Small blobs are stored whole so a test can decrypt the bytes themselves.
        if size <= 100:
            vector["blob"] = blob.hex()
        out.append(vector)
    return out


def kdf_vectors() -> dict[str, Any]:
    salt, pepper = pattern(16, 700), pattern(32, 701)
    receipt_salt = pattern(16, 702)
    recovery = keys._format_recovery_key(pattern(32, 705))
    recovery_key = keys.recovery_wrapping_key(recovery)
    wrapped = envelope._encrypt_with_nonce(
        recovery_key, pattern(32, 703), Context("unit-key.recovery"), pattern(12, 704)
    )
    return {
        "params": FAST.to_dict(),
        "passwords": [
            {
                "password": password,
                "salt": salt.hex(),
                "pepper": pepper.hex(),
                "verifier": (
                    k := derive_password_keys(password, salt, FAST, pepper)
                ).verifier.hex(),
                "wrapping_key": k.wrapping_key.hex(),
                "verifier_hash": hashlib.sha256(k.verifier).hexdigest(),
            }
            for password in ["correct horse battery staple", "blåbærsyltetøj"]
        ],
        "receipts": [
            {
                "typed": typed,
                "canonical": canonical,
                "salt": receipt_salt.hex(),
                "lookup_tag": (
                    r := derive_receipt_keys(typed, receipt_salt, FAST)
                ).lookup_tag.hex(),
                "receipt_key": r.receipt_key.hex(),
            }
            for typed, canonical in [
                ("K7QM-2XHD-9FRA-TW3C", "K7QM2XHD9FRATW3C"),
                ("oil0 abcd efgh jkmn", "0110ABCDEFGHJKMN"),
            ]
        ],
        "recovery": {
            "recovery_key": recovery,
            "wrapping_key": recovery_key.hex(),
            "wrapped_unit_key": wrapped.hex(),
            "unit_key": pattern(32, 703).hex(),
            "context": context_dict(Context("unit-key.recovery")),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="overwrite existing vectors")
    args = parser.parse_args()
    outputs = {
        "envelope.json": envelope_vectors(),
        "sealing.json": sealing_vectors(),
        "stream.json": stream_vectors(),
        "kdf.json": kdf_vectors(),
    }
    VECTORS.mkdir(exist_ok=True)
    for name, content in outputs.items():
        path = VECTORS / name
        if path.exists() and not args.force:
            print(f"{path} exists; not overwritten (use --force)", file=sys.stderr)
            continue
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
