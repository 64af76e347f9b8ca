"""`WB_*` settings: parsed in one place, defaults that are safe, bad values fail fast by name."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

import policies
from wb_cases.config import OPTION_VARIABLES, CommonConfig, common_from_env
from wb_cases.errors import ConfigError


def test_defaults_turn_secure_cookies_on_and_follow_the_seed_statute(tmp_path: Path) -> None:
    config = common_from_env({"WB_DATA_DIR": str(tmp_path)})
    assert config.cookie_secure is True
    assert config.unit_options == policies.UnitOptions()
    assert config.deadline_settings == policies.DeadlineSettings()
    assert config.database_url == f"sqlite:///{tmp_path / 'wb.sqlite3'}"


def test_a_config_built_in_code_has_the_same_defaults(tmp_path: Path) -> None:
    built = CommonConfig(
        data_dir=tmp_path.resolve(), database_url=f"sqlite:///{tmp_path / 'wb.sqlite3'}"
    )
    assert built == common_from_env({"WB_DATA_DIR": str(tmp_path)})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", False),
        ("false", False),
        ("No", False),
        ("OFF", False),
        ("1", True),
        ("true", True),
        ("yes", True),
        ("on", True),
        ("", True),
    ],
)
def test_cookie_secure_is_read_from_the_environment(
    tmp_path: Path, raw: str, expected: bool
) -> None:
    config = common_from_env({"WB_DATA_DIR": str(tmp_path), "WB_COOKIE_SECURE": raw})
    assert config.cookie_secure is expected


def test_every_unit_option_has_a_variable() -> None:
    assert sorted(OPTION_VARIABLES.values()) == sorted(f.name for f in fields(policies.UnitOptions))


def test_option_variables_switch_the_2023_proposals(tmp_path: Path) -> None:
    config = common_from_env(
        {
            "WB_DATA_DIR": str(tmp_path),
            "WB_OPTION_EXTERNAL_TOP_OFFICIALS": "0",
            "WB_OPTION_CLOSE_ON_VOUCHING": "1",
            "WB_OPTION_WORK_ENVIRONMENT_PROCEDURE": "yes",
            "WB_OPTION_LOWER_SERVICE_LEVEL": "on",
        }
    )
    assert config.unit_options == policies.UnitOptions(
        external_investigation_top_officials=False,
        close_less_serious_on_vouching=True,
        work_environment_procedure=True,
        lower_service_level=True,
    )


def test_deadline_variables_set_deadlines_and_the_options_apply_on_top(tmp_path: Path) -> None:
    config = common_from_env(
        {
            "WB_DATA_DIR": str(tmp_path),
            "WB_DEADLINE_WORKING_DAY": "0",
            "WB_DEADLINE_STATUTE_WORKING_DAY": "0",
            "WB_DEADLINE_OPTIONAL_HOLIDAYS_CLOSED": "1",
            "WB_DEADLINE_ANSWER_DAYS": "28",
            "WB_DEADLINE_OUTCOME_REMINDER_DAYS": "30",
            "WB_DEADLINE_ASAP_TARGET_DAYS": "2",
            "WB_OPTION_LOWER_SERVICE_LEVEL": "1",
        }
    )
    assert config.deadline_settings == policies.DeadlineSettings(
        act_move_to_working_day=False,
        statute_move_to_working_day=False,
        optional_holidays_closed=True,
        answer_days=56,
        outcome_reminder_days=60,
        asap_target_days=2,
    )


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("WB_COOKIE_SECURE", "maybe"),
        ("WB_OPTION_CLOSE_ON_VOUCHING", "2"),
        ("WB_OPTION_LOWER_SERVICE_LEVEL", "ja"),
        ("WB_DEADLINE_WORKING_DAY", "sometimes"),
        ("WB_DEADLINE_ANSWER_DAYS", "three weeks"),
        ("WB_DEADLINE_ANSWER_DAYS", "14"),  # § 15 stk. 1 gives the administration three weeks
        ("WB_DEADLINE_OUTCOME_REMINDER_DAYS", "0"),
        ("WB_MAX_ATTACHMENT_MIB", "0"),
        ("WB_ARGON2_TIME_COST", "x"),
        ("WB_SUMMARY_THRESHOLD", "0"),
        ("WB_SUMMARY_THRESHOLD", "few"),
        ("WB_RETENTION_OUTSIDE_SCOPE_MONTHS", "-1"),
        ("WB_RETENTION_WARNING_DAYS", "a month"),
    ],
)
def test_a_bad_value_fails_fast_and_names_the_variable(tmp_path: Path, name: str, raw: str) -> None:
    with pytest.raises(ConfigError, match=name):
        common_from_env({"WB_DATA_DIR": str(tmp_path), name: raw})


def test_summary_threshold_and_retention_are_read_with_the_rest(tmp_path: Path) -> None:
    config = common_from_env(
        {
            "WB_DATA_DIR": str(tmp_path),
            "WB_SUMMARY_THRESHOLD": "5",
            "WB_RETENTION_WARNING_DAYS": "14",
        }
    )
    assert config.summary_threshold == 5
    assert config.retention.warning_days == 14
    assert common_from_env({"WB_DATA_DIR": str(tmp_path)}).summary_threshold == 3


@pytest.mark.parametrize("app", ["portal", "backoffice"])
def test_a_bad_setting_stops_the_app_before_it_starts(instance, app: str) -> None:  # type: ignore[no-untyped-def]
    """The WSGI entry points build their config from the environment: a bad committee
    threshold is refused there, naming it, instead of quietly falling back later."""
    from wb_cases.config import backoffice_from_env, portal_from_env

    env = {"WB_DATA_DIR": str(instance.common.data_dir), "WB_SUMMARY_THRESHOLD": "zero"}
    load = portal_from_env if app == "portal" else backoffice_from_env
    with pytest.raises(ConfigError, match="WB_SUMMARY_THRESHOLD"):
        load(env)
