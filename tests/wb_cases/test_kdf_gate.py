"""Argon2 runs behind a bounded gate; a full gate answers "busy" instead of queueing forever."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from wb_cases.errors import ServerBusyError
from wb_cases.services import kdf_gate


@pytest.fixture
def small_gate() -> Iterator[None]:
    kdf_gate.configure(1, wait_seconds=0.2)
    yield
    kdf_gate.configure(2, wait_seconds=10.0)


def test_a_full_gate_makes_the_next_derivation_wait_then_fail_as_busy(small_gate: None) -> None:
    inside, release = threading.Event(), threading.Event()

    def slow() -> str:
        inside.set()
        release.wait(5)
        return "done"

    results: list[str] = []
    holder = threading.Thread(target=lambda: results.append(kdf_gate.run_gated(slow)))
    holder.start()
    assert inside.wait(5)
    with pytest.raises(ServerBusyError):
        kdf_gate.run_gated(lambda: "never runs")
    release.set()
    holder.join(5)
    assert results == ["done"]
    assert kdf_gate.run_gated(lambda: "free again") == "free again"


def test_the_wait_comes_from_configuration(small_gate: None) -> None:
    import time

    hold = threading.Event()
    holder = threading.Thread(target=lambda: kdf_gate.run_gated(lambda: hold.wait(5)))
    holder.start()
    time.sleep(0.05)
    started = time.monotonic()
    with pytest.raises(ServerBusyError):
        kdf_gate.run_gated(lambda: None)
    waited = time.monotonic() - started
    hold.set()
    holder.join(5)
    assert 0.15 <= waited < 2.0
