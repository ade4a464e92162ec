"""Error parity (issue 5): on corrupted copies of the package, every error stock frictionless
reports is reported by our validator too, on the same file, physical line and field.

Stock frictionless takes about 0.3 s of CPU per package, so the one-fault cases are marked `slow`
(`make test` runs them, `make test-fast` leaves them out); the package with many faults at once,
and the proof that the comparison can fail, stay in the fast tier and share one frictionless run."""
from __future__ import annotations

import pytest

import test_validate_faults
import test_validate_faults_files
from fixtures.packages import add_row, copy_package, csv_path, edit_text, read_table, validate_json, write_table
from fixtures.parity import frictionless_findings, unmatched

# The one-fault packages whose fault stock frictionless can see (types, constraints, keys, CSV
# structure, header, encoding, hash). The semantic and provenance faults are ours alone, and the
# path faults must never reach frictionless: it would fetch the URL or follow the symlink out of
# the package and echo the target.
VISIBLE_TO_FRICTIONLESS = {
    "type_date", "type_integer", "type_number", "enum", "pattern", "required", "min_length", "max_length", "minimum",
    "maximum", "primary_key", "composite_primary_key", "foreign_key", "foreign_key_claim", "descriptor_stale", "not_utf8",
    "bom", "missing_column", "unknown_column", "column_order", "extra_cell", "missing_cell", "blank_row", "unclosed_quote",
    "multiline_cell_shifts_lines", "crlf_multiline", "offset_out_of_range",
}
CASES = [c for c in test_validate_faults.CASES + test_validate_faults_files.CASES if c.__name__.removeprefix("f_") in VISIBLE_TO_FRICTIONLESS]


def test_every_listed_case_exists():
    assert len(CASES) == len(VISIBLE_TO_FRICTIONLESS)


def many_faults(dp):
    """Several row faults in one file, after a multi-line cell that shifts every later line."""
    names, rows = read_table(dp, "entities")
    rows[0]["description"] = "multi\nline\ncell"
    rows[5]["entity_type"] = "planet"
    rows[6]["name"] = "x" * 300
    rows[7]["description"] = ""
    rows.append(dict(rows[9]))
    write_table(dp, "entities", names, rows)
    lines = csv_path(dp, "event_participants").read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].rsplit(",", 1)[0]
    lines[6] += ",x"
    lines.insert(8, "")
    edit_text(dp, "event_participants", lambda t: "\n".join(lines))
    add_row(dp, "mentions", {"mention_id": "src-2c5b7841-m999", "entity_id": "atlantis", "source_id": "src-2c5b7841",
                             "sentence_id": "src-2c5b7841-s01", "start": "x", "end": "8", "surface": "Damascus", "mention_type": "name"})


def assert_ours_too(findings: list[dict], ours: list[dict]) -> None:
    missing = unmatched(findings, ours)
    assert not missing, "frictionless found what we did not:\n" + "\n".join(map(str, missing)) + "\nours:\n" + "\n".join(map(str, ours))


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> tuple[list[dict], list[dict]]:
    """What stock frictionless finds in the many-faults package, and our errors on it."""
    dp = copy_package(tmp_path_factory.mktemp("many"))
    many_faults(dp)
    return frictionless_findings(dp), validate_json(dp)[1]["errors"]


@pytest.mark.slow
@pytest.mark.parametrize("make", CASES, ids=[c.__name__.removeprefix("f_") for c in CASES])
def test_every_frictionless_error_is_ours_too(fault_runs, make):
    run = fault_runs(make)  # the case's package and our errors, as its own test in test_validate_faults*.py made them
    assert_ours_too(frictionless_findings(run.dp), run.report["errors"])


def test_every_frictionless_error_is_ours_too_with_many_faults(many):
    assert_ours_too(*many)


def test_parity_check_can_fail(many):
    """The parity comparison is not vacuous: frictionless does find the faults, and dropping one of
    our errors makes the comparison report it."""
    findings, ours = many
    assert {"constraint-error:enum", "missing-cell", "extra-cell", "blank-row", "foreign-key", "type-error"} <= {f["type"] for f in findings}
    enum = [e for e in ours if e["code"] == "enum"]
    assert enum and enum[0]["line"] == 9  # row 6 of the file starts on physical line 9
    assert unmatched(findings, [e for e in ours if e["code"] != "enum"])
