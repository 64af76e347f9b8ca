"""Retention settings from `WB_RETENTION_*` variables (defaults in docs/retention.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import policies
from policies import RetentionClass

from .config import _int

#: Months after the reporter's last input during which a case is kept whatever its class.
AFTER_REPORTER_INPUT_MONTHS = 6
#: How many days ahead the warning list looks.
WARNING_DAYS = 30

DEFAULTS = policies.RetentionSettings()
ENV_NAMES: dict[RetentionClass, str] = {
    cls: f"WB_RETENTION_{cls.name}_MONTHS" for cls in RetentionClass
}


@dataclass(frozen=True)
class RetentionConfig:
    settings: policies.RetentionSettings = field(default_factory=policies.RetentionSettings)
    after_reporter_input_months: int = AFTER_REPORTER_INPUT_MONTHS
    warning_days: int = WARNING_DAYS


def retention_from_env(env: Mapping[str, str] | None = None) -> RetentionConfig:
    """Per-outcome months, the reporter-input grace and the warning horizon; fails fast."""
    env = os.environ if env is None else env
    months = {
        cls: _int(env, name, DEFAULTS.months[cls], minimum=0) for cls, name in ENV_NAMES.items()
    }
    return RetentionConfig(
        settings=policies.RetentionSettings(months=months),
        after_reporter_input_months=_int(
            env, "WB_RETENTION_AFTER_REPORTER_INPUT_MONTHS", AFTER_REPORTER_INPUT_MONTHS, minimum=0
        ),
        warning_days=_int(env, "WB_RETENTION_WARNING_DAYS", WARNING_DAYS, minimum=0),
    )
