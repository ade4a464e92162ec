"""Every type of the type registry, end to end (issue 9): a package with a column of each registered
type (tests/fixtures/every_type.py) validates with ours and with stock frictionless, builds the
site, and exports to SQLite, JSON and Parquet with the types the registry names for it."""
from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import zipfile

import pytest

from factkit.checks.validate import validate
from factkit.core import paths
from factkit.core.types import REGISTRY
from factkit.release.build import build_release
from factkit.release.snapshot import from_directory
from fixtures.every_type import KEY, OTHER, RESOURCE, column, jsonable, rows, write_every_type_package

DAY = "2024-12-09"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return write_every_type_package(tmp_path_factory.mktemp("every-type"))


@pytest.fixture(scope="module")
def release(package):
    snapshot = from_directory(package.parent, paths.ROOT / "LICENSE-DATA")
    files = build_release(snapshot, DAY, None)
    return f"{snapshot.name}-{snapshot.version}", files


def typed_cells():
    """(row key, type name, cell text) of every non-empty typed cell of the fixture."""
    return [(row[KEY], kind, row[column(kind)]) for row in rows() for kind in REGISTRY if row.get(column(kind))]


def test_the_fixture_uses_every_registered_type(package):
    assert set(OTHER) == set(REGISTRY), "give every registered type a second sample in tests/fixtures/every_type.py"
    schema = next(r["schema"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"] if r["name"] == RESOURCE)
    assert {f["type"] for f in schema["fields"]} == set(REGISTRY)
    assert {kind for _row, kind, _cell in typed_cells()} == set(REGISTRY)


def test_it_validates_with_ours_and_with_stock_frictionless(package):
    import frictionless

    report = validate(package)
    assert report.ok, report.to_text()
    assert report.counts[RESOURCE] == len(rows())
    stock = frictionless.validate(str(package))
    assert stock.valid, stock.flatten(["rowNumber", "fieldName", "type", "note"])


def test_it_catches_a_bad_cell_of_every_ordered_type(tmp_path):
    """The minimum of each ordered type is applied: a value below it is reported on its line."""
    dp = write_every_type_package(tmp_path)
    csv_file = dp.parent / "data" / f"{RESOURCE}.csv"
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    low = {"integer": "-8", "number": "-1", "date": "1900-01-01", "year": "1900"}
    assert set(low) == {k for k, t in REGISTRY.items() if t.bounds}
    cells = lines[3].split(",")
    for kind, value in low.items():
        cells[header.index(column(kind))] = value
    lines[3] = ",".join(cells)
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from fixtures.packages import refresh

    refresh(dp)
    found = {(e.code, e.field, e.line) for e in validate(dp).errors}
    assert found == {("minimum", column(kind), 4) for kind in low}


def test_sqlite_declares_and_stores_the_registry_types(release):
    stem, files = release
    db = sqlite3.connect(":memory:")
    db.deserialize(files[f"{stem}.sqlite"])
    declared = {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{RESOURCE}")')}
    for kind, t in REGISTRY.items():
        assert declared[column(kind)] == t.sqlite, kind
    for key, kind, cell in typed_cells():
        value, storage = db.execute(f'SELECT "{column(kind)}", typeof("{column(kind)}") FROM "{RESOURCE}" WHERE "{KEY}" = ?', (key,)).fetchone()
        parsed = REGISTRY[kind].parse(cell, {})
        assert storage in REGISTRY[kind].storage, (kind, storage)
        assert value == (int(parsed) if isinstance(parsed, bool) else jsonable(parsed)), (kind, cell, value)
    assert db.execute(f'SELECT COUNT(*) FROM "{RESOURCE}" WHERE "{column("integer")}" IS NULL').fetchone() == (1,)


def test_parquet_columns_have_the_registry_arrow_types(release):
    import pyarrow as pa
    import pyarrow.parquet as pq

    stem, files = release
    with zipfile.ZipFile(io.BytesIO(files[f"{stem}-parquet.zip"])) as archive:
        [member] = [n for n in archive.namelist() if n.endswith(f"/{RESOURCE}.parquet")]
        table = pq.read_table(io.BytesIO(archive.read(member)))
    for kind, t in REGISTRY.items():
        assert table.schema.field(column(kind)).type == getattr(pa, t.arrow)(), kind
    back = {row[KEY]: row for row in table.to_pylist()}
    for key, kind, cell in typed_cells():
        assert back[key][column(kind)] == REGISTRY[kind].parse(cell, {}), (kind, cell)


def test_json_values_have_the_registry_python_types(release):
    stem, files = release
    data = {row[KEY]: row for row in json.loads(files[f"{stem}.json"])["data"][RESOURCE]}
    for key, kind, cell in typed_cells():
        want = jsonable(REGISTRY[kind].parse(cell, {}))
        got = data[key][column(kind)]
        assert got == want and type(got) is type(want), (kind, cell, got)  # true stays a JSON boolean, not 1
    assert all(data["s3"][column(kind)] is None for kind in REGISTRY)


@pytest.mark.site
def test_the_site_builds_and_its_dictionary_shows_every_type(package, tmp_path):
    from conftest import build_site

    site = build_site(package, tmp_path / "site")
    page = (site / "dictionary.html").read_text(encoding="utf-8")
    for kind in REGISTRY:
        row = re.search(rf'<tr id="{RESOURCE}-{column(kind)}">(.*?)</tr>', page, re.S)
        assert row, kind
        cells = [html.unescape(re.sub(r"<[^>]+>", " ", c)).split() for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]
        assert cells[1] == [kind], (kind, cells)
    assert (site / "datapackage" / "data" / f"{RESOURCE}.csv").read_bytes() == (package.parent / "data" / f"{RESOURCE}.csv").read_bytes()
