from datetime import date

import pytest

from policies import RetentionClass, RetentionSettings, Route, retention_class, retention_until
from policies.retention import DEFAULT_RETENTION_MONTHS


def test_every_class_has_a_documented_default() -> None:
    assert set(DEFAULT_RETENTION_MONTHS) == set(RetentionClass)


def test_retention_adds_months_with_month_end_roll() -> None:
    assert retention_until(date(2024, 8, 31), RetentionClass.OUTSIDE_SCOPE) == date(2025, 2, 28)
    assert retention_until(date(2024, 2, 29), RetentionClass.INVESTIGATED_CONFIRMED) == date(
        2029, 2, 28
    )


def test_retention_periods_are_configurable() -> None:
    s = RetentionSettings({**DEFAULT_RETENTION_MONTHS, RetentionClass.OUTSIDE_SCOPE: 1})
    assert retention_until(date(2024, 1, 31), RetentionClass.OUTSIDE_SCOPE, s) == date(2024, 2, 29)
    with pytest.raises(ValueError):
        retention_until(
            date(2024, 1, 1),
            RetentionClass.OUTSIDE_SCOPE,
            RetentionSettings({RetentionClass.OUTSIDE_SCOPE: -1}),
        )


@pytest.mark.parametrize(
    ("route", "confirmed", "cls"),
    [
        (Route.FILE_WITHOUT_MORE, None, RetentionClass.OUTSIDE_SCOPE),
        (Route.DECLINED_24D, None, RetentionClass.DECLINED_24D),
        (Route.CLOSE_ON_VOUCHING, None, RetentionClass.CLOSED_WITHOUT_INVESTIGATION),
        (Route.OWN_INVESTIGATION, True, RetentionClass.INVESTIGATED_CONFIRMED),
        (Route.INTERNAL_AUDIT, False, RetentionClass.INVESTIGATED_NOT_CONFIRMED),
    ],
)
def test_retention_class_follows_route_and_confirmation(
    route: Route, confirmed: bool | None, cls: RetentionClass
) -> None:
    assert retention_class(route, confirmed) is cls


def test_a_zero_month_period_lets_the_case_go_on_the_day_it_closed() -> None:
    now = RetentionSettings({**DEFAULT_RETENTION_MONTHS, RetentionClass.OUTSIDE_SCOPE: 0})
    closed = date(2024, 5, 31)
    assert retention_until(closed, RetentionClass.OUTSIDE_SCOPE, now) == closed
    with pytest.raises(ValueError):
        never = RetentionSettings({**DEFAULT_RETENTION_MONTHS, RetentionClass.OUTSIDE_SCOPE: -1})
        retention_until(closed, RetentionClass.OUTSIDE_SCOPE, never)


def test_settings_with_the_same_periods_are_one_key_and_others_another() -> None:
    """Settings are frozen values: equal periods hash alike whatever their order."""
    same = RetentionSettings(dict(reversed(list(DEFAULT_RETENTION_MONTHS.items()))))
    assert hash(same) == hash(RetentionSettings())
    longer = RetentionSettings({**DEFAULT_RETENTION_MONTHS, RetentionClass.DECLINED_24D: 36})
    assert len({RetentionSettings(), same, longer}) == 2
    assert hash(longer) != hash(RetentionSettings())
