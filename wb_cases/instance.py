"""The instance directory: secrets (0600), public keys, encrypted files.

Layout (design.md § 2):

    <data dir>/secrets/   0700, files 0600: never logged, never committed
    <data dir>/public/    the unit's and the custodian's public keys (all the portal needs)
    <data dir>/files/     encrypted attachments under random names
    <data dir>/wb.sqlite3 the default database
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

SECRET_NAMES = ("portal_secret_key", "backoffice_secret_key", "receipt_salt", "backoffice_pepper")


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
