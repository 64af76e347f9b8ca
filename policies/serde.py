"""Strict dict conversion and schema description for the frozen fact/option dataclasses.

Fields may be a StrEnum, ``bool``, ``int`` or an optional of those. Each field's
``metadata`` carries ``doc`` (English) and optionally ``paragraph`` (a Paragraph).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from .errors import FactsFormatError

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One field of a facts/options dataclass, as the schema and the strategies see it."""

    name: str
    base: type
    optional: bool
    required: bool
    default: object
    doc: str
    paragraph: str | None


_SPECS: dict[type, tuple[FieldSpec, ...]] = {}


def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """Describe the fields of ``cls`` (a dataclass) in declaration order."""
    if cls not in _SPECS:
        _SPECS[cls] = _field_specs(cls)
    return _SPECS[cls]


def _field_specs(cls: type) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        optional = False
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            optional = len(args) < len(typing.get_args(hint))
            hint = args[0]
        required = f.default is dataclasses.MISSING
        par = f.metadata.get("paragraph")
        specs.append(
            FieldSpec(
                name=f.name,
                base=hint,
                optional=optional,
                required=required,
                default=None if required else f.default,
                doc=str(f.metadata.get("doc", "")),
                paragraph=None if par is None else str(par),
            )
        )
    return tuple(specs)


def _convert(spec: FieldSpec, value: object) -> object:
    if value is None:
        if spec.optional:
            return None
        raise FactsFormatError(spec.name, "must not be null")
    if issubclass(spec.base, StrEnum):
        if not isinstance(value, str):
            raise FactsFormatError(spec.name, f"expected a string, got {type(value).__name__}")
        try:
            return spec.base(value)
        except ValueError:
            allowed = ", ".join(m.value for m in spec.base)
            raise FactsFormatError(spec.name, f"{value!r} is not one of: {allowed}") from None
    if spec.base is bool:
        if not isinstance(value, bool):
            raise FactsFormatError(spec.name, f"expected true/false, got {value!r}")
        return value
    if spec.base is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FactsFormatError(spec.name, f"expected an integer, got {value!r}")
        return value
    raise FactsFormatError(spec.name, f"unsupported field type {spec.base!r}")  # pragma: no cover


def from_dict(cls: type[T], data: Mapping[str, object]) -> T:
    """Build ``cls`` from a JSON-like mapping; unknown keys or bad values raise FactsFormatError."""
    if not isinstance(data, Mapping):
        raise FactsFormatError("<root>", "expected an object")
    specs = {s.name: s for s in field_specs(cls)}
    for key in data:
        if key not in specs:
            raise FactsFormatError(str(key), "unknown field")
    kwargs: dict[str, Any] = {}
    for name, spec in specs.items():
        if name in data:
            kwargs[name] = _convert(spec, data[name])
        elif spec.required:
            raise FactsFormatError(name, "missing required field")
    return cls(**kwargs)


def check_types(obj: object) -> None:
    """Refuse values of the wrong type (e.g. a plain string where an enum belongs)."""
    for spec in field_specs(type(obj)):
        value = getattr(obj, spec.name)
        if value is None and spec.optional:
            continue
        ok = isinstance(value, spec.base) and not (spec.base is int and isinstance(value, bool))
        if not ok:
            raise TypeError(
                f"{type(obj).__name__}.{spec.name}: expected {spec.base.__name__}, got {value!r}"
            )


def to_dict(obj: object) -> dict[str, object]:
    """Render a facts/options dataclass as a JSON-safe dict (enums as their values)."""
    out: dict[str, object] = {}
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        out[f.name] = value.value if isinstance(value, StrEnum) else value
    return out


def describe(cls: type) -> list[dict[str, object]]:
    """Describe each field: name, type, allowed values, required, default, paragraph, doc."""
    rows: list[dict[str, object]] = []
    for spec in field_specs(cls):
        if issubclass(spec.base, StrEnum):
            kind = "enum"
            values: list[str] | None = [m.value for m in spec.base]
        else:
            kind = "boolean" if spec.base is bool else "integer"
            values = None
        default = spec.default.value if isinstance(spec.default, StrEnum) else spec.default
        rows.append(
            {
                "name": spec.name,
                "type": kind,
                "values": values,
                "nullable": spec.optional,
                "required": spec.required,
                "default": default,
                "paragraph": spec.paragraph,
                "doc": spec.doc,
            }
        )
    return rows
