"""Committee summaries: figures by SQL aggregation, periods, discretion, renderers.

Counts over plain fields only, never a decryption (docs/summaries.md).
`build_summary` computes; `render` writes html, pdf, csv or json.
"""

from .discretion import DEFAULT_THRESHOLD, suppress
from .errors import PeriodError
from .figures import Headline
from .periods import (
    Period,
    PeriodKind,
    calendar_year,
    half_year,
    month,
    parse_period,
    quarter,
    reporting_half,
    reporting_year,
)
from .summary import Summary, build_summary

__all__ = [
    "DEFAULT_THRESHOLD",
    "Headline",
    "Period",
    "PeriodError",
    "PeriodKind",
    "Summary",
    "build_summary",
    "calendar_year",
    "half_year",
    "month",
    "parse_period",
    "quarter",
    "reporting_half",
    "reporting_year",
    "suppress",
]
