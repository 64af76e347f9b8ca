"""The corpus, built once per session, and each file cleaned once per session."""

from __future__ import annotations

from typing import Any

import pytest

from wb_cases import sandbox
from wb_cases.services.sanitize import Cleaning, clean_data

from . import corpus

needs_sandbox = pytest.mark.skipif(not sandbox.available(), reason="bubblewrap cannot run here")


@pytest.fixture(scope="session")
def planted_files(tmp_path_factory: Any) -> dict[str, bytes]:
    return corpus.build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def cleaned_files(planted_files: dict[str, bytes]) -> dict[str, Cleaning]:
    return {name: clean_data(data, name=name) for name, data in planted_files.items()}
