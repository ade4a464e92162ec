"""Row-level differences between two snapshots, per resource, keyed by each resource's primary key.

daff (a maintained tabular diff library) does the row alignment: it matches rows by the primary
key, composite keys included, and reports unmatched rows on either side. Cells of matched rows are
then compared by column *name*, so a field that was removed or added shows up as a column change
and never as a guessed rename; the values a new column gives existing rows are changed cells.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..core.vocab import key_fields
from .snapshot import Snapshot


@dataclass
class TableDiff:
    resource: str
    key: list[str]
    status: str  # "added" | "removed" | "changed" | "unchanged"
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_reordered: bool = False
    added: list[dict] = field(default_factory=list)  # whole new rows
    removed: list[dict] = field(default_factory=list)  # whole old rows
    changed: list[dict] = field(default_factory=list)  # {"key": {...}, "cells": {column: [old, new]}}; old None: a new column

    @property
    def is_unchanged(self) -> bool:
        return self.status == "unchanged"

    def to_dict(self) -> dict:
        return asdict(self)


def _primary_key(resource: dict | None) -> list[str]:
    return key_fields(resource.get("schema", {}).get("primaryKey")) if resource else []


def _key_of(row: dict, key: list[str]) -> dict:
    return {k: row.get(k, "") for k in key}


def _align(old_rows: list[list[str]], new_rows: list[list[str]], key: list[str]) -> list[tuple[int, int]]:
    """(old index, new index) pairs over data rows (header excluded); -1 marks a row with no partner."""
    import daff  # heavy: only a diff needs it, never the site reading a release's diff.json

    flags = daff.CompareFlags()
    for column in key:
        flags.addPrimaryKey(column)
    flags.ordered = False  # row order is not data: a moved row is not a change
    alignment = daff.compareTables(daff.PythonTableView(old_rows), daff.PythonTableView(new_rows), flags).align()
    pairs = []
    for unit in alignment.toOrder().getList():
        left, right = unit.l, unit.r
        if left == 0 or right == 0:  # the header row, always aligned with itself
            continue
        pairs.append((left - 1 if left > 0 else -1, right - 1 if right > 0 else -1))
    return pairs


def diff_table(name: str, old: Snapshot | None, new: Snapshot | None) -> TableDiff:
    old_res = old.resource(name) if old else None
    new_res = new.resource(name) if new else None
    key = _primary_key(new_res) or _primary_key(old_res)
    if old_res is None:
        header, rows = new.table(name)
        return TableDiff(name, key, "added", columns_added=list(header), added=[dict(zip(header, r)) for r in rows])
    if new_res is None:
        header, rows = old.table(name)
        return TableDiff(name, key, "removed", columns_removed=list(header), removed=[dict(zip(header, r)) for r in rows])

    old_header, old_rows = old.table(name)
    new_header, new_rows = new.table(name)
    result = TableDiff(name, key, "unchanged")
    result.columns_added = [c for c in new_header if c not in old_header]
    result.columns_removed = [c for c in old_header if c not in new_header]
    common = [c for c in new_header if c in old_header]
    result.columns_reordered = [c for c in old_header if c in common] != common
    # Align on the key only when both sides have it; otherwise let daff match rows by content.
    align_key = key if all(k in old_header and k in new_header for k in key) else []
    # Rows identical on both sides (same columns, same cells) are unchanged whatever the key: set
    # them aside so daff, which is pure Python, aligns only the rows that differ. With the same
    # header this is nearly every row, and the diff stays linear in the table size.
    if old_header == new_header:
        counts: dict[tuple, int] = {}
        for row in new_rows:
            counts[tuple(row)] = counts.get(tuple(row), 0) + 1
        old_left = []
        for row in old_rows:
            t = tuple(row)
            if counts.get(t, 0) > 0:
                counts[t] -= 1
            else:
                old_left.append(row)
        counts = {}
        for row in old_rows:
            counts[tuple(row)] = counts.get(tuple(row), 0) + 1
        new_left = []
        for row in new_rows:
            t = tuple(row)
            if counts.get(t, 0) > 0:
                counts[t] -= 1
            else:
                new_left.append(row)
        old_rows, new_rows = old_left, new_left
    pairs = _align([old_header] + old_rows, [new_header] + new_rows, align_key) if (old_rows or new_rows) else []
    for i, j in pairs:
        if i < 0:
            result.added.append(dict(zip(new_header, new_rows[j])))
        elif j < 0:
            result.removed.append(dict(zip(old_header, old_rows[i])))
        else:
            before, after = dict(zip(old_header, old_rows[i])), dict(zip(new_header, new_rows[j]))
            # A cell of a new column is new data: [None, value] (None: the column did not exist). A
            # removed column's values are in the previous release; the column change says they went.
            cells = {c: [before.get(c), after[c]] for c in new_header
                     if (c in common and before[c] != after[c]) or (c in result.columns_added and after[c] != "")}
            if cells:
                result.changed.append({"key": _key_of(after, key), "cells": cells})
    sort_key = lambda row: [row.get(k, "") for k in key]
    result.added.sort(key=sort_key)
    result.removed.sort(key=sort_key)
    result.changed.sort(key=lambda c: [c["key"].get(k, "") for k in key])
    if result.added or result.removed or result.changed or result.columns_added or result.columns_removed or result.columns_reordered:
        result.status = "changed"
    return result


def diff_snapshots(old: Snapshot | None, new: Snapshot) -> list[TableDiff]:
    """One TableDiff per resource in either snapshot: new order first, then resources that were removed."""
    names = [r["name"] for r in new.resources()]
    if old is not None:
        names += [r["name"] for r in old.resources() if r["name"] not in names]
    return [diff_table(name, old, new) for name in names]

