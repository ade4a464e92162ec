"""One broken package per invariant: a copy of the real package with ONE fault. Each case asserts
exit 1, the specific error code, the file and the physical CSV line (None for a file-level error),
and that no traceback or internal error appears. The expected line is computed independently of
the validator (Python's csv module on the fixture), never hard-coded."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest

from fixtures.packages import (
    add_row,
    copy_package,
    csv_path,
    edit_text,
    load_descriptor,
    physical_line,
    read_table,
    refresh,
    save_descriptor,
    set_cell,
    validate_json,
    write_table,
)

A = "data/anchors.csv"


def first(field, value):
    return lambda r: r[field] == value


# --- cells, derived from the Table Schemas -------------------------------------------------------

def f_type_date(dp):
    return "type-error", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-stormed"), "date_start", "2024-13-01")


def f_type_integer(dp):
    return "type-error", A, set_cell(dp, "anchors", lambda r: True, "start", "61.5")


def f_type_number(dp):
    return "type-error", "data/quantities.csv", set_cell(dp, "quantities", first("quantity_id", "qty-khmeimim-tartus-distance"), "value", "sixty")


def f_enum(dp):
    return "enum", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-falls"), "event_type", "battle")


def f_pattern(dp):
    return "pattern", A, set_cell(dp, "anchors", lambda r: r["anchor_id"].endswith("-a2"), "anchor_id", "Anchor Two")


def f_required(dp):
    return "required", "data/entities.csv", set_cell(dp, "entities", first("entity_id", "syria"), "description", "")


def f_min_length(dp):
    return "min-length", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-falls"), "summary", "Fell")


def f_max_length(dp):
    return "max-length", "data/entities.csv", set_cell(dp, "entities", first("entity_id", "syria"), "name", "S" * 201)


def f_minimum(dp):
    return "minimum", "data/mentions.csv", set_cell(dp, "mentions", first("surface", "Damascus"), "start", "-1")


def f_maximum(dp):
    return "maximum", "data/claim_hops.csv", set_cell(dp, "claim_hops", lambda r: r["hop"] == "2", "hop", "21")


def f_formula(dp):
    return "formula-injection", "data/entities.csv", set_cell(dp, "entities", first("entity_id", "russia"), "description", '=HYPERLINK("http://x.example","click")')


def f_formula_tab(dp):
    return "formula-injection", "data/relations.csv", set_cell(dp, "relations", lambda r: True, "claim_id", "\tcl-x")


# --- keys ------------------------------------------------------------------------------------------

def f_primary_key(dp):
    names, rows = read_table(dp, "relations")
    dup = dict(rows[3])
    rows.append(dup)
    write_table(dp, "relations", names, rows)
    return "primary-key", "data/relations.csv", len(rows) + 1


def f_composite_primary_key(dp):
    names, rows = read_table(dp, "event_participants")
    rows.insert(5, dict(rows[1]))
    write_table(dp, "event_participants", names, rows)
    return "primary-key", "data/event_participants.csv", 7


def f_foreign_key(dp):
    return "foreign-key", "data/mentions.csv", set_cell(dp, "mentions", first("entity_id", "damascus"), "entity_id", "damascus-city")


def f_foreign_key_claim(dp):
    return "foreign-key", "data/relations.csv", set_cell(dp, "relations", first("relation_id", "rel-fsa-armed-by-us"), "claim_id", "cl-does-not-exist")


# --- provenance ------------------------------------------------------------------------------------

def f_quote_mismatch(dp):
    return "quote-mismatch", A, set_cell(dp, "anchors", lambda r: r["fact_id"].startswith("rel-"), "quote", "something else entirely")


def f_surface_mismatch(dp):
    return "quote-mismatch", "data/mentions.csv", set_cell(dp, "mentions", first("surface", "Damascus"), "surface", "damascus")


def f_straight_quotes(dp):
    # A curator typing straight quotes for the article's curly ones.
    names, rows = read_table(dp, "anchors")
    row = next(r for r in rows if "’" in r["quote"])
    row["quote"] = row["quote"].replace("’", "'")
    write_table(dp, "anchors", names, rows)
    return "quote-mismatch", A, physical_line(dp, "anchors", first("anchor_id", row["anchor_id"]))


def f_offset_order(dp):
    names, rows = read_table(dp, "mentions")
    rows[4]["end"] = rows[4]["start"]
    write_table(dp, "mentions", names, rows)
    return "offset-order", "data/mentions.csv", 6


def f_offset_outside_sentence(dp):
    names, rows = read_table(dp, "mentions")
    row = next(r for r in rows if r["sentence_id"].endswith("s03"))
    row["sentence_id"] = row["sentence_id"][:-3] + "s04"
    write_table(dp, "mentions", names, rows)
    return "offset-outside-sentence", "data/mentions.csv", physical_line(dp, "mentions", first("mention_id", row["mention_id"]))


def f_offset_out_of_range(dp):
    names, rows = read_table(dp, "anchors")
    rows[-1]["end"] = "999999"
    write_table(dp, "anchors", names, rows)
    return "offset-out-of-range", A, len(rows) + 1


def f_unknown_fact(dp):
    return "unknown-fact", A, set_cell(dp, "anchors", lambda r: r["fact_id"].startswith("ev-"), "fact_id", "ev-never-happened")


def f_fact_without_anchor(dp):
    line = add_row(dp, "events", {"event_id": "ev-unanchored", "source_id": "src-2c5b7841", "summary": "Something happened.",
                                  "event_type": "statement", "date_start": "2024-12-08", "date_end": "2024-12-08",
                                  "date_precision": "day", "date_basis": "resolved", "date_note": "made up for a test"})
    return "fact-without-anchor", "data/events.csv", line


def f_sentence_mismatch(dp):
    names, rows = read_table(dp, "sentences")
    rows[2]["text"] = rows[2]["text"].replace("Damascus", "Damaskus", 1)
    write_table(dp, "sentences", names, rows)
    return "sentence-mismatch", "data/sentences.csv", 4


def f_source_hash(dp):
    return "source-hash-mismatch", "data/sources.csv", set_cell(dp, "sources", lambda r: True, "sha256", "0" * 64)


def f_source_characters(dp):
    return "source-characters-mismatch", "data/sources.csv", set_cell(dp, "sources", lambda r: True, "characters", "2447")


# --- semantics -------------------------------------------------------------------------------------

def f_date_order(dp):
    return "date-order", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-stormed"), "date_end", "2024-12-06")


def f_date_precision_day(dp):
    return "date-precision", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-stormed"), "date_end", "2024-12-08")


def f_date_precision_month(dp):
    return "date-precision", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-assad-government-toppled"), "date_end", "2024-12-30")


def f_quote_not_allowed(dp):
    names, rows = read_table(dp, "claims")
    row = next(r for r in rows if r["mode"] == "paraphrase")
    row["quote"] = "some words"
    write_table(dp, "claims", names, rows)
    return "quote-not-allowed", "data/claims.csv", physical_line(dp, "claims", first("claim_id", row["claim_id"]))


def f_quote_missing(dp):
    return "quote-missing", "data/claims.csv", set_cell(dp, "claims", first("mode", "direct_quote"), "quote", "")


def f_quote_not_in_anchor(dp):
    return "quote-not-in-anchor", "data/claims.csv", set_cell(dp, "claims", first("claim_id", "cl-officials-in-contact-with-opposition"), "quote", "are in contact with the opposition")


def f_speaker_mode(dp):
    return "speaker-mode", "data/claims.csv", set_cell(dp, "claims", first("claim_id", "cl-future-is-ours"), "speaker_id", "")


def f_said_date_incomplete(dp):
    return "said-date-incomplete", "data/claims.csv", set_cell(dp, "claims", first("claim_id", "cl-future-is-ours"), "said_date_basis", "")


def f_hop_gap(dp):
    return "hop-sequence", "data/claim_hops.csv", set_cell(dp, "claim_hops", lambda r: r["claim_id"] == "cl-officials-in-contact-with-opposition" and r["hop"] == "2", "hop", "3") - 1


def f_hop_speaker(dp):
    return "hop-speaker", "data/claim_hops.csv", set_cell(dp, "claim_hops", first("claim_id", "cl-future-is-ours"), "entity_id", "tass")


def f_hedge(dp):
    return "hedge-not-in-anchor", "data/claim_hops.csv", set_cell(dp, "claim_hops", lambda r: r["hedges"] == "reportedly", "hedges", "reportedly; allegedly")


def f_verb(dp):
    return "verb-not-in-anchor", "data/claim_hops.csv", set_cell(dp, "claim_hops", first("verb", "noted"), "verb", "claimed")


def f_verbatim(dp):
    return "verbatim-not-in-anchor", "data/quantities.csv", set_cell(dp, "quantities", first("verbatim", "up to 11 vessels"), "verbatim", "up to 12 vessels")


def f_value(dp):
    return "value-not-in-verbatim", "data/quantities.csv", set_cell(dp, "quantities", first("verbatim", "around 60km"), "value", "6")


def f_bound(dp):
    return "bound-incoherent", "data/quantities.csv", set_cell(dp, "quantities", first("verbatim", "1971"), "bound", "approximately")


# --- coverage --------------------------------------------------------------------------------------

def f_exemption_anchored(dp):
    return "exemption-anchored", "data/sentence_exemptions.csv", add_row(dp, "sentence_exemptions", {"sentence_id": "src-2c5b7841-s01", "reason": "A title, said again in the body."})


def _drop_anchors_of_sentence(dp, position: str) -> str:
    names, rows = read_table(dp, "anchors")
    sentence = f"src-2c5b7841-s{position}"
    write_table(dp, "anchors", names, [r for r in rows if r["sentence_id"] != sentence])
    return sentence


def f_sentence_uncovered(dp):
    sentence = _drop_anchors_of_sentence(dp, "14")
    return "sentence-uncovered", "data/sentences.csv", physical_line(dp, "sentences", first("sentence_id", sentence))


def f_exemption_has_mention(dp):
    sentence = _drop_anchors_of_sentence(dp, "14")
    return "exemption-has-mention", "data/sentence_exemptions.csv", add_row(dp, "sentence_exemptions", {"sentence_id": sentence, "reason": "Said to yield nothing, for a test."})


def f_exemption_has_number(dp):
    names, rows = read_table(dp, "sentences")
    sentence = next(r["sentence_id"] for r in rows if "60km" in r["text"])
    _drop_anchors_of_sentence(dp, sentence[-2:])
    return "exemption-has-number", "data/sentence_exemptions.csv", add_row(dp, "sentence_exemptions", {"sentence_id": sentence, "reason": "Said to yield nothing, for a test."})


def f_date_basis_without_reference_date(dp):
    set_cell(dp, "sources", lambda r: True, "reference_date", "")
    return "date-basis", "data/events.csv", physical_line(dp, "events", first("date_basis", "resolved"))


def f_said_date_precision(dp):
    return "date-precision", "data/claims.csv", set_cell(dp, "claims", first("said_date_precision", "day"), "said_date_precision", "month")


def f_entity_unmentioned(dp):
    return "entity-unmentioned", "data/entities.csv", add_row(dp, "entities", {"entity_id": "nobody", "name": "Nobody", "entity_type": "person", "description": "Never named in the text."})


def f_number_not_quantified(dp):
    names, rows = read_table(dp, "quantities")
    rows = [r for r in rows if r["verbatim"] != "1971"]
    write_table(dp, "quantities", names, rows)
    anames, anchors = read_table(dp, "anchors")
    write_table(dp, "anchors", anames, [a for a in anchors if a["fact_id"] != "qty-naval-facility-built-year"])
    text = (dp.parent / "sources" / "000_2c5b78418aa1912f.txt").read_text(encoding="utf-8")
    return "number-not-quantified", "sources/000_2c5b78418aa1912f.txt", text[: text.index("1971")].count("\n") + 1


# --- files and structure ---------------------------------------------------------------------------

def f_hash_mismatch(dp):
    edit_text(dp, "relations", lambda t: t.replace("leader_of", "part_of", 1), fresh=False)
    return "hash-mismatch", "data/relations.csv", None


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
    line = physical_line(dp, "entities", first("entity_id", rows[5]["entity_id"]))
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


CASES = [v for k, v in sorted(globals().items()) if k.startswith("f_")]


def test_enough_distinct_faults():
    assert len(CASES) >= 30


@pytest.mark.parametrize("make", CASES, ids=[c.__name__[2:] for c in CASES])
def test_fault_is_reported(tmp_path, make):
    dp = copy_package(tmp_path)
    code, file, line = make(dp)
    rc, report, output = validate_json(dp)
    assert "Traceback" not in output
    assert rc == 1, output
    assert "internal-error" not in {e["code"] for e in report["errors"]}, output
    hits = [e for e in report["errors"] if e["code"] == code and e["file"] == file and e["line"] == line]
    assert hits, f"expected [{code}] {file} line {line}; got:\n" + json.dumps(report["errors"], indent=1, ensure_ascii=False)[:3000]
    assert hits[0]["message"] and hits[0]["hint"]
