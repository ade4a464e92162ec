"""The type registry: every Table Schema type the schemas may use, mapped once to what each layer
needs — the polars dtype and cast the checks and the model use, the Python value, the SQLite and
Arrow types of the exports, how the site shows a value, and the hint a type error gives.

A schema field whose type is not here is refused by the descriptor builder (curation/descriptor.py)
with the field's name, so no layer ever meets a type it cannot handle.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

# Table Schema's default true and false values for booleans (a field may declare its own).
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
NUMBER_RE = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
YEAR_RE = r"^[0-9]{4}$"


class UnknownType(ValueError):
    """A schema field declares a type the registry does not map."""


@dataclass(frozen=True)
class FieldType:
    name: str
    polars: Any                        # the polars dtype of a typed column
    cast: Callable[[pl.Expr, dict], pl.Expr]   # all-text column -> typed column; null where a cell does not parse
    parse: Callable[[str, dict], Any]  # one non-missing cell -> its Python value (ValueError when invalid)
    sqlite: str                        # declared column type in the SQLite export
    storage: tuple[str, ...]           # SQLite typeof() values a cell of this type may have
    arrow: str                         # name of the pyarrow type factory (pyarrow is imported only by exports)
    display: Callable[[Any], str]      # how the site writes a value
    hint: str                          # how to write a valid value (the fix line of a type error)
    example: str                       # a valid cell
    bounds: tuple[type, ...] = ()      # JSON kinds a minimum/maximum of this type may take (none: not ordered)

    def bound(self, value: Any, field: dict) -> Any:
        """A constraint bound (minimum, maximum) as a typed value, or None when it does not fit."""
        if isinstance(value, bool) or not isinstance(value, self.bounds):
            return None
        try:
            return self.parse(str(value), field)
        except ValueError:
            return None


def _booleans(field: dict) -> tuple[list[str], list[str]]:
    return ([str(v) for v in field.get("trueValues", TRUE_VALUES)], [str(v) for v in field.get("falseValues", FALSE_VALUES)])


def _cast_boolean(col: pl.Expr, field: dict) -> pl.Expr:
    trues, falses = _booleans(field)
    return pl.when(col.is_in(trues)).then(True).when(col.is_in(falses)).then(False).otherwise(None).cast(pl.Boolean)


def _parse_boolean(cell: str, field: dict) -> bool:
    trues, falses = _booleans(field)
    if cell in trues:
        return True
    if cell in falses:
        return False
    raise ValueError(cell)


def _parse_year(cell: str, field: dict) -> int:
    if not re.fullmatch(YEAR_RE, cell):
        raise ValueError(cell)
    return int(cell)


def _parse_integer(cell: str, field: dict) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", cell):
        raise ValueError(cell)
    return int(cell)


def _parse_number(cell: str, field: dict) -> float:
    if not re.fullmatch(NUMBER_RE, cell):
        raise ValueError(cell)
    return float(cell)


def show_number(value: Any) -> str:
    """A number as the text would write it: 60.0 -> "60", 2.5 -> "2.5"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def show_boolean(value: Any) -> str:
    return "yes" if value else "no"


def _show(value: Any) -> str:
    return "" if value is None else str(value)


REGISTRY: dict[str, FieldType] = {t.name: t for t in (
    FieldType("string", pl.Utf8, lambda col, f: col, lambda cell, f: cell, "TEXT", ("text",), "string", _show,
              "write the text", "Damascus"),
    FieldType("integer", pl.Int64, lambda col, f: col.cast(pl.Int64, strict=False), _parse_integer, "INTEGER", ("integer",), "int64",
              _show, "write a whole number such as 42 (digits only, an optional leading sign)", "42", (int,)),
    FieldType("number", pl.Float64, lambda col, f: pl.when(col.str.contains(NUMBER_RE)).then(col.cast(pl.Float64, strict=False)),
              _parse_number, "REAL", ("real",), "float64", show_number,
              "write a decimal number such as 3.5 (a point, no thousands separator)", "3.5", (int, float)),
    FieldType("boolean", pl.Boolean, _cast_boolean, _parse_boolean, "BOOLEAN", ("integer",), "bool_", show_boolean,
              "write true or false", "true"),
    FieldType("date", pl.Date, lambda col, f: pl.when(col.str.contains(DATE_RE)).then(col.str.to_date("%Y-%m-%d", strict=False)),
              lambda cell, f: date.fromisoformat(cell), "DATE", ("text",), "date32", lambda v: "" if v is None else v.isoformat(),
              "write the date as YYYY-MM-DD, e.g. 2024-12-08", "2024-12-08", (str,)),
    FieldType("year", pl.Int64, lambda col, f: pl.when(col.str.contains(YEAR_RE)).then(col.cast(pl.Int64, strict=False)),
              _parse_year, "INTEGER", ("integer",), "int64", _show, "write a four-digit year such as 2015", "2015", (int,)),
)}


def field_type(field: dict) -> FieldType:
    """The registry entry of a schema field (type "string" when the field declares none)."""
    kind = field.get("type", "string")
    try:
        return REGISTRY[kind]
    except (KeyError, TypeError):
        raise UnknownType(f"field {field.get('name')!r} has type {kind!r}, which the type registry does not know "
                          f"(known: {', '.join(REGISTRY)}); use one of those or add it to scripts/factkit/core/types.py") from None


def typed(field: dict) -> pl.Expr:
    """The field's all-text column cast to its type; a cell that does not parse becomes null."""
    return field_type(field).cast(pl.col(field["name"]), field).alias(field["name"])
