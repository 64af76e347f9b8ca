"""A global token bucket for receipt logins: it protects the server, keys on nothing.

No limit may key on an address: behind Tor every visitor shares one, and a
per-address limit would let one person lock everyone out (docs/architecture.md § 2).
With 80-bit codes the bucket is not what stops guessing; Argon2's semaphore
and this bucket keep a burst from exhausting the worker.
"""

from __future__ import annotations

import threading
import time


class TokenBucket:
    def __init__(self, capacity: float, per_second: float) -> None:
        self.capacity = float(capacity)
        self.per_second = float(per_second)
        self._tokens = float(capacity)
        self._stamp = time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Spend one token if there is one."""
        with self._lock:
            moment = time.monotonic()
            self._tokens = min(
                self.capacity, self._tokens + (moment - self._stamp) * self.per_second
            )
            self._stamp = moment
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return True
            return False
