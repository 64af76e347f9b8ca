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
    return policies.DeadlineSettings.for_options(
        unit_options(), move_to_working_day=cfg().common.deadline_moves_to_working_day)


def unit_options() -> policies.UnitOptions:
    options: policies.UnitOptions = current_app.extensions.get(
        "wb_unit_options", policies.UnitOptions())
    return options


def today() -> dt.date:
    """Today in Copenhagen (tests may pin it through app.config["WB_TODAY"])."""
    pinned = current_app.config.get("WB_TODAY")
    return pinned if isinstance(pinned, dt.date) else clock.today()
