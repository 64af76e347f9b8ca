"""Small typed builders for policy tests."""

from __future__ import annotations

from typing import Any

from policies import Category, Gravity, MatterFacts, ReporterRelation, Threshold


def inside(**kw: Any) -> MatterFacts:
    """A named employee's gross, documentable, in-scope matter, with overrides."""
    base: dict[str, Any] = dict(
        reporter_relation=ReporterRelation.EMPLOYEE,
        anonymous=False,
        category=Category.LAW_VIOLATION,
        threshold=Threshold.GROSS,
        gravity=Gravity.GROSS,
        documentable=True,
    )
    base.update(kw)
    return MatterFacts(**base)
