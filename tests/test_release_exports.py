"""The exports that ship with every release, checked against the CSVs and the Table Schemas.

Built from the working package (read, never written). Expected values are computed here from the
CSV text and the schema with code independent of exports.py.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from factkit.core import paths
from factkit.release import exports
from factkit.release.snapshot import from_directory

# What each Table Schema type must become: the expectation of these tests, not the code under test.
SQL_DECLARED = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "DATE", "boolean": "BOOLEAN"}
ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32(), "boolean": pa.bool_()}


@pytest.fixture(scope="module")
def package():
    return from_directory(paths.PACKAGE, paths.ROOT / "LICENSE-DATA")


@pytest.fixture(scope="module")
def db(package, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "export.sqlite"
    path.write_bytes(exports.sqlite_bytes(package))
    return path


def csv_rows(package, name: str) -> tuple[list[str], list[dict]]:
    text = package.files[package.resource(name)["path"]].decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames), list(reader)


def expected(cell: str, kind: str):
    """The typed value a CSV cell must come back as (SQLite keeps dates as ISO text)."""
    if cell == "":
        return None
    return {"integer": int, "number": float, "string": str, "date": str}[kind](cell)


def schema_types(package, name: str) -> dict[str, str]:
    return {f["name"]: f.get("type", "string") for f in package.resource(name)["schema"]["fields"]}


def test_sqlite_round_trips_every_csv_exactly(package, db):
    conn = sqlite3.connect(db)
    for res in package.resources():
        header, rows = csv_rows(package, res["name"])
        types = schema_types(package, res["name"])
        got = conn.execute(f'SELECT {", ".join(chr(34) + h + chr(34) for h in header)} FROM "{res["name"]}" ORDER BY rowid').fetchall()
        want = [tuple(expected(row[h], types[h]) for h in header) for row in rows]
        assert got == want, res["name"]
        for h in header:  # same values *and* same storage: no "60" text in a REAL column
            if types[h] in ("integer", "number"):
                kinds = {r[0] for r in conn.execute(f'SELECT DISTINCT typeof("{h}") FROM "{res["name"]}" WHERE "{h}" IS NOT NULL')}
                assert kinds <= {"integer" if types[h] == "integer" else "real"}, (res["name"], h, kinds)
    conn.close()


def test_sqlite_declares_schema_types_and_keys(package, db):
    conn = sqlite3.connect(db)
    declared_all = set()
    for res in package.resources():
        schema = res["schema"]
        info = conn.execute(f'PRAGMA table_info("{res["name"]}")').fetchall()
        declared = {row[1]: row[2] for row in info}
        declared_all |= set(declared.values())
        assert list(declared) == [f["name"] for f in schema["fields"]]
        for f in schema["fields"]:
            assert declared[f["name"]] == SQL_DECLARED[f.get("type", "string")], (res["name"], f["name"])
            notnull = {row[1]: row[3] for row in info}[f["name"]]
            required = bool(f.get("constraints", {}).get("required")) or f["name"] in schema.get("primaryKey", [])
            assert bool(notnull) == required, (res["name"], f["name"])
        pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
        assert pk == list(schema.get("primaryKey", [])), res["name"]
        fks = conn.execute(f'PRAGMA foreign_key_list("{res["name"]}")').fetchall()
        got = sorted((row[2], row[3], row[4]) for row in fks)  # (parent table, from, to)
        want = sorted((fk["reference"]["resource"] or res["name"], a, b) for fk in schema.get("foreignKeys", []) for a, b in zip(fk["fields"], fk["reference"]["fields"]))
        assert got == want, res["name"]
    assert {"INTEGER", "REAL", "DATE", "TEXT"} <= declared_all, "columns must carry their schema types, not TEXT everywhere"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_sqlite_enforces_foreign_keys_and_constraints(db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(db.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = ON")
    claim = conn.execute("SELECT * FROM claims LIMIT 1").fetchone()
    columns = [row[1] for row in conn.execute("PRAGMA table_info(claims)")]
    row = dict(zip(columns, claim), claim_id="cl-inserted-by-test", speaker_id="no-such-entity")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute(f"INSERT INTO claims VALUES ({', '.join('?' for _ in columns)})", list(row.values()))
    with pytest.raises(sqlite3.IntegrityError):  # the schema's enum, as a CHECK
        conn.execute(f"INSERT INTO claims VALUES ({', '.join('?' for _ in columns)})", list(dict(row, speaker_id=claim[columns.index("speaker_id")], mode="rumour").values()))
    with pytest.raises(sqlite3.IntegrityError):  # an integer column refuses text
        conn.execute("UPDATE claim_hops SET hop = 'first' WHERE rowid = 1")
    conn.execute(f"INSERT INTO claims VALUES ({', '.join('?' for _ in columns)})", list(dict(row, speaker_id=claim[columns.index("speaker_id")]).values()))
    conn.close()


def test_sqlite_join_of_claims_to_speakers_matches_the_csvs(package, db):
    _, claims = csv_rows(package, "claims")
    _, entities = csv_rows(package, "entities")
    names = {e["entity_id"]: e["name"] for e in entities}
    want = sorted((c["claim_id"], names[c["speaker_id"]]) for c in claims if c["speaker_id"])
    conn = sqlite3.connect(db)
    got = conn.execute("SELECT c.claim_id, e.name FROM claims c JOIN entities e ON e.entity_id = c.speaker_id ORDER BY c.claim_id").fetchall()
    conn.close()
    assert got == want and len(got) > 0


def test_parquet_reads_back_with_the_schema_types(package):
    data = exports.parquet_zip(package, "2024-12-09")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == len(package.resources())
        for res in package.resources():
            [member] = [n for n in names if n.endswith(f"/{res['name']}.parquet")]
            table = pq.read_table(io.BytesIO(archive.read(member)))
            types = schema_types(package, res["name"])
            assert table.schema.names == list(types)
            for name, kind in types.items():
                assert table.schema.field(name).type == ARROW[kind], (res["name"], name)
            header, rows = csv_rows(package, res["name"])
            got = table.to_pylist()
            for row, back in zip(rows, got):
                for h in header:
                    value = back[h]
                    shown = value.isoformat() if hasattr(value, "isoformat") else value
                    assert shown == expected(row[h], types[h]), (res["name"], h)
            assert len(got) == len(rows)


def test_json_export_holds_every_row_typed_and_the_source_texts(package):
    document = json.loads(exports.json_bytes(package))
    assert document["datapackage"]["version"] == package.version
    for res in package.resources():
        header, rows = csv_rows(package, res["name"])
        types = schema_types(package, res["name"])
        assert document["data"][res["name"]] == [{h: expected(r[h], types[h]) for h in header} for r in rows]
    text_files = [name for name in package.files if name.endswith(".txt")]
    assert text_files and all(document["texts"][name] == package.files[name].decode("utf-8") for name in text_files)


def test_csv_zip_is_byte_identical_to_the_package(package):
    with zipfile.ZipFile(io.BytesIO(exports.csv_zip(package, "2024-12-09"))) as archive:
        for res in package.resources():
            [member] = [n for n in archive.namelist() if n.endswith(f"/{res['name']}.csv")]
            assert archive.read(member) == package.files[res["path"]]


def test_exports_are_deterministic(package):
    assert exports.sqlite_bytes(package) == exports.sqlite_bytes(package)
    assert exports.parquet_zip(package, "2024-12-09") == exports.parquet_zip(package, "2024-12-09")
    assert exports.json_bytes(package) == exports.json_bytes(package)


def test_an_unmapped_schema_type_stops_the_export(package):
    from factkit.release.snapshot import Snapshot

    descriptor = json.loads(package.files["datapackage.json"])
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "geopoint"
    broken = Snapshot({**package.files, "datapackage.json": json.dumps(descriptor).encode()})
    with pytest.raises(exports.ExportError, match="geopoint"):
        exports.sqlite_bytes(broken)
