"""Prove that `import crypto` is our package, not a PyPI namesake (an old `crypto` exists there)."""

from pathlib import Path

import crypto

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_import_crypto_resolves_to_the_repository_package() -> None:
    assert crypto.__file__ is not None
    assert Path(crypto.__file__).resolve().parent == REPO_ROOT / "crypto"


def test_crypto_exposes_the_wb_api() -> None:
    assert callable(crypto.seal)
    assert set(crypto.__all__) <= set(dir(crypto))
