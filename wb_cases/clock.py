"""Days, not moments: every date a person's act leaves behind is a Copenhagen day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today() -> dt.date:
    return dt.datetime.now(COPENHAGEN).date()


def now() -> dt.datetime:
    """The current moment, for session expiry only (never stored for a reporter unrounded)."""
    return dt.datetime.now(dt.UTC)


def round_up(moment: dt.datetime, minutes: int = 15) -> dt.datetime:
    """Round up to the next multiple of `minutes`, so an expiry tells no exact time."""
    base = moment.replace(second=0, microsecond=0)
    extra = (-base.minute) % minutes
    if extra == 0 and moment != base:
        extra = minutes
    return base + dt.timedelta(minutes=extra)
