"""The instance directory: secrets (0600), public keys, encrypted files.

Layout (docs/architecture.md § 2):

    <data dir>/secrets/   0700, files 0600: never logged, never committed
    <data dir>/public/    the unit's and the custodian's public keys (all the portal needs)
    <data dir>/files/     encrypted attachments under random names
    <data dir>/wb.sqlite3 the default database
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from crypto.passwords import hkdf

from .errors import ConfigError

# integrity_key proves the public keys (the portal reads it); audit_key keys the audit
# chain and backup manifests (the back office and the CLI read it). Both are also
# wrapped under the recovery key, so a restore can check a backup with them.
INTEGRITY_KEY = "integrity_key"
AUDIT_KEY = "audit_key"
SECRET_NAMES = (
    "portal_secret_key",
    "backoffice_secret_key",
    "receipt_salt",
    "backoffice_pepper",
    INTEGRITY_KEY,
    AUDIT_KEY,
)
RECOVERY_WRAPPED_SECRETS = (INTEGRITY_KEY, AUDIT_KEY)
PUBLIC_KEYS = ("unit", "custodian")
PROOF_FILE = "keys.mac"


def key_id(public_key: bytes) -> str:
    """A short name for a public key, stored per case to say what it is sealed to."""
    return hashlib.sha256(b"wb/key-id\x00" + public_key).hexdigest()[:16]


def public_keys_proof(integrity_key: bytes, unit: bytes, custodian: bytes) -> str:
    """HMAC over both public keys with a key from the data dir's secrets.

    Someone who can write public/ but not secrets/ cannot make a proof for their
    own keys; the portal, which holds no private key, can still check it.
    """
    mac_key = hkdf(integrity_key, b"wb/public-keys/mac")
    message = b"wb/public-keys/v1\x00" + unit + custodian
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class InstancePaths:
    root: Path

    @property
    def secrets_dir(self) -> Path:
        return self.root / "secrets"

    @property
    def public_dir(self) -> Path:
        return self.root / "public"

    @property
    def files_dir(self) -> Path:
        return self.root / "files"

    def exists(self) -> bool:
        return (self.public_dir / "unit.pub").exists()

    def read_secret(self, name: str) -> bytes:
        path = self.secrets_dir / name
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise ConfigError(f"missing secret {path}; run `wb init` first") from None

    def read_public(self, name: str) -> bytes:
        path = self.public_dir / f"{name}.pub"
        try:
            return bytes.fromhex(path.read_text().strip())
        except FileNotFoundError:
            raise ConfigError(f"missing public key {path}; run `wb init` first") from None

    def certify_public_keys(self) -> None:
        """Write the proof for the public keys now in public/ (only after checking them)."""
        unit, custodian = (self.read_public(name) for name in PUBLIC_KEYS)
        proof = public_keys_proof(self.read_secret(INTEGRITY_KEY), unit, custodian)
        (self.public_dir / PROOF_FILE).write_text(proof + "\n")

    def verified_public_keys(self) -> tuple[bytes, bytes]:
        """The unit and custodian public keys, refused unless they carry the unit's proof."""
        unit, custodian = (self.read_public(name) for name in PUBLIC_KEYS)
        try:
            proof = (self.public_dir / PROOF_FILE).read_text().strip()
        except FileNotFoundError:
            proof = ""
        expected = public_keys_proof(self.read_secret(INTEGRITY_KEY), unit, custodian)
        if not hmac.compare_digest(proof, expected):
            raise ConfigError(
                f"the public keys in {self.public_dir} carry no valid proof from the unit: "
                "they may have been replaced; check them with `wb keys certify`"
            )
        return unit, custodian

    def create_dirs(self) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.tighten()
        self.secrets_dir.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.secrets_dir, 0o700)
        self.public_dir.mkdir(exist_ok=True)
        self.files_dir.mkdir(mode=0o700, exist_ok=True)

    def tighten(self) -> None:
        """Make the data dir 0700 whatever the umask made it (mkdir's mode is masked).

        Only a directory this process owns is changed; on a shared volume owned by
        someone else the operator sets the rights.
        """
        if self.root.exists() and self.root.stat().st_uid == os.getuid():
            os.chmod(self.root, 0o700)

    def write_secret(self, name: str, value: bytes) -> None:
        """Write a secret with mode 0600 from the first byte on (no window with wider rights)."""
        path = self.secrets_dir / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())

    def write_public(self, name: str, key: bytes) -> None:
        (self.public_dir / f"{name}.pub").write_text(key.hex() + "\n")

    def generate_secrets(self) -> None:
        for name in SECRET_NAMES:
            self.write_secret(name, secrets.token_bytes(32))

    def generate_missing_secrets(self) -> list[str]:
        """Create the secrets an instance from an earlier build lacks; return their names."""
        missing = [n for n in SECRET_NAMES if not (self.secrets_dir / n).exists()]
        for name in missing:
            self.write_secret(name, secrets.token_bytes(32))
        return missing
