"""The package's vocabulary, read from its Table Schemas: which tables hold facts and the id prefix
of each, and the allowed values of every enum. Nothing here lists a table, a prefix or an enum
value: schemas/ says them once (anchors.fact_id's pattern names the prefixes, each fact table's id
pattern starts with its own), and every layer asks here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# The resource whose fact_id pattern lists the fact prefixes, "(ev|cl|rel|qty)-...".
ANCHORS = "anchors"
FACT_ID = "fact_id"


@dataclass(frozen=True)
class FactTable:
    prefix: str      # "ev"
    resource: str    # "events"
    id_field: str    # "event_id"

    @property
    def kind(self) -> str:
        """The fact's kind in words, from its id field: "event_id" -> "event"."""
        return self.id_field.removesuffix("_id")


def key_fields(value: object) -> list[str]:
    """A primaryKey or foreign-key `fields` as a list (Table Schema allows one name or a list)."""
    if isinstance(value, str):
        return [value]
    return list(value or []) if isinstance(value, (list, tuple)) else []


def field_of(schema: dict, name: str) -> dict | None:
    for f in schema.get("fields", []) or []:
        if isinstance(f, dict) and f.get("name") == name:
            return f
    return None


def constraint(schema: dict, field: str, key: str):
    f = field_of(schema, field) or {}
    return (f.get("constraints") or {}).get(key)


def enum(schema: dict, field: str) -> list:
    """The allowed values of a field, in the schema's order (empty when the field has no enum)."""
    return list(constraint(schema, field, "enum") or [])


def fact_tables(schemas: Iterable[tuple[str, dict]]) -> dict[str, FactTable]:
    """prefix -> FactTable, from (resource name, Table Schema) pairs. Empty when anchors.fact_id
    names no prefixes or no table's id pattern starts with one of them."""
    schemas = list(schemas)
    anchors = dict(schemas).get(ANCHORS)
    pattern = constraint(anchors, FACT_ID, "pattern") if isinstance(anchors, dict) else None
    match = re.match(r"^\^?\(([a-z0-9|]+)\)-", pattern) if isinstance(pattern, str) else None
    if not match:
        return {}
    found = {}
    for prefix in match.group(1).split("|"):
        for name, schema in schemas:
            pk = key_fields(schema.get("primaryKey"))
            if len(pk) != 1:
                continue
            own = constraint(schema, pk[0], "pattern")
            if isinstance(own, str) and own.lstrip("^").startswith(prefix + "-"):
                found[prefix] = FactTable(prefix, name, pk[0])
    return found


def descriptor_schemas(descriptor: dict) -> list[tuple[str, dict]]:
    """(name, schema) of every resource of a descriptor whose schema is inline."""
    return [(r["name"], r["schema"]) for r in descriptor.get("resources", [])
            if isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("schema"), dict)]
