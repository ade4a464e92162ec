"""Error parity with stock frictionless: on a corrupted copy of a synthetic package, every error
`frictionless validate` reports is also reported by scripts/validate.py, in the same file, for the
same field and on the same physical CSV line.

Frictionless numbers rows (records, header = row 1); ours numbers physical lines. The two differ
once a quoted cell holds a newline, so frictionless's row numbers are mapped to physical lines here
with Python's csv module, independently of either validator.

Marked `slow`: it repeats, through both command lines and on a synthetic corpus, the parity check
that test_validate_parity.py makes in the fast tier on the real package with many faults at once;
`make test` runs it, `make test-fast` leaves it out.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from factkit.curation import descriptor
from factkit.tools.synth import synthesize
from fixtures import scripts

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
FRICTIONLESS = shutil.which("frictionless", path=str(BIN)) or shutil.which("frictionless")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parity") / "base"
    synthesize(8, out, seed=7)
    return out


def _rewrite(pkg: Path, name: str, edit) -> None:
    path = pkg / "data" / f"{name}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(edit(rows))
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(name: str, row: int, column: str, value: str):
    """Row 1 is the first record after the header."""
    def edit(rows):
        rows[row][rows[0].index(column)] = value
        return rows
    return name, edit


# The faults, grouped by the files they break. Stock frictionless takes seconds per run, so every
# group is written into one corrupted copy, checked once by each validator (corrupted() below); no
# two groups touch the same file, and each group's test counts its own faults, so a fault masked by
# another would fail its count. FAULTS counts the edits that are faults: the three multi-line cells
# are valid and only shift the physical lines.
CORRUPTIONS = {
    "cell-faults": [
        set_cell("mentions", 30, "start", "12x"),                         # bad integer
        set_cell("mentions", 40, "mention_type", "nickname"),             # enum violation
        set_cell("mentions", 60, "entity_id", "no-such-entity"),          # broken foreign key
        set_cell("quantities", 10, "unit", "Km"),                         # pattern violation
        ("relations", lambda rows: rows[:50] + [rows[3]] + rows[50:]),    # duplicate primary key
        # events: cells with embedded newlines come first, so physical lines run ahead of row numbers
        set_cell("events", 5, "summary", "A summary on two lines.\nThe second line, after an embedded newline."),
        set_cell("events", 9, "date_note", "A note\nwith\nthree lines."),
        set_cell("events", 12, "summary", ""),                            # missing required value
        set_cell("events", 25, "date_start", "2024-02-30"),               # bad date
        set_cell("events", 30, "date_end", "2024-13-01"),                 # bad date after three newlines
        set_cell("anchors", 3, "quote", "A quote\nbroken over lines"),
        set_cell("anchors", 20, "start", "-4"),                           # minimum
        set_cell("anchors", 21, "end", "ten"),                            # bad integer
        set_cell("anchors", 22, "source_id", "src-nowhere"),              # broken foreign key
    ],
    "header-faults": [
        ("claim_hops", lambda rows: [rows[0] + ["note"]] + [r + ["x"] for r in rows[1:]]),  # extra column
        ("event_participants", lambda rows: [r[:-1] for r in rows]),                        # missing column
    ],
}
FAULTS = {"cell-faults": 11, "header-faults": 2}


def files(case: str) -> set[str]:
    return {f"data/{name}.csv" for name, _ in CORRUPTIONS[case]}


def physical_lines(path: Path) -> dict[int, int]:
    """Frictionless row number (header = 1) -> the physical line the record starts on."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    lines, previous = {}, 0
    for number, _ in enumerate(reader, start=1):
        lines[number] = previous + 1
        previous = reader.line_num
    return lines


def start_frictionless(pkg: Path) -> subprocess.Popen:
    return subprocess.Popen([FRICTIONLESS, "validate", "--json", str(pkg / "datapackage.json")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def frictionless_errors(pkg: Path, proc: subprocess.Popen) -> list[tuple[str, int, set]]:
    """(file, physical line, acceptable field names) for every error stock frictionless reports."""
    stdout, _ = proc.communicate(timeout=300)
    report = json.loads(stdout)
    descriptor_json = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["path"]: r["schema"] for r in descriptor_json["resources"]}
    assert not report["errors"], f"frictionless found package-level errors: {report['errors']}"
    out = []
    for task in report["tasks"]:
        file = task["place"]
        lines = physical_lines(pkg / file)
        for e in task["errors"]:
            if e.get("rowNumber") is None:
                line = 1  # label errors are about the header, the file's first line
            else:
                line = lines[e["rowNumber"]]
            if e.get("fieldName"):
                fields = {e["fieldName"]}
            elif e.get("fieldNames"):
                fields = set(e["fieldNames"])
            elif e["type"] == "primary-key":
                fields = set(schemas[file]["primaryKey"])
            elif e.get("labels") and e.get("fieldNumber"):
                fields = {e["labels"][e["fieldNumber"] - 1]}
            else:
                fields = {None}
            out.append((file, line, fields, e["type"]))
    return out


def our_errors(pkg: Path) -> list[dict]:
    """scripts/validate.py --json, run in this process (fixtures/scripts.py)."""
    done = scripts.run("validate.py", "--json", pkg / "datapackage.json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["errors"]


@dataclass(frozen=True)
class Checked:
    pkg: Path
    theirs: list[tuple[str, int, set, str]]
    ours: list[dict]


@pytest.fixture(scope="module")
def corrupted(base: Path, tmp_path_factory) -> Checked:
    """Every group's faults in one copy, checked by stock frictionless and by ours (concurrently:
    both only read the package; frictionless in a child process, ours in this one)."""
    assert not set.intersection(*map(files, CORRUPTIONS)), "two groups break the same file: one could mask the other"
    pkg = tmp_path_factory.mktemp("parity") / "corrupted"
    shutil.copytree(base, pkg)
    for edits in CORRUPTIONS.values():
        for name, edit in edits:
            _rewrite(pkg, name, edit)
    descriptor.write(package_dir=pkg)  # the corruption is in the cells, not in stale bytes/hashes
    stock = start_frictionless(pkg)
    ours = our_errors(pkg)
    return Checked(pkg, frictionless_errors(pkg, stock), ours)


@pytest.mark.skipif(FRICTIONLESS is None, reason="the frictionless CLI is not installed")
@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_every_frictionless_error_is_ours_too(corrupted: Checked, case: str):
    everywhere = {(file, line) for file, line, _, _ in corrupted.theirs}
    assert len(everywhere) == sum(FAULTS.values()), f"stock frictionless reports errors that no fault explains: {corrupted.theirs}"
    theirs = [error for error in corrupted.theirs if error[0] in files(case)]
    assert len({(file, line) for file, line, _, _ in theirs}) == FAULTS[case], f"{case}: each fault should make stock frictionless report an error: {theirs}"
    found = {(e["file"], e["line"], e["field"]) for e in corrupted.ours}
    missing = [(file, line, sorted(map(str, fields)), kind) for file, line, fields, kind in theirs
               if not any((file, line, f) in found for f in fields)]
    assert not missing, (
        f"{case}: errors frictionless reports that ours does not (file, line, fields, frictionless type): {missing}\n"
        f"ours: {[(e['file'], e['line'], e['field'], e['code']) for e in corrupted.ours]}"
    )


@pytest.mark.skipif(FRICTIONLESS is None, reason="the frictionless CLI is not installed")
def test_row_numbers_and_physical_lines_differ_in_the_newline_case(corrupted: Checked):
    """Guards the newline case itself: were the mapping an identity, the case would test nothing."""
    lines = physical_lines(corrupted.pkg / "data" / "events.csv")
    assert lines[31] == 31 + 3  # one newline in row 5, two in row 9
