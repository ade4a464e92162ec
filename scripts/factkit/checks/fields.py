"""Per-cell checks DERIVED from each resource's inlined Table Schema (no column or enum is listed
here): type castability, required, unique, enum, pattern, minimum/maximum, minLength/maxLength,
and the formula-injection guard on text cells.

Every rule is a vectorised polars expression over the all-text frame (no Python loop per row).
They run in two steps:
1. one polars `select` per table evaluates every rule at once and says which rules fail anywhere
   (polars runs the expressions in parallel; a valid table costs one pass);
2. only a table with a failing rule is validated by the pandera polars DataFrameSchema built
   programmatically from the same rules (pandera's own from_frictionless_schema is pandas-only,
   turns dates into strings and drops foreign keys); its failure cases give the rows to report.
Step 1 exists for speed: importing pandera and running it check by check costs about 0.5 s even on
the small real package, and a valid package never needs its failure cases.
"""
from __future__ import annotations

import importlib
import sys

import polars as pl

from ..core import offsets
from ..core.types import REGISTRY, typed
from .context import LINE, Context, Table, show
from .metadata import BUILD, FILL
from .report import MAX_PER_GROUP
from .safety import formula_ok

# A type whose value is the text itself: its cells are checked for spreadsheet formulas, not cast.
TEXT = "string"


def _pandera():
    """Import pandera's polars API. pandera imports hypothesis (about 0.3 s) only to offer data
    synthesis, which validation never uses, so it is hidden during the import when no one in this
    process has loaded it yet."""
    hide = "hypothesis" not in sys.modules
    if hide:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]
    try:
        for backend in ("pandera.backends.polars.builtin_checks", "pandera.backends.polars.register"):
            importlib.import_module(backend)  # imported for their effect: they register pandera's polars checks
        import pandera.polars as pa
    finally:
        if hide:
            del sys.modules["hypothesis"]
    return pa


def _valid_regex(pattern: str) -> bool:
    try:
        pl.select(pl.lit("").str.contains(pattern))
        return True
    except Exception:  # noqa: BLE001 - polars raises ComputeError (or a panic wrapper) for an invalid regex
        return False


def field_rules(ctx: Context, table: Table) -> list[tuple[str, str, pl.Expr, object]]:
    """(field, code, expression true where the cell is fine, detail for the message) for every
    constraint the schema declares. Constraints that cannot be applied are schema errors."""
    rules = []
    pk = set(table.schema.get("primaryKey", []))
    for f in table.schema["fields"]:
        name, kind = f["name"], f.get("type", "string")
        col = pl.col(name)
        typed_col = typed(f)
        cons = f.get("constraints", {}) or {}

        def bad_schema(what: str, name: str = name) -> None:
            ctx.add("schema-invalid", table.file, f"field {name}: {what}", f"fix schemas/{table.name}.yaml and run `{BUILD}`", field=name)

        if kind == TEXT:
            rules.append((name, "formula-injection", formula_ok(col), None))
        else:
            rules.append((name, "type-error", col.is_null() | typed_col.is_not_null(), kind))
        if cons.get("unique") is True:
            rules.append((name, "unique", col.is_null() | col.is_first_distinct(), None))
        if "enum" in cons:
            enum = cons["enum"]
            if not isinstance(enum, list) or not enum:
                bad_schema("enum must be a non-empty list")
            elif kind == TEXT:
                rules.append((name, "enum", col.is_null() | col.is_in([str(v) for v in enum]), enum))
            else:
                allowed = pl.DataFrame({name: [str(v) for v in enum]}, schema={name: pl.Utf8}).select(typed_col)[name].drop_nulls()
                rules.append((name, "enum", typed_col.is_null() | typed_col.is_in(allowed.implode()), enum))
        if "pattern" in cons:
            pattern = cons["pattern"]
            anchored = f"^(?:{pattern})$" if isinstance(pattern, str) else None
            if anchored is None or not _valid_regex(anchored):
                bad_schema(f"pattern {pattern!r} is not a valid regular expression")
            else:
                rules.append((name, "pattern", col.is_null() | col.str.contains(anchored), pattern))
        for key, code, op in (("minimum", "minimum", "ge"), ("maximum", "maximum", "le")):
            if key in cons:
                bound = REGISTRY[kind].bound(cons[key], f)
                if bound is None:
                    bad_schema(f"{key} {cons[key]!r} does not fit type {kind}")
                else:
                    cmp = typed_col >= bound if op == "ge" else typed_col <= bound
                    rules.append((name, code, typed_col.is_null() | cmp, cons[key]))
        for key, code, op in (("minLength", "min-length", "ge"), ("maxLength", "max-length", "le")):
            if key in cons:
                n = cons[key]
                if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                    bad_schema(f"{key} must be a non-negative integer")
                else:
                    length = col.str.len_chars()
                    rules.append((name, code, col.is_null() | (length >= n if op == "ge" else length <= n), n))
        if cons.get("required") is True or name in pk:
            rules.append((name, "required", None, None))  # expressed as pandera's nullable=False
    return rules


def pandera_schema(table: Table, rules):
    """The pandera polars DataFrameSchema for one resource, derived from its Table Schema's rules."""
    pa = _pandera()
    columns = {}
    for f in table.schema["fields"]:
        name = f["name"]
        checks = []
        for fname, code, expr, _detail in rules:
            if fname == name and expr is not None:
                checks.append(pa.Check(lambda data, e=expr: data.lazyframe.select(e), name=code))
        required = any(fname == name and code == "required" for fname, code, _e, _d in rules)
        columns[name] = pa.Column(pl.Utf8, nullable=not required, checks=checks)
    return pa.DataFrameSchema(columns, strict=False)


def _any_failure(table: Table, rules) -> bool:
    """One vectorised pass over the table: may any rule fail on any row? (True may be a false
    alarm, never the reverse: the exact rules then run.)"""
    probes = []
    for i, (name, code, expr, _detail) in enumerate(rules):
        if code == "required":
            bad = pl.col(name).is_null().any()
        elif code == "unique":
            # Equal values hash alike, so all hashes distinct proves the values distinct, several
            # times faster than comparing the strings; a rare collision only sends the table on.
            present = pl.col(name).drop_nulls()
            bad = present.hash().n_unique() != present.len()
        else:
            bad = (~expr).fill_null(False).any()
        probes.append(bad.alias(f"\x00{i}"))
    # lazy, so that polars evaluates shared sub-expressions (a field's typed cast) once.
    return bool(probes) and any(table.raw.lazy().select(probes).collect().row(0))


def check(ctx: Context) -> None:
    for table in ctx.tables.values():
        if table.raw.height == 0:
            continue
        rules = field_rules(ctx, table)
        if not _any_failure(table, rules):
            continue
        pa = _pandera()
        try:
            pandera_schema(table, rules).validate(table.raw, lazy=True)
            continue
        except pa.errors.SchemaErrors as exc:
            failures = exc.failure_cases
        _report(ctx, table, failures, rules)


def _report(ctx: Context, table: Table, failures: pl.DataFrame, rules) -> None:
    details = {(fname, code): detail for fname, code, _e, detail in rules}
    failures = failures.filter(pl.col("index").is_not_null())
    if failures.height == 0:
        return
    lines = table.raw[LINE]
    # Only the first MAX_PER_GROUP failures of each field and check become Error objects; the
    # rest are counted (the report lists the count), so a broken column costs no Python loop.
    groups = failures.group_by("column", "check").len()
    listed = failures.sort("index").filter(pl.int_range(pl.len()).over("column", "check") < MAX_PER_GROUP)
    for column, check_name, index, value in listed.select("column", "check", "index", "failure_case").iter_rows():
        f = table.field(column) or {"type": "string"}
        code = "required" if check_name == "not_nullable" else check_name
        line = lines[int(index)]
        detail = details.get((column, code))
        message, hint = _explain(table, f, code, value, detail, line)
        ctx.add(code, table.file, message, hint, line=line, field=column)
    for column, check_name, n in groups.iter_rows():
        ctx.add_uncounted(table.file, "required" if check_name == "not_nullable" else check_name, column, n - MAX_PER_GROUP)


def _explain(table: Table, f: dict, code: str, value, detail, line: int) -> tuple[str, str]:
    kind = f.get("type", "string")
    where = f"schemas/{table.name}.yaml"
    if code == "type-error":
        return f"{show(value)} is not a valid {kind}", REGISTRY[kind].hint
    if code == "required":
        if offsets.is_offset(table.name, f["name"]):
            return ("the offset is empty but required", f"run `{FILL}`: it fills start and end from the row's "
                    f"{offsets.WORDS[table.name]} and {offsets.SENTENCE} (`python scripts/locate.py` prints them too)")
        return "the cell is empty but the field is required", f"fill in {f['name']} ({f.get('title', f['name'])})"
    if code == "unique":
        first = table.raw.filter(pl.col(f["name"]) == value)[LINE].min()
        return f"{show(value)} is already used on line {first}; {f['name']} must be unique", f"give this row its own {f['name']}"
    if code == "enum":
        return f"{show(value)} is not one of the allowed values: {', '.join(map(str, detail))}", f"use one of the allowed values, or extend the enum in {where}"
    if code == "pattern":
        return f"{show(value)} does not match the pattern {detail}", f"write the value in the form the pattern requires (see the field's example in {where})"
    if code == "minimum":
        return f"{show(value)} is below the minimum {detail}", f"use a value of at least {detail}"
    if code == "maximum":
        return f"{show(value)} is above the maximum {detail}", f"use a value of at most {detail}"
    if code == "min-length":
        return f"{show(value)} is shorter than {detail} characters", f"write at least {detail} characters"
    if code == "max-length":
        return f"the cell has {len(str(value)):,} characters, more than the maximum {detail}", f"shorten it to at most {detail} characters"
    if code == "formula-injection":
        return (f"{show(value)} starts with {show(str(value)[:1])}, so spreadsheet programs would run it as a formula",
                "reword the cell so it does not start with = + - @, a tab or a carriage return (a plain number such as -5 is fine)")
    return f"{show(value)} fails the check {code}", f"see {where}"
