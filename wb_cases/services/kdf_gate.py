"""Run Argon2 behind a bounded semaphore (docs/architecture.md § 2).

Each derivation costs 64 MiB and a few hundred milliseconds; an unbounded
number at once would let a burst exhaust a worker's memory. When the gate is
full for longer than the wait, the caller gets ServerBusyError and shows a
calm "busy, try again in a minute" page. Nothing here keys on an address.

Each app calls `configure()` once at start with `WB_ARGON2_CONCURRENCY` and
`WB_ARGON2_WAIT_SECONDS`; the CLI and tests run with the defaults.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..errors import ServerBusyError

T = TypeVar("T")


@dataclass(frozen=True)
class _Gate:
    semaphore: threading.BoundedSemaphore
    concurrency: int
    wait_seconds: float


_gate = _Gate(threading.BoundedSemaphore(2), 2, 10.0)
_lock = threading.Lock()


def configure(concurrency: int, wait_seconds: float = 10.0) -> None:
    """Size the gate; a new size gets a new semaphore (never while one is held)."""
    global _gate
    with _lock:
        if (concurrency, wait_seconds) != (_gate.concurrency, _gate.wait_seconds):
            semaphore = (
                _gate.semaphore
                if concurrency == _gate.concurrency
                else threading.BoundedSemaphore(concurrency)
            )
            _gate = _Gate(semaphore, concurrency, wait_seconds)


def run_gated(work: Callable[[], T]) -> T:
    """Run `work` when a slot is free; ServerBusyError if none frees up in time."""
    gate = _gate
    if not gate.semaphore.acquire(timeout=gate.wait_seconds):
        raise ServerBusyError("too many key derivations at once")
    try:
        return work()
    finally:
        gate.semaphore.release()
