"""The back office's configuration, settings and today's date, for views (no Flask in
services); the accessors are shared with the portal (wb_cases/web/env.py)."""

from __future__ import annotations

from flask_babel import get_locale

from wb_cases.config import BackofficeConfig
from wb_cases.web.env import app_config, deadline_settings, today, unit_options

__all__ = ["cfg", "deadline_settings", "language", "today", "unit_options"]


def cfg() -> BackofficeConfig:
    config: BackofficeConfig = app_config()
    return config


def language() -> str:
    """The interface language of this request, "da" or "en", for texts kept in both."""
    return "en" if str(get_locale() or "da").startswith("en") else "da"
