"""Every export of a release, typed from the Table Schemas inlined in the snapshot's descriptor.

Nothing here infers a type from the data (csvkit's csvsql did, and turned an integer column into
BOOLEAN): each column's type, nullability, uniqueness, enum, primary key and foreign keys come from
its schema. Unsupported schema types stop the export with a message instead of falling back to text.
"""
from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from datetime import date as Date
from pathlib import Path

from ..core.types import FieldType, UnknownType, field_type
from ..core.vocab import key_fields
from .archive import zip_bytes
from .names import CSV_ZIP, PARQUET_ZIP, folder, stem
from .snapshot import Snapshot


class ExportError(Exception):
    pass


def _field_type(resource: str, field: dict) -> FieldType:
    try:
        return field_type(field)
    except UnknownType as exc:
        raise ExportError(f"{resource}.{field['name']}: {exc}") from None


def _typed_column(cells: list[str], field: dict, missing: set[str], path: str) -> list:
    parse = field_type(field).parse
    try:
        return [None if c in missing else parse(c, field) for c in cells]
    except ValueError:
        for line, cell in enumerate(cells, start=2):  # the CSV's physical line: the header is line 1
            try:
                if cell not in missing:
                    parse(cell, field)
            except ValueError:
                raise ExportError(f"{path} line {line}, field {field['name']}: {cell!r} is not a valid {field.get('type')}; run `python scripts/validate.py`") from None
        raise


def typed_columns(snapshot: Snapshot, name: str) -> tuple[list[dict], list[list]]:
    """(schema fields, one list of Python values per field), each cell typed by its field."""
    res = snapshot.resource(name)
    fields = res["schema"]["fields"]
    missing = set(res["schema"].get("missingValues", [""]))
    header, rows = snapshot.table(name)
    expected = [f["name"] for f in fields]
    if header != expected:
        raise ExportError(f"{res['path']}: header {header} does not match the schema's fields {expected}")
    for f in fields:
        _field_type(name, f)
    for line, row in enumerate(rows, start=2):
        if len(row) != len(fields):
            raise ExportError(f"{res['path']} line {line}: {len(row)} cells for {len(fields)} fields")
    raw = list(zip(*rows)) if rows else [() for _ in fields]
    return fields, [_typed_column(list(col), f, missing, res["path"]) for col, f in zip(raw, fields)]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def create_table_sql(resource: dict) -> str:
    name, schema = resource["name"], resource["schema"]
    lines = []
    pk = key_fields(schema.get("primaryKey"))
    for f in schema["fields"]:
        kind = _field_type(name, f)
        col = _ident(f["name"])
        constraints = f.get("constraints", {})
        parts = [col, kind.sqlite]
        if constraints.get("required") or f["name"] in pk:  # Table Schema: a key field is required
            parts.append("NOT NULL")
        if constraints.get("unique"):
            parts.append("UNIQUE")
        # A CHECK on the storage class, because a non-STRICT table would otherwise store "abc" in an
        # INTEGER column without complaint.
        checks = [f"typeof({col}) IN ({', '.join(_literal(s) for s in kind.storage)})"]
        if kind.name == "date":
            checks.append(f"date({col}) = {col}")
        if kind.name == "boolean":
            checks.append(f"{col} IN (0, 1)")
        if "enum" in constraints:
            values = [v if kind.name != "string" else str(v) for v in constraints["enum"]]
            checks.append(f"{col} IN ({', '.join(_literal(v) for v in values)})")
        parts.append(f"CHECK ({col} IS NULL OR ({' AND '.join(checks)}))")
        lines.append(" ".join(parts))
    if pk:
        lines.append(f"PRIMARY KEY ({', '.join(map(_ident, pk))})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        target = ref.get("resource") or name  # "" means the resource itself in Table Schema
        lines.append(f"FOREIGN KEY ({', '.join(map(_ident, key_fields(fk['fields'])))}) REFERENCES {_ident(target)} ({', '.join(map(_ident, key_fields(ref['fields'])))})")
    return f"CREATE TABLE {_ident(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _sql_value(value):
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def sqlite_bytes(snapshot: Snapshot) -> bytes:
    """A SQLite database with one table per resource. Foreign keys are declared in the tables; SQLite
    enforces them on any connection that runs `PRAGMA foreign_keys = ON`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            # Fixed settings, one transaction, then VACUUM: the file depends only on the data and
            # the SQLite library version (recorded in the manifest).
            conn.execute("PRAGMA page_size = 4096")
            conn.execute("PRAGMA journal_mode = MEMORY")
            conn.execute("PRAGMA foreign_keys = OFF")  # load every table, then check all keys at once
            conn.execute("BEGIN")
            conn.execute('CREATE TABLE "_datapackage" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)')
            descriptor = snapshot.descriptor
            meta = {"name": descriptor.get("name", ""), "version": snapshot.version, "created": descriptor.get("created", ""), "datapackage.json": json.dumps(descriptor, ensure_ascii=False, sort_keys=True)}
            conn.executemany('INSERT INTO "_datapackage" VALUES (?, ?)', sorted(meta.items()))
            for res in snapshot.resources():
                conn.execute(create_table_sql(res))
            for res in snapshot.resources():
                fields, columns = typed_columns(snapshot, res["name"])
                columns = [[_sql_value(v) for v in col] if f.get("type") in ("date", "boolean") else col for col, f in zip(columns, fields)]
                marks = ", ".join("?" for _ in fields)
                try:
                    conn.executemany(f"INSERT INTO {_ident(res['name'])} VALUES ({marks})", zip(*columns))
                except sqlite3.IntegrityError as exc:
                    raise ExportError(f"{res['path']}: SQLite rejected a row ({exc}); run `python scripts/validate.py`") from None
            conn.execute("COMMIT")
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                table, rowid, parent, _ = broken[0]
                raise ExportError(f"{len(broken)} foreign key violation(s), first in {table} row {rowid} -> {parent}; run `python scripts/validate.py`")
            conn.execute("VACUUM")
        finally:
            conn.close()
        return path.read_bytes()


def json_bytes(snapshot: Snapshot) -> bytes:
    """One JSON document: the descriptor, every resource as a list of typed row objects, and the
    source texts (so offsets can be checked without the zip)."""
    data = {}
    for res in snapshot.resources():
        fields, columns = typed_columns(snapshot, res["name"])
        names = [f["name"] for f in fields]
        columns = [[None if v is None else v.isoformat() for v in col] if f.get("type") == "date" else col for col, f in zip(columns, fields)]
        data[res["name"]] = [dict(zip(names, row)) for row in zip(*columns)]
    tabular = {r["path"] for r in snapshot.resources()} | {"datapackage.json"}
    texts = {}
    for name in sorted(set(snapshot.files) - tabular):
        if name.endswith(".txt"):
            texts[name] = snapshot.files[name].decode("utf-8")
    document = {"datapackage": snapshot.descriptor, "data": data, "texts": texts}
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def arrow_table(snapshot: Snapshot, name: str):
    import pyarrow as pa  # heavy: only the Parquet export needs it

    fields, columns = typed_columns(snapshot, name)
    arrow_fields = [
        pa.field(f["name"], getattr(pa, field_type(f).arrow)(), nullable=not f.get("constraints", {}).get("required", False), metadata={"description": f.get("description", ""), "frictionless_type": f.get("type", "string")})
        for f in fields
    ]
    schema = pa.schema(arrow_fields, metadata={"resource": name, "package": snapshot.name, "version": snapshot.version})
    return pa.Table.from_arrays([pa.array(col, type=af.type) for col, af in zip(columns, arrow_fields)], schema=schema)


def parquet_bytes(table) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", compression_level=9)
    return buffer.getvalue()


def parquet_zip(snapshot: Snapshot, day: str) -> bytes:
    entries = {f"{res['name']}.parquet": parquet_bytes(arrow_table(snapshot, res["name"])) for res in snapshot.resources()}
    return zip_bytes(entries, day, prefix=folder(stem(snapshot.name, snapshot.version) + PARQUET_ZIP))


def csv_zip(snapshot: Snapshot, day: str) -> bytes:
    """Just the CSVs, byte-identical to the package's, flat, for spreadsheet users."""
    entries = {f"{res['name']}.csv": snapshot.files[res["path"]] for res in snapshot.resources()}
    return zip_bytes(entries, day, prefix=folder(stem(snapshot.name, snapshot.version) + CSV_ZIP))
