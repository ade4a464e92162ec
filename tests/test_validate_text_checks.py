"""The checks that read facts against the article's words (issue 10): stated and resolved dates,
hedges per sentence, and mentions inside quotation marks. Each fault is a copy of the real package
with ONE change and refreshed hashes; the report must hold exactly that error code, at the file
and physical line computed independently of the validator."""
from __future__ import annotations

import json

import pytest

from fixtures.packages import add_row, copy_package, physical_line, read_table, set_cell, validate_json, write_table

EVENTS, CLAIMS, HOPS, MENTIONS = "data/events.csv", "data/claims.csv", "data/claim_hops.csv", "data/mentions.csv"
TEXT = "sources/000_2c5b78418aa1912f.txt"


def first(field, value):
    return lambda r: r[field] == value


def _set_row(dp, resource, predicate, **cells) -> int:
    names, rows = read_table(dp, resource)
    row = next(r for r in rows if predicate(r))
    row.update(cells)
    write_table(dp, resource, names, rows)
    return physical_line(dp, resource, lambda r: all(r[k] == row[k] for k in names))


def _anchor_row(dp, fact_id: str, anchor_id: str, quote: str) -> dict:
    text = (dp.parent / TEXT).read_text(encoding="utf-8")
    start = text.index(quote)
    _, sentences = read_table(dp, "sentences")
    sentence = next(s for s in sentences if int(s["start"]) <= start < int(s["end"]))
    return {"anchor_id": anchor_id, "fact_id": fact_id, "source_id": sentence["source_id"], "sentence_id": sentence["sentence_id"],
            "start": str(start), "end": str(start + len(quote)), "quote": quote}


# --- stated dates ----------------------------------------------------------------------------------

def f_lease_signed_in_2018(dp):
    # The scenario: the anchor ("…in 2017") and the date note stay as they are.
    return "stated-date-not-in-anchor", EVENTS, _set_row(dp, "events", first("event_id", "ev-tartus-lease-signed"),
                                                         date_start="2018-01-01", date_end="2018-12-31")


def f_stated_month_not_in_words(dp):
    # Finer precision needs the month in the words too: "in 1971" gives no month.
    return "stated-date-not-in-anchor", EVENTS, _set_row(dp, "events", first("event_id", "ev-tartus-facility-built"),
                                                         date_start="1971-03-01", date_end="1971-03-31", date_precision="month")


# --- resolved dates --------------------------------------------------------------------------------

def f_saturday_resolved_to_a_friday(dp):
    return "resolved-date-mismatch", EVENTS, _set_row(dp, "events", first("event_id", "ev-damascus-stormed"),
                                                      date_start="2024-12-06", date_end="2024-12-06")


def f_said_on_sunday_resolved_to_saturday(dp):
    return "resolved-date-mismatch", CLAIMS, set_cell(dp, "claims", first("claim_id", "cl-future-is-ours"), "said_date", "2024-12-07")


def f_resolved_without_a_day_in_the_words(dp):
    # "as the Syrian Army stood down" names no day: the date was reasoned (inferred), not resolved.
    return "resolved-date-not-in-anchor", EVENTS, set_cell(dp, "events", first("event_id", "ev-syrian-army-stood-down"), "date_basis", "resolved")


# --- hedges ----------------------------------------------------------------------------------------

def f_reportedly_on_a_claim_anchored_where_the_text_does_not_hedge(dp):
    # 1.0.0's merged claim: the lead's "reportedly" on a claim also anchored in sentence 6.
    quote = "These representatives “have guaranteed the security of Russian military bases and diplomatic institutions on Syrian territory,” the source said"
    add_row(dp, "anchors", _anchor_row(dp, "cl-bases-security-guarantee-reported", "cl-bases-security-guarantee-reported-a2", quote))
    return "hedge-not-in-sentence", HOPS, physical_line(dp, "claim_hops", lambda r: r["claim_id"] == "cl-bases-security-guarantee-reported" and r["hop"] == "2")


def _hope_as_in_1_0_0(dp) -> int:
    """cl-hope-for-political-dialogue as 1.0.0 had it: the sentence-5 lead-in as an anchor, "unnamed" on hop 1."""
    add_row(dp, "anchors", _anchor_row(dp, "cl-hope-for-political-dialogue", "cl-hope-for-political-dialogue-a3",
                                       "Speaking to TASS later on Sunday, an unnamed Kremlin source said"))
    return _set_row(dp, "claim_hops", lambda r: r["claim_id"] == "cl-hope-for-political-dialogue" and r["hop"] == "1", hedges="unnamed")


def f_speaker_hedge_where_the_sentence_does_not_name_the_speaker(dp):
    line = _hope_as_in_1_0_0(dp)
    names, rows = read_table(dp, "mentions")  # sentence 6 no longer names the source ("the source")
    write_table(dp, "mentions", names, [r for r in rows if not (r["sentence_id"].endswith("-s06") and r["entity_id"] == "kremlin-source")])
    return "hedge-not-in-sentence", HOPS, line


def f_hedge_that_no_mention_of_the_speaker_holds(dp):
    line = _hope_as_in_1_0_0(dp)
    # The mention "an unnamed Kremlin source" shortened to "Kremlin source": "unnamed" no longer describes the speaker.
    _set_row(dp, "mentions", lambda r: r["entity_id"] == "kremlin-source" and r["surface"] == "an unnamed Kremlin source",
             start="706", surface="Kremlin source")
    return "hedge-not-in-sentence", HOPS, line


# --- quoted mentions -------------------------------------------------------------------------------

def f_quoted_label_without_its_claim(dp):
    return "quoted-mention-unclaimed", MENTIONS, set_cell(dp, "mentions", first("surface", "armed Syrian opposition"), "claim_id", "")


def f_claim_on_the_article_s_own_words(dp):
    return "mention-claim-unquoted", MENTIONS, set_cell(dp, "mentions", first("surface", "These representatives"), "claim_id",
                                                        "cl-bases-security-guarantee-quoted")


def f_claim_that_does_not_quote_the_mention(dp):
    return "mention-claim-mismatch", MENTIONS, set_cell(dp, "mentions", first("surface", "Russian military bases"), "claim_id",
                                                        "cl-hope-for-political-dialogue")


CASES = [v for k, v in sorted(globals().items()) if k.startswith("f_")]


@pytest.mark.parametrize("make", CASES, ids=[c.__name__[2:] for c in CASES])
def test_the_fault_is_reported_with_exactly_its_code(tmp_path, make):
    dp = copy_package(tmp_path)
    code, file, line = make(dp)
    rc, report, output = validate_json(dp)
    assert rc == 1 and "Traceback" not in output, output
    errors = report["errors"]
    assert {e["code"] for e in errors} == {code}, json.dumps(errors, indent=1, ensure_ascii=False)[:3000]
    assert [(e["file"], e["line"]) for e in errors] == [(file, line)], json.dumps(errors, indent=1, ensure_ascii=False)[:3000]
    assert errors[0]["message"] and errors[0]["hint"]


def test_a_speaker_hedge_may_be_missing_where_the_sentence_names_the_speaker_otherwise(tmp_path):
    # 1.0.0's arrangement of the hope claim: "unnamed" is in sentence 5, sentence 6 says "the source".
    dp = copy_package(tmp_path)
    _hope_as_in_1_0_0(dp)
    rc, report, output = validate_json(dp)
    assert rc == 0, output


def test_the_real_package_passes_the_text_checks():
    from factkit.checks.validate import validate
    from factkit.core import paths

    report = validate(paths.DESCRIPTOR)
    assert report.ok, report.to_text()
