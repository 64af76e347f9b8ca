"""The app's configuration, settings and today's date, for views (no Flask in services)."""

from __future__ import annotations

import datetime as dt

from flask import current_app

import policies
from wb_cases import clock
from wb_cases.config import BackofficeConfig


def cfg() -> BackofficeConfig:
    config: BackofficeConfig = current_app.extensions["wb_config"]
    return config


def deadline_settings() -> policies.DeadlineSettings:
    return cfg().common.deadline_settings


def unit_options() -> policies.UnitOptions:
    return cfg().common.unit_options


def today() -> dt.date:
    """Today in Copenhagen (tests may pin it through app.config["WB_TODAY"])."""
    pinned = current_app.config.get("WB_TODAY")
    return pinned if isinstance(pinned, dt.date) else clock.today()
