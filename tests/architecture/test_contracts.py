"""Architecture contracts: dependencies point one way, the pure packages type-check strictly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_apps_depend_on_wb_cases_which_depends_on_the_pure_packages_only():
    result = _run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_crypto_and_policies_pass_mypy_strict():
    result = _run(str(BIN / "mypy"), "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_are_read_from_the_environment_in_the_config_module_only():
    """Every `WB_*` setting is parsed and validated once, in wb_cases/config.py."""
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("crypto", "policies", "wb_cases", "wb_portal", "wb_backoffice")
        for path in (ROOT / package).rglob("*.py")
        if path != ROOT / "wb_cases" / "config.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "os.environ" in line or "getenv(" in line
    ]
    assert offending == []


def test_the_portal_never_reads_the_client_address_or_user_agent():
    offending = [
        f"{path}:{number}"
        for path in (ROOT / "wb_portal").rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if any(word in line for word in ("remote_addr", "X-Forwarded-For", "user_agent"))
    ]
    assert offending == []


def test_the_code_passes_ruff():
    result = _run(
        str(BIN / "ruff"),
        "check",
        "crypto",
        "policies",
        "wb_cases",
        "wb_portal",
        "wb_backoffice",
        "benchmarks",
    )
    assert result.returncode == 0, result.stdout + result.stderr
