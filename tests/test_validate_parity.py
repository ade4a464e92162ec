"""Error parity (issue 5): on corrupted copies of the package, every error stock frictionless
reports is reported by our validator too, on the same file, physical line and field."""
from __future__ import annotations

import pytest

import test_validate_faults
import test_validate_faults_files
from factkit.checks.validate import validate
from fixtures.packages import add_row, copy_package, csv_path, edit_text, read_table, write_table
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


@pytest.mark.parametrize("make", CASES + [many_faults], ids=[c.__name__.removeprefix("f_") for c in CASES + [many_faults]])
def test_every_frictionless_error_is_ours_too(tmp_path, make):
    dp = copy_package(tmp_path)
    make(dp)
    ours = validate(dp).errors
    missing = unmatched(dp, ours)
    assert not missing, "frictionless found what we did not:\n" + "\n".join(map(str, missing)) + "\nours:\n" + "\n".join(map(str, ours))


def test_parity_check_can_fail(tmp_path):
    """The parity comparison is not vacuous: frictionless does find the faults, and dropping one of
    our errors makes the comparison report it."""
    dp = copy_package(tmp_path)
    many_faults(dp)
    findings = frictionless_findings(dp)
    assert {"constraint-error:enum", "missing-cell", "extra-cell", "blank-row", "foreign-key", "type-error"} <= {f["type"] for f in findings}
    ours = validate(dp).errors
    enum = [e for e in ours if e.code == "enum"]
    assert enum and enum[0].line == 9  # row 6 of the file starts on physical line 9
    assert unmatched(dp, [e for e in ours if e.code != "enum"])
