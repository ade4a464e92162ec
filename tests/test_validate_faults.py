"""One broken package per invariant of the rows: a copy of the real package with ONE fault in its
cells, keys, provenance, facts or coverage (test_validate_faults_files.py holds the faults of the
descriptor, the files and the CSV structure). Each case asserts exit 1, the specific error code,
the file and the physical CSV line (None for a file-level error), and that no traceback or internal
error appears (tests/fixtures/faults.py runs them). The expected line is computed independently of
the validator (Python's csv module on the fixture), never hard-coded."""
from __future__ import annotations

import pytest

from factkit.curation.register import register
from fixtures.faults import cases, check_fault
from fixtures.packages import add_row, physical_line, read_table, set_cell, write_table

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


def f_unique(dp):
    names, rows = read_table(dp, "entities")
    rows.append(dict(rows[3], name="Another name"))
    write_table(dp, "entities", names, rows)
    return "unique", "data/entities.csv", len(rows) + 1


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


def f_source_bytes(dp):
    _, rows = read_table(dp, "sources")
    return "source-bytes-mismatch", "data/sources.csv", set_cell(dp, "sources", lambda r: True, "bytes", str(int(rows[0]["bytes"]) + 1))


def f_sentence_missing(dp):
    names, rows = read_table(dp, "sentences")
    write_table(dp, "sentences", names, rows[:-1])
    return "sentence-missing", "data/sentences.csv", None


def f_sentence_order(dp):
    names, rows = read_table(dp, "sentences")
    rows[3], rows[4] = rows[4], rows[3]
    write_table(dp, "sentences", names, rows)
    return "sentence-order", "data/sentences.csv", None


OTHER_SOURCE = "src-01234567"


def _register_second_source(dp) -> None:
    """A second article in the package (registered as a curator would), for faults across sources."""
    text = dp.parent.parent / "001_0123456789abcdef.txt"
    text.write_text("Another article.\nIt says nothing of Damascus.\n", encoding="utf-8")
    register(text, language="en", reference_date="2024-12-08", reference_date_basis="external",
             reference_date_note="A second source for a test.", title="Another article", package_dir=dp.parent)
    _, rows = read_table(dp, "sources")
    assert rows[-1]["source_id"] == OTHER_SOURCE


def f_sentence_source_mismatch(dp):
    _register_second_source(dp)
    return "sentence-source-mismatch", "data/mentions.csv", set_cell(dp, "mentions", first("surface", "Damascus"), "source_id", OTHER_SOURCE)


def f_anchor_source_mismatch(dp):
    _register_second_source(dp)
    return "anchor-source-mismatch", A, set_cell(dp, "anchors", lambda r: r["fact_id"].startswith("rel-"), "source_id", OTHER_SOURCE)


# --- semantics -------------------------------------------------------------------------------------

def f_date_order(dp):
    return "date-order", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-stormed"), "date_end", "2024-12-06")


def f_date_precision_day(dp):
    return "date-precision", "data/events.csv", set_cell(dp, "events", first("event_id", "ev-damascus-stormed"), "date_end", "2024-12-08")


def f_date_precision_month(dp):
    # No real event has month precision: give one a month range, then end it short of the month's last day.
    toppled = first("event_id", "ev-assad-government-toppled")
    set_cell(dp, "events", toppled, "date_precision", "month")
    set_cell(dp, "events", toppled, "date_start", "2024-12-01")
    return "date-precision", "data/events.csv", set_cell(dp, "events", toppled, "date_end", "2024-12-30")


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


# --- the validator itself -------------------------------------------------------------------------

def f_check_crashes(dp, monkeypatch):
    # No package can make a check crash on purpose (the fuzz tests look for one); patch one to.
    from factkit.checks import keys

    def crash(ctx):
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(keys, "check", crash)
    return "internal-error", "datapackage.json", None


CASES = cases(globals())


def test_enough_distinct_faults():
    assert len(CASES) >= 40


@pytest.mark.parametrize("make", CASES, ids=[c.__name__[2:] for c in CASES])
def test_fault_is_reported(fault_runs, make):
    check_fault(fault_runs(make))
