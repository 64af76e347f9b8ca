"""Summaries count plain fields: they run with no keys at all and never call a decryption."""

from __future__ import annotations

import shutil

import pytest

import crypto
from tests.helpers import file_report
from tests.summaries.conftest import FIXTURE, run_wb, summary_json


def test_summaries_run_without_keys_and_without_decrypting(instance, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    with instance.session() as session:
        file_report(instance, session, today=instance_today())
    assert run_wb(instance, "import", str(FIXTURE)).exit_code == 0

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a summary tried to decrypt")

    opening = [
        name
        for name in crypto.__all__
        if any(word in name for word in ("decrypt", "open", "unwrap", "unseal"))
    ]
    assert "decrypt" in opening and "open_sealed" in opening
    for name in opening:
        monkeypatch.setattr(crypto, name, refuse)
    shutil.rmtree(instance.common.paths.secrets_dir)  # no secret, no private key left
    for period in ("2016/17", "2026-Q1"):
        for fmt in ("json", "csv", "html"):
            out = tmp_path / f"s.{fmt}"
            result = run_wb(
                instance, "summary", "--period", period, "--format", fmt, "--out", str(out)
            )
            assert result.exit_code == 0, result.output
    assert (
        summary_json(instance, tmp_path, "--period", "2026-Q1", "--internal")["reports_received"]
        == 1
    )


def instance_today():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 3, 2)


@pytest.mark.parametrize("module", ["figures", "summary", "render", "discretion", "periods"])
def test_the_summary_modules_do_not_import_crypto(module):  # type: ignore[no-untyped-def]
    import importlib
    import inspect

    source = inspect.getsource(importlib.import_module(f"wb_cases.summaries.{module}"))
    assert "import crypto" not in source and "from crypto" not in source
    for encrypted in ("Case.report", "Case.identity_sealed", "Matter.title", "Case.case_key"):
        assert encrypted not in source
