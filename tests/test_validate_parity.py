"""Error parity (issue 5): on corrupted copies of the package, every error stock frictionless
reports is reported by our validator too, on the same file, physical line and field."""
from __future__ import annotations

import pytest

import test_validate_faults as faults
from factkit.validate import validate
from fixtures.packages import add_row, copy_package, csv_path, edit_text, read_table, write_table
from fixtures.parity import frictionless_findings, unmatched

# Faults frictionless must not be run on: it would fetch the URL, follow the symlink out of the
# package (and echo the target), or it cannot load the descriptor at all.
UNSAFE_FOR_FRICTIONLESS = {"f_remote_url", "f_symlink_outside", "f_unsafe_path", "f_absolute_path", "f_descriptor_json",
                           "f_descriptor_metadata", "f_missing_file", "f_empty_file"}
CASES = [c for c in faults.CASES if c.__name__ not in UNSAFE_FOR_FRICTIONLESS]


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
