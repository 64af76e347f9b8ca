"""Logging that can never carry an address or a user agent (docs/architecture.md § 3)."""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

# IPv4, IPv6 (loose) and "host:port" shapes; replaced, never logged.
_ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b|\b(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}\b"
)


def scrub(text: str) -> str:
    return _ADDRESS.sub("[address removed]", text)


class DropAddresses(logging.Filter):
    """Rewrite every record so no address survives, whatever the formatter does."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        return True


class AnonymousGunicornLogger(Logger):
    """gunicorn's logger without access logging and with addresses scrubbed."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(DropAddresses())

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        return None
