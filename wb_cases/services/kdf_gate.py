"""Run Argon2 behind a bounded semaphore (design.md § 2, Receipt codes).

Each derivation costs 64 MiB and a few hundred milliseconds; an unbounded
number at once would let a burst exhaust a worker's memory. When the gate is
full for longer than the wait, the caller gets ServerBusyError and shows a
calm "busy, try again in a minute" page. Nothing here keys on an address.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from ..errors import ServerBusyError

T = TypeVar("T")

_gate: threading.BoundedSemaphore | None = None
_gate_size = 0
_lock = threading.Lock()


def configure(concurrency: int) -> None:
    global _gate, _gate_size
    with _lock:
        if _gate is None or _gate_size != concurrency:
            _gate = threading.BoundedSemaphore(concurrency)
            _gate_size = concurrency


def run_gated(work: Callable[[], T], wait_seconds: float = 10.0, concurrency: int = 2) -> T:
    if _gate is None:
        configure(concurrency)
    assert _gate is not None
    if not _gate.acquire(timeout=wait_seconds):
        raise ServerBusyError("too many key derivations at once")
    try:
        return work()
    finally:
        _gate.release()
