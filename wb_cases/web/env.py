"""What a view needs from its app: the configuration, the unit's settings and today's date.

Both apps use these, so a test pins "today" the same way everywhere: set
``app.config["WB_TODAY"]`` to a date. Services never read Flask; views pass these in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app

import policies

from .. import clock


def app_config() -> Any:
    """The app's validated configuration (a PortalConfig or a BackofficeConfig)."""
    return current_app.extensions["wb_config"]


def deadline_settings() -> policies.DeadlineSettings:
    settings: policies.DeadlineSettings = app_config().common.deadline_settings
    return settings


def unit_options() -> policies.UnitOptions:
    options: policies.UnitOptions = app_config().common.unit_options
    return options


def today() -> dt.date:
    """Today in Copenhagen, unless a test pinned it through app.config["WB_TODAY"]."""
    pinned = current_app.config.get("WB_TODAY")
    return pinned if isinstance(pinned, dt.date) else clock.today()
