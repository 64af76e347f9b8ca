"""Count the figures with SQL aggregation over plain columns (docs/summaries.md).

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
    true,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from policies import DeadlineKind
from policies.deadlines import WHISTLEBLOWER_ACT_START

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
    """The headline figures of docs/summaries.md for one period."""

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
    not_applicable: int = 0  # received before the Whistleblower Act took effect

    @property
    def total(self) -> int:
        return (
            self.kept
            + self.late
            + self.overdue
            + self.pending
            + self.not_recorded
            + self.not_applicable
        )


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _days(session: Session, later: Any, earlier: Any) -> ColumnElement[int]:
    """Whole days between two dates, in SQL."""
    if _dialect(session) == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return type_coerce(later - earlier, Integer)


def month_of(session: Session, column: Any) -> ColumnElement[str]:
    """The "YYYY-MM" of a date column, in SQL: months are the committee's building blocks."""
    if _dialect(session) == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _within(column: Any, period: Period) -> ColumnElement[bool]:
    within: ColumnElement[bool] = column.between(period.start, period.end)
    return within


def _has_consequences(session: Session) -> ColumnElement[bool]:
    column = Matter.consequences
    if _dialect(session) == "sqlite":
        return func.coalesce(func.json_array_length(column), 0) > 0
    is_array = func.json_typeof(column) == "array"
    return case((is_array, func.json_array_length(column)), else_=0) > 0


def _int(value: Any) -> int:
    return int(value or 0)


MatterKey = tuple[str, str | None, str | None, str | None, str | None, str | None, str | None]
MONTH, SCOPE, REASON, ADMINISTRATION, CATEGORY, ROUTE, AREA = range(7)
Monthly = dict[str, dict[str, int]]  # "YYYY-MM" -> code -> count


def matters_received(session: Session, period: Period) -> dict[MatterKey, int]:
    """Matters of the cases received in the period, counted by (month, scope, reason,
    administration, category, route, area) in one grouped query; the scope counts and
    breakdowns add these up.

    The area is the triage fact `predominant_area` (`policies.Area`, § 24c, stk. 3), read
    from the plain facts document in the same query: a matter not yet triaged has none.
    """
    administration = func.coalesce(Matter.administration, Case.administration)
    keys = (
        month_of(session, Case.received),
        Matter.scope,
        Matter.scope_reason,
        administration,
        Matter.category,
        Matter.route,
        Matter.facts["predominant_area"].as_string(),
    )
    rows = session.execute(
        select(*keys, func.count())
        .join(Case, Matter.case_id == Case.id)
        .where(_within(Case.received, period))
        .group_by(*keys)
    ).all()
    return {tuple(row[:7]): int(row[7]) for row in rows}


def add_up(groups: Mapping[MatterKey, int], position: int, scope: str | None = None) -> Monthly:
    """Sum grouped matter counts by month and one of the key's positions (optionally one
    scope only)."""
    result: Monthly = {}
    for key, count in groups.items():
        if scope is not None and key[SCOPE] != scope:
            continue
        code = key[position]
        name = str(code) if code not in (None, "") else NOT_RECORDED
        month = result.setdefault(str(key[MONTH]), {})
        month[name] = month.get(name, 0) + count
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
            by_scope[key[SCOPE]] = by_scope.get(key[SCOPE], 0) + count
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


def count_consequences(session: Session, period: Period) -> Monthly:
    """Matters closed in the period, by month and consequence type (one matter may have
    several)."""
    if _dialect(session) == "sqlite":
        sql = (
            "SELECT strftime('%Y-%m', m.closed) AS month, j.value, count(DISTINCT m.id) "
            "FROM matters AS m, json_each(m.consequences) AS j "
            "WHERE m.closed BETWEEN :start AND :end GROUP BY month, j.value"
        )
    else:
        sql = (
            "SELECT to_char(m.closed, 'YYYY-MM') AS month, j.value, count(DISTINCT m.id) "
            "FROM matters AS m CROSS JOIN LATERAL "
            "json_array_elements_text(CASE WHEN json_typeof(m.consequences) = 'array' "
            "THEN m.consequences ELSE '[]'::json END) AS j(value) "
            "WHERE m.closed BETWEEN :start AND :end GROUP BY month, j.value"
        )
    rows = session.execute(text(sql), {"start": period.start, "end": period.end}).all()
    result: Monthly = {}
    for month, code, count in rows:
        result.setdefault(str(month), {})[str(code)] = int(count)
    return result


def _deadline_outcome(
    done: Any,
    due: Any,
    as_of: dt.date,
    unknown: ColumnElement[bool] | None = None,
    before_act: ColumnElement[bool] | None = None,
) -> ColumnElement[str]:
    whens: list[tuple[Any, str]] = []
    if before_act is not None:
        whens.append((before_act, "not_applicable"))
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

    Imported cases without the date recorded count as "not recorded", not as missed;
    cases received before the Whistleblower Act took effect as "not applicable".
    """
    imported = Case.channel == Channel.IMPORT.value
    before_act = Case.received < WHISTLEBLOWER_ACT_START
    result: dict[str, DeadlineCount] = {}
    for key, done, due in (
        ("acknowledgement", Case.acknowledged, Case.ack_due),
        ("feedback", Case.feedback_given, Case.feedback_due),
    ):
        outcome = _deadline_outcome(done, due, as_of, imported, before_act)
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


def medians(
    session: Session, period: Period, closing: Mapping[str, dict[int, int]] | None = None
) -> dict[str, tuple[float | None, int]]:
    """Median days to acknowledgement and feedback (cases received) and to closing (matters
    closed in the period; `closing` from `closing_histograms` if already counted)."""
    result: dict[str, tuple[float | None, int]] = {}
    for key, done in (("acknowledgement", Case.acknowledged), ("feedback", Case.feedback_given)):
        elapsed = _days(session, done, Case.received)
        counted: dict[int, int] = {
            int(n_days): int(count)
            for n_days, count in session.execute(
                select(elapsed, func.count())
                .where(_within(Case.received, period), done.is_not(None))
                .group_by(elapsed)
            ).all()
        }
        result[key] = (_median(counted), sum(counted.values()))
    # Every matter closed in the period, whatever its route (one grouped query serves both).
    histogram: dict[int, int] = {}
    if closing is None:
        closing = closing_histograms(session, period)
    for by_days in closing.values():
        for n_days, count in by_days.items():
            histogram[n_days] = histogram.get(n_days, 0) + count
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
    found: dict[str, int] = {str(label): int(count) for label, count in rows}
    return {label: found.get(label, 0) for _, _, label in AGE_BANDS}


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


# The routes a matter can take, grouped as the committee reads processing times.
ROUTE_GROUPS = ("own_investigation", "forwarded", "outside", "declined_24d")
_FORWARDED = (
    "internal_audit",
    "directorate",
    "mayor",
    "external_investigation",
    "work_environment_procedure",
)


def closing_histograms(session: Session, period: Period) -> dict[str, dict[int, int]]:
    """Matters closed in the period, by route group and days from receipt to closing."""
    group = case(
        (Matter.scope == "outside", "outside"),
        (Matter.scope == "declined_24d", "declined_24d"),
        (Matter.route == "own_investigation", "own_investigation"),
        (Matter.route.in_(_FORWARDED), "forwarded"),
        else_="other",
    )
    days = _days(session, Matter.closed, Case.received)
    histograms: dict[str, dict[int, int]] = {}
    for name, day_count, count in session.execute(
        select(group, days, func.count())
        .select_from(Matter)
        .join(Case, Matter.case_id == Case.id)
        .where(_within(Matter.closed, period))
        .group_by(group, days)
    ).all():
        histograms.setdefault(str(name), {})[int(day_count)] = int(count)
    return histograms


def closing_by_route(
    session: Session, period: Period, histograms: Mapping[str, dict[int, int]] | None = None
) -> dict[str, tuple[float | None, int]]:
    """Median days from receipt to closing, for matters closed in the period, per route
    group: own investigation, forwarded, outside scope, declined under § 24d."""
    if histograms is None:
        histograms = closing_histograms(session, period)
    return {
        name: (_median(histograms.get(name, {})), sum(histograms.get(name, {}).values()))
        for name in ROUTE_GROUPS
    }


def first_received(session: Session, *, imported: bool | None = None) -> dt.date | None:
    """The first case received (only imported, or only recorded here, if asked)."""
    query = select(func.min(Case.received))
    if imported is False:
        query = query.where(Case.channel != Channel.IMPORT.value)
    day = session.execute(query).scalar()
    if isinstance(day, str):  # SQLite may hand back the text
        return dt.date.fromisoformat(day)
    return day


def notices_imported(session: Session, period: Period) -> bool:
    """Whether an import carried committee notices for cases received in the period."""
    found = session.execute(
        select(func.count())
        .select_from(CommitteeNotice)
        .join(Case, CommitteeNotice.case_id == Case.id)
        .where(Case.channel == Channel.IMPORT.value, _within(Case.received, period))
    ).scalar()
    return bool(found)


def major_cases(session: Session, period: Period) -> tuple[int, int]:
    """Major cases (§ 24h): (received in the period, closed in the period)."""
    received, closed = session.execute(
        select(
            func.sum(case((_within(Case.received, period), 1), else_=0)),
            func.sum(case((_within(Case.closed, period), 1), else_=0)),
        ).where(Case.major == true())
    ).one()
    return _int(received), _int(closed)
