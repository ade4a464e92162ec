"""Property-based fuzzing: whatever a cell, a row, a raw line or a descriptor property holds, the
validator returns a report (never raises) and never ends in the catch-all internal-error code."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from factkit.checks.validate import validate
from factkit.core import paths
from fixtures.examples import PACKAGE_EXAMPLES
from fixtures.packages import copy_package, refresh

RESOURCES = [r["name"] for r in json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))["resources"]]

# Text that stresses CSV and the checks: quotes, separators, newlines, formula starts, numbers far
# outside 64 bits, surrogate-free unicode of every plane, control characters, and nothing at all.
nasty = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", '"', '""', ",", "\n", "\r\n", "\r", "=1+1", "-", "+5", "@x", "\t", "NaN", "inf", "-0", "1e309",
                     "99999999999999999999999", "-99999999999999999999999", "2024-02-30", "0000-00-00", "src-2c5b7841",
                     "ev-damascus-falls", "’”“", "\u2028", "\ufeff", "a" * 3000]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

# No shrinking phase: each example validates a whole package, and shrinking one failure can take
# minutes; the failing example is printed as generated, which is enough to reproduce it.
# In CI the examples are derandomized, so a submission's result is reproducible; local runs draw new
# examples every time and keep exploring (a failure found there becomes a regression test).
# `make test` draws 30 examples per property, `make test-fast` 8 (tests/fixtures/examples.py).
SETTINGS = settings(max_examples=PACKAGE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    phases=[Phase.explicit, Phase.reuse, Phase.generate], derandomize=bool(os.environ.get("CI")))


class Workspace:
    """A copy of the package for one example (hypothesis reruns the body, so each run makes its
    own), removed when the example ends."""

    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="fuzz-"))

    def fresh(self) -> Path:
        return copy_package(self.base)

    def close(self):
        shutil.rmtree(self.base, ignore_errors=True)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))


def _assert_sane(dp: Path) -> None:
    report = validate(dp)
    assert "internal-error" not in report.codes(), [e for e in report.errors if e.code == "internal-error"]
    report.to_text()
    json.loads(report.to_json())
    for e in report.errors:
        assert e.code and e.file and e.message
        assert e.line is None or e.line >= 1


@SETTINGS
@given(resource=st.sampled_from(RESOURCES), row=st.integers(0, 200), column=st.integers(0, 20), value=nasty, rehash=st.booleans())
def test_any_cell_value(resource, row, column, value, rehash):
    ws = Workspace()
    try:
        dp = ws.fresh()
        path = dp.parent / "data" / f"{resource}.csv"
        rows = _rows(path)
        r = 1 + row % max(1, len(rows) - 1) if len(rows) > 1 else 0
        rows[r][column % len(rows[r])] = value
        _write(path, rows)
        if rehash:
            refresh(dp)
        _assert_sane(dp)
    finally:
        ws.close()


@SETTINGS
@given(resource=st.sampled_from(RESOURCES), cells=st.lists(nasty, max_size=15), at=st.integers(0, 300))
def test_any_extra_row(resource, cells, at):
    ws = Workspace()
    try:
        dp = ws.fresh()
        path = dp.parent / "data" / f"{resource}.csv"
        rows = _rows(path)
        rows.insert(1 + at % len(rows), cells)
        _write(path, rows)
        refresh(dp)
        _assert_sane(dp)
    finally:
        ws.close()


@SETTINGS
@given(resource=st.sampled_from(RESOURCES), junk=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")), at=st.integers(0, 10**6))
def test_any_raw_bytes(resource, junk, at):
    """Bytes spliced anywhere in a file: broken quoting, stray CRs, invalid UTF-8, NULs."""
    ws = Workspace()
    try:
        dp = ws.fresh()
        path = dp.parent / "data" / f"{resource}.csv"
        data = path.read_bytes()
        cut = at % (len(data) + 1)
        path.write_bytes(data[:cut] + junk + data[cut:])
        refresh(dp)
        _assert_sane(dp)
    finally:
        ws.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(where=st.integers(0, 12), key=st.sampled_from(["name", "path", "schema", "bytes", "hash", "profile", "resources", "licenses",
                                                      "fields", "primaryKey", "foreignKeys", "constraints", "type", "pattern"]),
       value=json_values, kind=st.sampled_from(["integer", "number", "date", "boolean", "year", "datetime", "string", "any", "object"]),
       use_kind=st.booleans())
def test_any_descriptor_property(where, key, value, kind, use_kind):
    if key == "type" and use_kind:
        value = kind
    ws = Workspace()
    try:
        dp = ws.fresh()
        data = json.loads(dp.read_text(encoding="utf-8"))
        if where == 12 or key in ("resources", "licenses"):
            data[key] = value
        else:
            res = data["resources"][where]
            if key in ("fields", "primaryKey", "foreignKeys"):
                res["schema"][key] = value
            elif key in ("constraints", "type", "pattern"):
                f = res["schema"]["fields"][0]
                if key == "pattern":
                    f.setdefault("constraints", {})["pattern"] = value
                else:
                    f[key] = value
            else:
                res[key] = value
        dp.write_text(json.dumps(data), encoding="utf-8")
        _assert_sane(dp)
    finally:
        ws.close()


@SETTINGS
@given(texts=st.lists(st.text(alphabet=st.sampled_from('ab ,"\n\r’'), min_size=3, max_size=30), min_size=3, max_size=30),
       bad=st.integers(0, 1000), crlf=st.booleans())
def test_physical_lines_with_multiline_cells(texts, bad, crlf):
    """Cells holding newlines, quotes and commas before a fault never shift the line it is reported on."""
    ws = Workspace()
    try:
        dp = ws.fresh()
        path = dp.parent / "data" / "entities.csv"
        rows = _rows(path)
        for row, text in zip(rows[1:], texts):
            row[3] = "Said: " + text  # description; the prefix keeps it clear of the formula guard
        target = 1 + bad % (len(rows) - 1)
        rows[target][2] = "not-a-type"
        buffer = io.StringIO()
        # QUOTE_ALL: csv's minimal quoting leaves a lone CR unquoted, which readers disagree on.
        csv.writer(buffer, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL).writerows(rows)
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        refresh(dp)
        reader = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
        starts, previous = [], 0
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
        report = validate(dp)
        enum = [e for e in report.errors if e.code == "enum" and e.file == "data/entities.csv"]
        assert [e.line for e in enum] == [starts[target]], report.errors
        assert "internal-error" not in report.codes()
    finally:
        ws.close()
