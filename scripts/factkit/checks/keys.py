"""Primary keys (composite too) and foreign keys (composite, self-referencing and across
resources), read from each schema's primaryKey and foreignKeys. Vectorised: duplicates come from
one window expression, dangling references from one anti-join per key."""
from __future__ import annotations

import polars as pl

from .context import LINE, Context, Table, a_or_an, show
from .report import MAX_PER_GROUP


def check(ctx: Context) -> None:
    for table in ctx.tables.values():
        _primary_key(ctx, table)
        for fk in table.schema.get("foreignKeys", []):
            _foreign_key(ctx, table, fk)


def _primary_key(ctx: Context, table: Table) -> None:
    pk = table.schema.get("primaryKey", [])
    if not pk or table.raw.height == 0:
        return
    complete = pl.all_horizontal([pl.col(c).is_not_null() for c in pk])
    keys = table.raw.lazy().filter(complete).select(pl.struct(pk).hash().alias("\x00h"))
    if keys.select(pl.col("\x00h").n_unique() == pl.len()).collect().item():
        return  # all keys hash apart, so they are distinct (equal keys hash alike)
    frame = table.raw.select(*pk, LINE).filter(complete).with_columns(pl.col(LINE).min().over(pk).alias("\x00first"))
    dupes = frame.filter(pl.col(LINE) != pl.col("\x00first"))
    if dupes.height == 0:
        return
    field = pk[0] if len(pk) == 1 else None
    label = ", ".join(pk)
    for row in dupes.sort(LINE).head(MAX_PER_GROUP).iter_rows(named=True):
        value = ", ".join(show(row[c]) for c in pk)
        ctx.add("primary-key", table.file, f"({label}) = ({value}) repeats the key of line {row[chr(0) + 'first']}",
                "each row needs its own key: change it, or merge the two rows", line=row[LINE], field=field)
    ctx.add_uncounted(table.file, "primary-key", field, dupes.height - MAX_PER_GROUP)


def _foreign_key(ctx: Context, table: Table, fk: dict) -> None:
    local = fk["fields"]
    ref_name = fk["reference"]["resource"] or table.name
    remote = fk["reference"]["fields"]
    if ref_name not in ctx.declared:
        ctx.add("foreign-key", table.file, f"foreign key ({', '.join(local)}) refers to resource {ref_name!r}, which the package lacks",
                f"add the resource or fix the foreign key in schemas/{table.name}.yaml", field=local[0])
        return
    target = ctx.tables.get(ref_name)
    if target is None or table.raw.height == 0:
        return  # the target file is unreadable and already carries its own error
    missing = [c for c in remote if target.field(c) is None]
    if missing:
        ctx.add("foreign-key", table.file, f"foreign key refers to {ref_name}.{', '.join(missing)}, which does not exist",
                f"fix the foreign key in schemas/{table.name}.yaml", field=local[0])
        return
    # A row whose key cells are all empty refers to nothing (an optional reference); skip it.
    rows = table.raw.select(*dict.fromkeys([*local, LINE])).filter(pl.any_horizontal([pl.col(c).is_not_null() for c in local]))
    if rows.height == 0:
        return
    renamed = {r: f"\x00k{i}" for i, r in enumerate(remote)}
    keys = target.raw.select([pl.col(r).alias(renamed[r]) for r in remote]).unique()
    left = rows.select([pl.col(c).alias(f"\x00k{i}") for i, c in enumerate(local)] + [pl.col(LINE)])
    dangling = left.join(keys, on=list(renamed.values()), how="anti", nulls_equal=False)
    field = local[0] if len(local) == 1 else None
    target_label = f"{ref_name}.{'/'.join(remote)}"
    for row in dangling.sort(LINE).head(MAX_PER_GROUP).iter_rows():
        value = ", ".join(show(v) for v in row[:-1])
        ctx.add("foreign-key", table.file, f"{value} is not {a_or_an(target_label)} in {target.file}",
                f"use an existing {target_label}, or add that row to {target.file} first", line=row[-1], field=field)
    ctx.add_uncounted(table.file, "foreign-key", field, dangling.height - MAX_PER_GROUP)
