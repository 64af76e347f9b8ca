"""Count the figures with SQL aggregation over plain columns (conventions.md § 2).

Nothing here reads an encrypted column or needs a key: every figure is a
COUNT/SUM/GROUP BY over dates, flags and codes, so summaries run on an
instance whose keys are absent (tests/summaries/test_no_decryption.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from policies import DeadlineKind

from ..models import Case, CommitteeNotice, Deadline, Matter
from ..models.case import Channel
from .periods import Period

NOT_RECORDED = "not_recorded"
AGE_BANDS = (
    (0, 30, "0-30"),
    (31, 90, "31-90"),
    (91, 180, "91-180"),
    (181, 365, "181-365"),
    (366, None, "366+"),
)


@dataclass(frozen=True)
class Headline:
    """The figures of conventions.md § 2 for one period."""

    reports_received: int
    anonymous: int
    matters: int
    inside: int
    outside: int
    declined_24d: int
    untriaged: int
    matters_closed: int
    investigations_closed: int
    confirmed: int
    with_consequences: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class DeadlineCount:
    """Deadlines in a period: met, met late, missed and still open, not yet due, unknown."""

    kept: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    not_recorded: int = 0

    @property
    def total(self) -> int:
        return self.kept + self.late + self.overdue + self.pending + self.not_recorded


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _days(session: Session, later: Any, earlier: Any) -> ColumnElement[int]:
    """Whole days between two dates, in SQL."""
    if _dialect(session) == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return type_coerce(later - earlier, Integer)


def _within(column: Any, period: Period) -> ColumnElement[bool]:
    return column.between(period.start, period.end)


def _has_consequences(session: Session) -> ColumnElement[bool]:
    column = Matter.consequences
    if _dialect(session) == "sqlite":
        return func.coalesce(func.json_array_length(column), 0) > 0
    is_array = func.json_typeof(column) == "array"
    return case((is_array, func.json_array_length(column)), else_=0) > 0


def _int(value: Any) -> int:
    return int(value or 0)


MatterKey = tuple[str | None, str | None, str | None, str | None, str | None]


def matters_received(session: Session, period: Period) -> dict[MatterKey, int]:
    """Matters of the cases received in the period, counted by (scope, reason, administration,
    category, route) in one grouped query; the scope counts and breakdowns add these up."""
    administration = func.coalesce(Matter.administration, Case.administration)
    keys = (Matter.scope, Matter.scope_reason, administration, Matter.category, Matter.route)
    rows = session.execute(
        select(*keys, func.count())
        .join(Case, Matter.case_id == Case.id)
        .where(_within(Case.received, period))
        .group_by(*keys)
    ).all()
    return {tuple(row[:5]): int(row[5]) for row in rows}  # type: ignore[misc]


def add_up(
    groups: Mapping[MatterKey, int], position: int, scope: str | None = None
) -> dict[str, int]:
    """Sum grouped matter counts by one of the key's positions (optionally one scope only)."""
    result: dict[str, int] = {}
    for key, count in groups.items():
        if scope is not None and key[0] != scope:
            continue
        code = key[position]
        name = str(code) if code not in (None, "") else NOT_RECORDED
        result[name] = result.get(name, 0) + count
    return result


def count_headline(
    session: Session, period: Period, groups: Mapping[MatterKey, int] | None = None
) -> Headline:
    """reports_received … with_consequences for one period."""
    received, anonymous = session.execute(
        select(func.count(), func.sum(case((Case.anonymous, 1), else_=0))).where(
            _within(Case.received, period)
        )
    ).one()
    if groups is None:
        by_scope: dict[str | None, int] = {
            scope: count
            for scope, count in session.execute(
                select(Matter.scope, func.count())
                .join(Case, Matter.case_id == Case.id)
                .where(_within(Case.received, period))
                .group_by(Matter.scope)
            ).all()
        }
    else:
        by_scope = {}
        for key, count in groups.items():
            by_scope[key[0]] = by_scope.get(key[0], 0) + count
    closed, investigations, confirmed, with_consequences = session.execute(
        select(
            func.count(),
            func.sum(case((Matter.scope == "inside", 1), else_=0)),
            func.sum(case((Matter.confirmed.is_(True), 1), else_=0)),
            func.sum(case((_has_consequences(session), 1), else_=0)),
        ).where(_within(Matter.closed, period))
    ).one()
    known = ("inside", "outside", "declined_24d")
    return Headline(
        reports_received=_int(received),
        anonymous=_int(anonymous),
        matters=sum(by_scope.values()),
        inside=by_scope.get("inside", 0),
        outside=by_scope.get("outside", 0),
        declined_24d=by_scope.get("declined_24d", 0),
        untriaged=sum(n for scope, n in by_scope.items() if scope not in known),
        matters_closed=_int(closed),
        investigations_closed=_int(investigations),
        confirmed=_int(confirmed),
        with_consequences=_int(with_consequences),
    )


def count_consequences(session: Session, period: Period) -> dict[str, int]:
    """Matters closed in the period, by consequence type (one matter may have several)."""
    if _dialect(session) == "sqlite":
        sql = (
            "SELECT j.value, count(DISTINCT m.id) "
            "FROM matters AS m, json_each(m.consequences) AS j "
            "WHERE m.closed BETWEEN :start AND :end GROUP BY j.value"
        )
    else:
        sql = (
            "SELECT j.value, count(DISTINCT m.id) FROM matters AS m CROSS JOIN LATERAL "
            "json_array_elements_text(CASE WHEN json_typeof(m.consequences) = 'array' "
            "THEN m.consequences ELSE '[]'::json END) AS j(value) "
            "WHERE m.closed BETWEEN :start AND :end GROUP BY j.value"
        )
    rows = session.execute(text(sql), {"start": period.start, "end": period.end}).all()
    return {str(code): int(count) for code, count in rows}


def _deadline_outcome(
    done: Any, due: Any, as_of: dt.date, unknown: ColumnElement[bool] | None = None
) -> ColumnElement[str]:
    whens: list[tuple[Any, str]] = []
    if unknown is not None:
        whens.append((and_(done.is_(None), unknown), "not_recorded"))
    whens += [
        (and_(done.is_not(None), done <= due), "kept"),
        (done.is_not(None), "late"),
        (due < as_of, "overdue"),
    ]
    return case(*whens, else_="pending")


def _deadline_count(rows: Any) -> DeadlineCount:
    return DeadlineCount(**{str(outcome): int(count) for outcome, count in rows})


def count_deadlines(session: Session, period: Period, as_of: dt.date) -> dict[str, DeadlineCount]:
    """Acknowledgement and feedback (cases received in the period) and § 15 answers due in it.

    Imported cases without the date recorded count as "not recorded", not as missed.
    """
    imported = Case.channel == Channel.IMPORT.value
    result: dict[str, DeadlineCount] = {}
    for key, done, due in (
        ("acknowledgement", Case.acknowledged, Case.ack_due),
        ("feedback", Case.feedback_given, Case.feedback_due),
    ):
        outcome = _deadline_outcome(done, due, as_of, imported)
        result[key] = _deadline_count(
            session.execute(
                select(outcome, func.count())
                .where(_within(Case.received, period))
                .group_by(outcome)
            ).all()
        )
    outcome = _deadline_outcome(Deadline.done, Deadline.due, as_of)
    result["answer"] = _deadline_count(
        session.execute(
            select(outcome, func.count())
            .where(
                Deadline.kind == DeadlineKind.ANSWER,
                Deadline.due.is_not(None),
                _within(Deadline.due, period),
            )
            .group_by(outcome)
        ).all()
    )
    return result


def _median(histogram: Mapping[int, int]) -> float | None:
    """The median of a histogram {days: count}, the mean of the middle two for an even count."""
    total = sum(histogram.values())
    if total == 0:
        return None
    wanted = ((total - 1) // 2, total // 2)
    found: list[int] = []
    seen = 0
    for days in sorted(histogram):
        count = histogram[days]
        for index in wanted:
            if seen <= index < seen + count:
                found.append(days)
        seen += count
    return sum(found) / len(found)


def medians(session: Session, period: Period) -> dict[str, tuple[float | None, int]]:
    """Median days to acknowledgement and feedback (cases received) and to closing (matters
    closed in the period)."""
    result: dict[str, tuple[float | None, int]] = {}
    for key, done in (("acknowledgement", Case.acknowledged), ("feedback", Case.feedback_given)):
        days = _days(session, done, Case.received)
        histogram = dict(
            session.execute(
                select(days, func.count())
                .where(_within(Case.received, period), done.is_not(None))
                .group_by(days)
            ).all()
        )
        result[key] = (_median(histogram), sum(histogram.values()))
    days = _days(session, Matter.closed, Case.received)
    histogram = dict(
        session.execute(
            select(days, func.count())
            .select_from(Matter)
            .join(Case, Matter.case_id == Case.id)
            .where(_within(Matter.closed, period))
            .group_by(days)
        ).all()
    )
    result["closing"] = (_median(histogram), sum(histogram.values()))
    return result


def backlog(session: Session, as_of: dt.date) -> dict[str, int]:
    """Matters open at the end of `as_of`, by age in days since their case was received."""
    # SQLite has no date type: CAST(... AS DATE) would make '2025-03-31' the number 2025.
    day = (
        literal(as_of, Date) if _dialect(session) == "sqlite" else cast(literal(as_of, Date), Date)
    )
    age = _days(session, day, Case.received)
    whens = [(age <= high, label) for _, high, label in AGE_BANDS if high is not None]
    band = case(*whens, else_=AGE_BANDS[-1][2])
    rows = session.execute(
        select(band, func.count())
        .select_from(Matter)
        .join(Case, Matter.case_id == Case.id)
        .where(Case.received <= as_of, or_(Matter.closed.is_(None), Matter.closed > as_of))
        .group_by(band)
    ).all()
    found = dict(rows)
    return {label: int(found.get(label, 0)) for _, _, label in AGE_BANDS}


def notices(session: Session, period: Period) -> dict[str, tuple[int, int]]:
    """Committee notices queued in the period by kind: (queued, of which sent)."""
    rows = session.execute(
        select(
            CommitteeNotice.kind,
            func.count(),
            func.sum(case((CommitteeNotice.sent.is_not(None), 1), else_=0)),
        )
        .where(_within(CommitteeNotice.queued, period))
        .group_by(CommitteeNotice.kind)
    ).all()
    return {str(kind): (int(queued), _int(sent)) for kind, queued, sent in rows}
