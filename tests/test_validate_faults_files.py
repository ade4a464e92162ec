"""One broken package per invariant of the descriptor, the files and the CSV structure: a copy of
the real package with ONE fault (test_validate_faults.py holds the faults of the rows). Each case
asserts exit 1, the specific error code, the file and the physical line (None for a file-level
error), and that no traceback or internal error appears (tests/fixtures/faults.py runs them)."""
from __future__ import annotations

import csv
import io
import os

import pytest

from fixtures.faults import cases, check_fault, refuse_reading
from fixtures.packages import csv_path, edit_text, load_descriptor, physical_line, read_table, refresh, save_descriptor, write_table


def resource(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if r["name"] == name)


# --- files and structure ---------------------------------------------------------------------------

def f_unreadable_file(dp, monkeypatch):
    refuse_reading(monkeypatch, csv_path(dp, "relations"))
    return "unreadable-file", "data/relations.csv", None


def f_descriptor_stale_size(dp):
    data = load_descriptor(dp)
    resource(data, "relations")["bytes"] += 1
    save_descriptor(dp, data)
    return "descriptor-stale", "datapackage.json", None


def f_hash_unsupported(dp):
    data = load_descriptor(dp)
    resource(data, "relations")["hash"] = "md4:" + "0" * 32
    save_descriptor(dp, data)
    return "hash-unsupported", "data/relations.csv", None


def f_nul_character(dp):
    lines = csv_path(dp, "relations").read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].replace(",", ",\x00", 1)
    edit_text(dp, "relations", lambda t: "\n".join(lines))
    return "nul-character", "data/relations.csv", 5


def f_duplicate_column(dp):
    names, rows = read_table(dp, "relations")
    lines = csv_path(dp, "relations").read_text(encoding="utf-8").split("\n")
    lines[0] = ",".join(names[:2] + [names[1]] + names[3:])
    edit_text(dp, "relations", lambda t: "\n".join(lines))
    return "duplicate-column", "data/relations.csv", 1


def f_descriptor_stale(dp):
    edit_text(dp, "relations", lambda t: t.replace("leader_of", "part_of", 1), fresh=False)
    return "descriptor-stale", "datapackage.json", None


def f_missing_file(dp):
    csv_path(dp, "relations").unlink()
    return "missing-file", "data/relations.csv", None


def f_empty_file(dp):
    csv_path(dp, "claim_hops").write_bytes(b"")
    refresh(dp)
    return "empty-file", "data/claim_hops.csv", None


def f_not_utf8(dp):
    file = csv_path(dp, "entities")
    lines = file.read_bytes().split(b"\n")
    lines[6] = lines[6].replace(b"a", b"\xe9", 1)
    file.write_bytes(b"\n".join(lines))
    refresh(dp)
    return "not-utf8", "data/entities.csv", 7


def f_bom(dp):
    edit_text(dp, "claims", lambda t: "\ufeff" + t)
    return "byte-order-mark", "data/claims.csv", 1


def f_missing_column(dp):
    names, rows = read_table(dp, "relations")
    write_table(dp, "relations", [n for n in names if n != "claim_id"], [{k: v for k, v in r.items() if k != "claim_id"} for r in rows])
    return "missing-column", "data/relations.csv", 1


def f_unknown_column(dp):
    names, rows = read_table(dp, "relations")
    write_table(dp, "relations", names + ["note"], rows)
    return "unknown-column", "data/relations.csv", 1


def f_column_order(dp):
    names, rows = read_table(dp, "relations")
    names[1], names[2] = names[2], names[1]
    write_table(dp, "relations", names, rows)
    return "column-order", "data/relations.csv", 1


def f_extra_cell(dp):
    edit_text(dp, "event_participants", lambda t: t.replace("\n", ",extra\n", 3).replace(",extra\n", "\n", 2))
    return "extra-cell", "data/event_participants.csv", 3


def f_missing_cell(dp):
    lines = csv_path(dp, "event_participants").read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].rsplit(",", 1)[0]
    edit_text(dp, "event_participants", lambda t: "\n".join(lines))
    return "missing-cell", "data/event_participants.csv", 5


def f_blank_row(dp):
    lines = csv_path(dp, "relations").read_text(encoding="utf-8").split("\n")
    lines.insert(3, "")
    edit_text(dp, "relations", lambda t: "\n".join(lines))
    return "blank-row", "data/relations.csv", 4


def f_unclosed_quote(dp):
    lines = csv_path(dp, "relations").read_text(encoding="utf-8").split("\n")
    lines[5] = lines[5] + ',"unclosed'
    edit_text(dp, "relations", lambda t: "\n".join(lines))
    return "csv-parse-error", "data/relations.csv", 6


def f_multiline_cell_shifts_lines(dp):
    # A quoted cell with two newlines on row 2 pushes every later row two physical lines down.
    names, rows = read_table(dp, "entities")
    rows[0]["description"] = "City that fell,\nthe article says,\nto armed militants."
    rows[5]["entity_type"] = "planet"
    write_table(dp, "entities", names, rows)
    line = physical_line(dp, "entities", lambda r: r["entity_id"] == rows[5]["entity_id"])
    assert line == 9  # header 1, row 1 on lines 2-4, so the 6th row starts on line 9
    return "enum", "data/entities.csv", line


def f_crlf_multiline(dp):
    names, rows = read_table(dp, "entities")
    rows[1]["description"] = "Country,\r\nsays the article."
    rows[3]["name"] = "@Kremlin"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    csv_path(dp, "entities").write_bytes(buffer.getvalue().encode("utf-8"))
    refresh(dp)
    return "formula-injection", "data/entities.csv", 6


def f_unsafe_path(dp):
    data = load_descriptor(dp)
    data["resources"][3]["path"] = "../entities.csv"
    save_descriptor(dp, data)
    return "unsafe-path", "datapackage.json", None


def f_absolute_path(dp):
    data = load_descriptor(dp)
    data["resources"][3]["path"] = "/etc/passwd"
    save_descriptor(dp, data)
    return "unsafe-path", "datapackage.json", None


def f_symlink_outside(dp):
    outside = dp.parent.parent / "secret.csv"
    outside.write_text("secret\n", encoding="utf-8")
    link = csv_path(dp, "relations")
    link.unlink()
    os.symlink(outside, link)
    return "unsafe-path", "datapackage.json", None


def f_remote_url(dp):
    data = load_descriptor(dp)
    data["resources"][4]["path"] = "https://example.com/mentions.csv"
    save_descriptor(dp, data)
    return "remote-url", "datapackage.json", None


def f_remote_profile(dp):
    data = load_descriptor(dp)
    data["resources"][2]["schema"]["$schema"] = "https://example.com/table-schema.json"
    save_descriptor(dp, data)
    return "remote-url", "datapackage.json", None


def f_descriptor_json(dp):
    dp.write_text(dp.read_text(encoding="utf-8").replace('"resources": [', '"resources": [,', 1), encoding="utf-8")
    text = dp.read_text(encoding="utf-8")
    return "descriptor-json", "datapackage.json", text[: text.index('"resources": [,')].count("\n") + 1


def f_descriptor_metadata(dp):
    data = load_descriptor(dp)
    data["licenses"] = "CC-BY-4.0"
    save_descriptor(dp, data)
    return "descriptor-invalid", "datapackage.json", None


def f_descriptor_unreadable(dp, monkeypatch):
    refuse_reading(monkeypatch, dp)
    return "descriptor-unreadable", "datapackage.json", None


def f_descriptor_not_utf8(dp):
    dp.write_bytes(b'{\n"name": "\xff"}\n')
    return "descriptor-not-utf8", "datapackage.json", 2


def f_descriptor_not_object(dp):
    dp.write_text("[1, 2]\n", encoding="utf-8")
    return "descriptor-not-object", "datapackage.json", None


def f_resource_split(dp):
    data = load_descriptor(dp)
    resource(data, "relations")["path"] = ["data/relations.csv", "data/relations-2.csv"]
    save_descriptor(dp, data)
    return "unsupported-path", "datapackage.json", None


def f_schema_unknown_type(dp):
    data = load_descriptor(dp)
    resource(data, "relations")["schema"]["fields"][1]["type"] = "geopoint"
    save_descriptor(dp, data)
    return "schema-invalid", "data/relations.csv", None


def f_schema_empty_enum(dp):
    data = load_descriptor(dp)
    field = next(f for f in resource(data, "events")["schema"]["fields"] if f["name"] == "event_type")
    field["constraints"]["enum"] = []
    save_descriptor(dp, data)
    return "schema-invalid", "data/events.csv", None


def f_missing_resource(dp):
    data = load_descriptor(dp)
    data["resources"] = [r for r in data["resources"] if r["name"] != "claim_hops"]
    save_descriptor(dp, data)
    return "missing-resource", "datapackage.json", None


def f_missing_field(dp):
    # claim_hops without its hedges column, in the schema and the CSV alike: the hop check needs it.
    data = load_descriptor(dp)
    schema = resource(data, "claim_hops")["schema"]
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "hedges"]
    save_descriptor(dp, data)
    names, rows = read_table(dp, "claim_hops")
    write_table(dp, "claim_hops", [n for n in names if n != "hedges"], [{k: v for k, v in r.items() if k != "hedges"} for r in rows])
    return "missing-field", "data/claim_hops.csv", None


CASES = cases(globals())


def test_enough_distinct_faults():
    assert len(CASES) >= 30


@pytest.mark.parametrize("make", CASES, ids=[c.__name__[2:] for c in CASES])
def test_fault_is_reported(fault_runs, make):
    check_fault(fault_runs(make))
