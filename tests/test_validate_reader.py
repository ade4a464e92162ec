"""The validator's reading path (checks/reader.py): the one-parse path takes a file only when byte
counts prove every record is one line with the schema's cells, and then reads exactly what the
exact csv-module path reads, physical line numbers included; anything else goes to the exact paths.
(The fault and fuzz suites check what gets reported for broken files.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from factkit.checks import reader
from factkit.checks.context import Context
from factkit.checks.report import Report
from factkit.core import paths

SCHEMA = {"fields": [{"name": "id"}, {"name": "text"}, {"name": "note"}]}
ONE_COLUMN = {"fields": [{"name": "id"}]}


def exact(data: bytes, schema: dict):
    ctx = Context(Path("datapackage.json"), Report("datapackage.json"))
    table = reader._read_with_csv_module(ctx, "t", "data/t.csv", schema, data.decode("utf-8"))
    assert not ctx.report.errors
    return table.raw


@pytest.mark.parametrize("data", [
    b"id,text,note\na,b,c\n",
    b'id,text,note\na,"b, with a comma",c\nd,"he said ""no""",\n',
    b'id,text,note\na,"",c\n,,\n',                      # quoted and unquoted empty cells are both null
    b"id,text,note\r\na,b,c\r\nd,e,f\r\n",              # CRLF line ends
    b"id,text,note\na,b,c",                             # no line break at the end
    b"id,text,note\n",                                  # a header and no rows
    "id,text,note\na,“curly” é ü,c\n".encode(),
])
def test_regular_files_take_one_parse_and_read_as_the_exact_path_does(data):
    fast = reader._regular(data, SCHEMA)
    assert fast is not None
    assert fast.equals(exact(data, SCHEMA))


@pytest.mark.parametrize("data, schema", [
    (b'id,text,note\na,"two\nlines",c\nd,e,f\n', SCHEMA),   # a quoted line break: rows and lines part ways
    (b"id,text,note\na,b\nc,d,e,\n", SCHEMA),              # too few and too many cells, the commas adding up
    (b"id,text,note\na,b\n", SCHEMA),                       # a row lacking a cell (polars pads it)
    (b"id,text,note\na,b,c,d\n", SCHEMA),                   # a row with a cell too many
    (b"id,text,note\na,b,c\n\nd,e,f\n", SCHEMA),            # a blank line
    (b"id\na\n\nb\n", ONE_COLUMN),                          # a blank line in a one-column file
    (b"id,text,note\na,b\rc,d\n", SCHEMA),                  # a lone CR
    (b"id,text,note\na,b\x00,c\n", SCHEMA),                 # a NUL
    (b"id,text,note\na,\xff,c\n", SCHEMA),                  # bytes that are not UTF-8
    (b"id,note,text\na,b,c\n", SCHEMA),                     # a header other than the schema's
    (b'id,text,note\na,"b"c,d\n', SCHEMA),                  # a stray quote
])
def test_anything_else_goes_to_the_exact_paths(data, schema):
    assert reader._regular(data, schema) is None


def test_the_real_package_takes_the_one_parse_path():
    import json

    descriptor = json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        assert reader._regular((paths.PACKAGE / res["path"]).read_bytes(), res["schema"]) is not None, res["name"]


def test_a_big_file_is_counted_alike():
    """Past reader._BIG bytes, numpy counts the separators in slices; the counts and the table are the same."""
    row = 'id-{},"text, with a comma",note\n'
    data = ("id,text,note\n" + "".join(row.format(i) for i in range(reader._BIG // 30))).encode()
    assert len(data) > reader._BIG
    assert reader._count_commas_and_breaks(data) == (data.count(b","), data.count(b"\n"))
    assert reader._regular(data, SCHEMA).equals(exact(data, SCHEMA))
    assert reader._regular(data + b"a,b\n", SCHEMA) is None  # a short last row
