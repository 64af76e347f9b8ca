"""Dump and load every table as JSON lines, portable between SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from sqlalchemy import Integer, func, insert, select, text
from sqlalchemy.engine import Connection

from ..db import Base


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dt.datetime):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag == "$b":
            return base64.b64decode(raw)
        if tag == "$t":
            return dt.datetime.fromisoformat(raw)
        if tag == "$d":
            return dt.date.fromisoformat(raw)
    return value


def dump_rows(connection: Connection, out: TextIO) -> dict[str, int]:
    """Write one JSON line per row, tables in dependency order; return counts per table."""
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        counts[table.name] = 0
        order = list(table.primary_key.columns)
        for row in connection.execute(select(table).order_by(*order)).mappings():
            out.write(
                json.dumps({"table": table.name, "row": {k: _encode(v) for k, v in row.items()}})
                + "\n"
            )
            counts[table.name] += 1
    return counts


def read_rows(lines: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for line in lines:
        if line.strip():
            record = json.loads(line)
            yield record["table"], {k: _decode(v) for k, v in record["row"].items()}


def load_rows(connection: Connection, lines: Iterable[str], batch: int = 500) -> dict[str, int]:
    """Insert dumped rows into an empty schema, then move sequences past the ids used."""
    tables = Base.metadata.tables
    counts: dict[str, int] = {}
    pending: dict[str, list[dict[str, Any]]] = {}

    def flush(name: str) -> None:
        if pending.get(name):
            connection.execute(insert(tables[name]), pending[name])
            pending[name] = []

    current = None
    for name, row in read_rows(lines):
        if name != current and current is not None:
            flush(current)
        current = name
        pending.setdefault(name, []).append(row)
        counts[name] = counts.get(name, 0) + 1
        if len(pending[name]) >= batch:
            flush(name)
    if current is not None:
        flush(current)
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection)
    return counts


def _reset_sequences(connection: Connection) -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement is not False:
                highest = connection.execute(select(func.max(column))).scalar()
                if highest is not None:
                    connection.execute(
                        text("SELECT setval(pg_get_serial_sequence(:t, :c), :v)"),
                        {"t": table.name, "c": column.name, "v": highest},
                    )
