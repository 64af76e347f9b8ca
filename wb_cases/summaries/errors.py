"""Errors raised by summaries and the import of earlier cases."""

from __future__ import annotations

from ..errors import WbError


class PeriodError(WbError, ValueError):
    """A period that does not exist, or one the committee's version refuses."""
