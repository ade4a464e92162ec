"""The row-level diff (daff alignment keyed by primary key) and the bump each change implies."""
from __future__ import annotations

import json

import daff
import pytest

from factkit.release.diff import diff_snapshots, diff_table
from factkit.release.policy import Bump, VersionError, assess, declared_bump, parse_version, schema_changes
from factkit.release.snapshot import Snapshot

HOPS_SCHEMA = {
    "fields": [
        {"name": "claim_id", "type": "string", "constraints": {"required": True}},
        {"name": "hop", "type": "integer", "constraints": {"required": True, "minimum": 1}},
        {"name": "entity_id", "type": "string"},
        {"name": "verb", "type": "string", "constraints": {"enum": ["told", "said"]}},
    ],
    "primaryKey": ["claim_id", "hop"],
}
FACTS_SCHEMA = {
    "fields": [
        {"name": "fact_id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "summary", "type": "string", "description": "What happened."},
    ],
    "primaryKey": ["fact_id"],
}


def package(version: str, hops: str, facts: str, hops_schema=HOPS_SCHEMA, facts_schema=FACTS_SCHEMA) -> Snapshot:
    descriptor = {
        "name": "fixture",
        "version": version,
        "resources": [
            {"name": "facts", "path": "data/facts.csv", "schema": facts_schema},
            {"name": "hops", "path": "data/hops.csv", "schema": hops_schema},
        ],
    }
    return Snapshot({"datapackage.json": json.dumps(descriptor).encode(), "data/hops.csv": hops.encode(), "data/facts.csv": facts.encode()}, origin=version)


V1 = package(
    "1.0.0",
    "claim_id,hop,entity_id,verb\ncl-a,1,kremlin-source,told\ncl-a,2,tass,\ncl-b,1,lavrov,said\ncl-c,1,x,said\n",
    "fact_id,summary\nev-1,One\nev-2,Two\n",
)
# Same composite keys, shuffled order; (cl-a,2) corrected; (cl-b,1) removed; (cl-b,2) and (cl-d,1) added.
V2 = package(
    "1.1.0",
    "claim_id,hop,entity_id,verb\ncl-d,1,y,told\ncl-c,1,x,said\ncl-a,2,tass-agency,said\ncl-a,1,kremlin-source,told\ncl-b,2,lavrov,said\n",
    "fact_id,summary\nev-2,Two\nev-1,One\n",
)


def test_composite_key_diff_equals_the_expected_rows():
    d = diff_table("hops", V1, V2)
    assert d.key == ["claim_id", "hop"]
    assert d.status == "changed"
    assert d.added == [
        {"claim_id": "cl-b", "hop": "2", "entity_id": "lavrov", "verb": "said"},
        {"claim_id": "cl-d", "hop": "1", "entity_id": "y", "verb": "told"},
    ]
    assert d.removed == [{"claim_id": "cl-b", "hop": "1", "entity_id": "lavrov", "verb": "said"}]
    assert d.changed == [{"key": {"claim_id": "cl-a", "hop": "2"}, "cells": {"entity_id": ["tass", "tass-agency"], "verb": ["", "said"]}}]
    assert d.columns_added == [] and d.columns_removed == []


def test_reordering_rows_is_not_a_change():
    assert diff_table("facts", V1, V2).status == "unchanged"


def highlighter_csv(name: str, old: Snapshot, new: Snapshot) -> str:
    """daff's own highlighter-format diff of one resource, aligned on the same primary key."""
    old_header, old_rows = old.table(name)
    new_header, new_rows = new.table(name)
    flags = daff.CompareFlags()
    for column in new.resource(name)["schema"]["primaryKey"]:
        flags.addPrimaryKey(column)
    flags.ordered = False
    alignment = daff.compareTables(daff.PythonTableView([old_header] + old_rows), daff.PythonTableView([new_header] + new_rows), flags).align()
    out = daff.PythonTableView([])
    daff.TableDiff(alignment, flags).hilite(out)
    return daff.Csv().renderTable(out)


def test_daff_highlighter_output_marks_the_same_rows():
    text = highlighter_csv("hops", V1, V2)
    lines = text.splitlines()
    assert lines[0].startswith("@@,claim_id,hop")
    assert "+++,cl-d,1,y,told" in lines and "+++,cl-b,2,lavrov,said" in lines
    assert "---,cl-b,1,lavrov,said" in lines
    assert any(line.startswith("->,cl-a,2,tass->tass-agency") for line in lines)


def test_the_bump_for_fixture_changes():
    result = assess(V1, V2, diff_snapshots(V1, V2))
    levels = {(c.resource, c.level) for c in result.changes}
    assert ("hops", Bump.MINOR) in levels  # rows added; composite-key rows removed
    assert ("hops", Bump.PATCH) in levels  # a row corrected in place
    assert result.required is Bump.MINOR and result.declared is Bump.MINOR and result.ok


def with_field(schema: dict, name: str, **changes) -> dict:
    fields = [dict(f, **changes) if f["name"] == name else f for f in schema["fields"]]
    return {**schema, "fields": [f for f in fields if f is not None]}


@pytest.mark.parametrize(
    "new_schema, level, words",
    [
        ({**HOPS_SCHEMA, "fields": HOPS_SCHEMA["fields"][:3]}, Bump.MAJOR, "hops.verb: field removed"),
        ({**HOPS_SCHEMA, "fields": HOPS_SCHEMA["fields"] + [{"name": "note", "type": "string"}]}, Bump.MAJOR, "hops.note: field added"),
        ({**HOPS_SCHEMA, "fields": [HOPS_SCHEMA["fields"][1], HOPS_SCHEMA["fields"][0]] + HOPS_SCHEMA["fields"][2:]}, Bump.MAJOR, "fields reordered"),
        (with_field(HOPS_SCHEMA, "hop", type="number"), Bump.MAJOR, "hops.hop: field type changed"),
        (with_field(HOPS_SCHEMA, "verb", constraints={"enum": ["told"]}), Bump.MAJOR, "enum values removed: said"),
        (with_field(HOPS_SCHEMA, "verb", constraints={"enum": ["told", "said", "noted"]}), Bump.MINOR, "enum values added: noted"),
        (with_field(HOPS_SCHEMA, "entity_id", constraints={"required": True}), Bump.MAJOR, "required: False -> True"),
        (with_field(HOPS_SCHEMA, "hop", constraints={"required": True, "minimum": 2}), Bump.MAJOR, "minimum 1 -> 2"),
        (with_field(HOPS_SCHEMA, "hop", constraints={"required": True}), Bump.MINOR, "minimum 1 removed"),
        (with_field(HOPS_SCHEMA, "entity_id", constraints={"pattern": "[a-z-]+"}), Bump.MAJOR, "constraint pattern added"),
        (with_field(HOPS_SCHEMA, "entity_id", description="Who passes it on."), Bump.PATCH, "descriptive property description changed"),
        ({**HOPS_SCHEMA, "primaryKey": ["claim_id"]}, Bump.MAJOR, "primary key changed"),
        ({**HOPS_SCHEMA, "foreignKeys": [{"fields": ["claim_id"], "reference": {"resource": "facts", "fields": ["fact_id"]}}]}, Bump.MAJOR, "foreign key to facts added"),
    ],
)
def test_schema_change_rules(new_schema, level, words):
    old = package("1.0.0", "claim_id,hop,entity_id,verb\n", "fact_id,summary\n")
    new = package("1.0.0", "claim_id,hop,entity_id,verb\n", "fact_id,summary\n", hops_schema=new_schema)
    changes = schema_changes(old, new)
    assert changes, "the change must be detected"
    top = max(changes)
    assert top.level is level
    assert any(words in c.line() for c in changes), [c.line() for c in changes]


def test_renaming_a_resource_is_major_and_moving_it_needs_no_bump():
    old = package("1.0.0", "claim_id,hop,entity_id,verb\n", "fact_id,summary\n")
    descriptor = old.descriptor
    descriptor["resources"][0]["path"] = "tables/facts.csv"
    moved = Snapshot({**old.files, "datapackage.json": json.dumps(descriptor).encode(), "tables/facts.csv": old.files["data/facts.csv"]})
    assert max(c.level for c in schema_changes(old, moved)) is Bump.NONE
    descriptor["resources"][0]["name"] = "events"
    renamed = Snapshot({**moved.files, "datapackage.json": json.dumps(descriptor).encode()})
    lines = [c.line() for c in schema_changes(old, renamed)]
    assert "MAJOR  facts: resource removed (or renamed)" in lines and "MINOR  events: resource added" in lines


def test_versions():
    assert declared_bump("1.2.3", "1.2.4") is Bump.PATCH
    assert declared_bump("1.2.3", "1.3.0") is Bump.MINOR
    assert declared_bump("1.2.3", "2.0.0") is Bump.MAJOR
    assert declared_bump("1.2.3", "1.2.3") is Bump.NONE
    assert declared_bump("1.2.3", "1.2.2") is None
    for bad in ("1.0", "v1.0.0", "1.0.0-rc1", "01.0.0"):
        with pytest.raises(VersionError):
            parse_version(bad)


def test_a_removed_column_is_a_column_change_and_cells_compare_by_name():
    v3 = package(
        "2.0.0",
        "claim_id,hop,entity_id\ncl-a,1,kremlin-source\ncl-a,2,tass-agency\ncl-b,1,lavrov\ncl-c,1,x\n",
        "fact_id,summary\nev-1,One\nev-2,Two\n",
        hops_schema={**HOPS_SCHEMA, "fields": HOPS_SCHEMA["fields"][:3]},
    )
    d = diff_table("hops", V1, v3)
    assert d.columns_removed == ["verb"] and d.columns_added == []
    assert d.added == [] and d.removed == []
    assert d.changed == [{"key": {"claim_id": "cl-a", "hop": "2"}, "cells": {"entity_id": ["tass", "tass-agency"]}}]
    result = assess(V1, v3, diff_snapshots(V1, v3))
    assert result.required is Bump.MAJOR and any(c.line() == "MAJOR  hops.verb: field removed (or renamed)" for c in result.changes)


TOMB_SCHEMA = {"fields": [{"name": n, "type": "string"} for n in ("fact_id", "resource", "retired_in", "reason", "superseded_by")], "primaryKey": ["fact_id"]}


def with_tombstones(base: Snapshot, version: str, facts: str, tombstones: str) -> Snapshot:
    descriptor = base.descriptor
    descriptor["version"] = version
    descriptor["resources"].append({"name": "tombstones", "path": "data/tombstones.csv", "schema": TOMB_SCHEMA})
    return Snapshot({**base.files, "datapackage.json": json.dumps(descriptor).encode(), "data/facts.csv": facts.encode(), "data/tombstones.csv": tombstones.encode()})


TOMB_HEADER = "fact_id,resource,retired_in,reason,superseded_by\n"


@pytest.mark.parametrize(
    "tombstones, problem",
    [
        (TOMB_HEADER + "ev-2,facts,1.1.0,Merged.,ev-9\n", "superseded_by ev-9, which is neither a live id nor another tombstone"),
        (TOMB_HEADER + "ev-2,facts,1.1.0,Merged.,ev-1\nev-1,facts,1.1.0,Oops.,\n", "ev-1 is retired but still present as a live row"),
        (TOMB_HEADER + "ev-2,factz,1.1.0,Merged.,ev-1\n", "names resource 'factz'"),
        (TOMB_HEADER + "ev-2,facts,1.0.5,Merged.,ev-1\n", "retired_in must be 1.1.0"),
    ],
)
def test_tombstone_problems(tombstones, problem):
    old = with_tombstones(V1, "1.0.0", "fact_id,summary\nev-1,One\nev-2,Two\n", TOMB_HEADER)
    new = with_tombstones(V1, "1.1.0", "fact_id,summary\nev-1,One\n", tombstones)
    result = assess(old, new, diff_snapshots(old, new))
    assert any(problem in p for p in result.problems), result.problems
    assert not result.ok


def test_a_clean_retirement_passes_and_removing_a_tombstone_later_fails():
    old = with_tombstones(V1, "1.0.0", "fact_id,summary\nev-1,One\nev-2,Two\n", TOMB_HEADER)
    new = with_tombstones(V1, "1.1.0", "fact_id,summary\nev-1,One\n", TOMB_HEADER + "ev-2,facts,1.1.0,Merged into ev-1.,ev-1\n")
    result = assess(old, new, diff_snapshots(old, new))
    assert result.ok and result.required is Bump.MINOR, (result.problems, [c.line() for c in result.changes])
    later = with_tombstones(V1, "1.2.0", "fact_id,summary\nev-1,One\n", TOMB_HEADER)
    result = assess(new, later, diff_snapshots(new, later))
    assert any("tombstones are permanent" in p for p in result.problems)


def test_the_values_of_a_new_column_are_changed_cells():
    # Issue 10: mentions.claim_id was added and filled on 9 rows; those rows must reach the changelog.
    v2 = package(
        "2.0.0",
        "claim_id,hop,entity_id,verb,note\ncl-a,1,kremlin-source,told,quoted\ncl-a,2,tass,,\ncl-b,1,lavrov,said,\ncl-c,1,y,said,x\n",
        "fact_id,summary\nev-1,One\nev-2,Two\n",
        hops_schema={**HOPS_SCHEMA, "fields": HOPS_SCHEMA["fields"] + [{"name": "note", "type": "string"}]},
    )
    d = diff_table("hops", V1, v2)
    assert d.columns_added == ["note"]
    assert d.changed == [
        {"key": {"claim_id": "cl-a", "hop": "1"}, "cells": {"note": [None, "quoted"]}},
        {"key": {"claim_id": "cl-c", "hop": "1"}, "cells": {"entity_id": ["x", "y"], "note": [None, "x"]}},
    ]
    lines = [c.line() for c in assess(V1, v2, diff_snapshots(V1, v2)).changes]
    assert "MINOR  hops: 2 row(s) given a value in the new field(s) note: cl-a,1, cl-c,1" in lines
    assert "PATCH  hops: 1 row(s) corrected in place: cl-c,1" in lines


def test_a_removed_tombstone_is_reported_once_as_a_removed_tombstone():
    old = with_tombstones(V1, "1.1.0", "fact_id,summary\nev-1,One\n", TOMB_HEADER + "ev-2,facts,1.1.0,Merged into ev-1.,ev-1\n")
    new = with_tombstones(V1, "1.2.0", "fact_id,summary\nev-1,One\n", TOMB_HEADER)
    result = assess(old, new, diff_snapshots(old, new))
    assert result.problems == ["tombstones: the tombstone of ev-2 was removed; tombstones are permanent, restore it"]
    assert "MAJOR  tombstones: 1 tombstone(s) removed: ev-2" in [c.line() for c in result.changes]


def test_retired_ids_are_listed_with_their_successors_and_rows_that_follow_them():
    old = with_tombstones(V1, "1.0.0", "fact_id,summary\nev-1,One\nev-2,Two\n", TOMB_HEADER)
    new = with_tombstones(V1, "1.1.0", "fact_id,summary\nev-1,One\n", TOMB_HEADER + "ev-2,facts,1.1.0,Merged into ev-1.,ev-1\n")
    lines = [c.line() for c in assess(old, new, diff_snapshots(old, new)).changes]
    assert "MINOR  facts: 1 id(s) retired with a tombstone: ev-2 (superseded by ev-1)" in lines
    # Rows keyed by a composite key (the hops of a claim) that name the retired id leave with it.
    hops = "claim_id,hop,entity_id,verb\ncl-a,1,k,told\ncl-b,1,lavrov,said\n"
    before = with_tombstones(package("1.0.0", hops, "fact_id,summary\n"), "1.0.0", "fact_id,summary\ncl-b,Said.\n", TOMB_HEADER)
    after = with_tombstones(package("1.1.0", hops.replace("cl-b,1,lavrov,said\n", ""), "fact_id,summary\n"), "1.1.0", "fact_id,summary\n",
                            TOMB_HEADER + "cl-b,facts,1.1.0,Withdrawn.,\n")
    result = assess(before, after, diff_snapshots(before, after))
    lines = [c.line() for c in result.changes]
    assert "MINOR  facts: 1 id(s) retired with a tombstone: cl-b (withdrawn)" in lines
    assert "MINOR  hops: 1 row(s) removed with the retired id they belong to: cl-b,1" in lines
    assert result.ok, result.problems


def test_a_tombstone_written_before_the_version_is_bumped_gets_advice_that_can_be_followed():
    old = with_tombstones(V1, "1.0.0", "fact_id,summary\nev-1,One\nev-2,Two\n", TOMB_HEADER)
    same = with_tombstones(V1, "1.0.0", "fact_id,summary\nev-1,One\n", TOMB_HEADER + "ev-2,facts,1.1.0,Merged into ev-1.,ev-1\n")
    problems = assess(old, same, diff_snapshots(old, same)).problems
    assert any("the working version is still the released 1.0.0: set the version the changes need first" in p for p in problems), problems
    assert not any("must be 1.0.0" in p for p in problems)


def test_changelog_shows_a_new_column_s_cells_as_new_not_as_a_change_from_null():
    from factkit.release.changelog import resource_lines

    resource = {"resource": "mentions", "key": ["mention_id"], "status": "changed", "columns_added": ["claim_id"], "columns_removed": [],
                "columns_reordered": False, "added": [], "removed": [],
                "changed": [{"key": {"mention_id": "m1"}, "cells": {"claim_id": [None, "cl-x"], "surface": ["a", "b"]}}]}
    [changed] = [line for line in resource_lines(resource) if "changed" in line and "m1" in line]
    assert 'claim_id: (new column) → ` "cl-x" `' in changed and 'surface: ` "a" ` → ` "b" `' in changed and "null" not in changed
