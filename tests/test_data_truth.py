"""Issue 10's "done when" on the real data, read straight from the CSVs and the text (not through
the validator, whose checks test_validate_text_checks.py tests)."""
from __future__ import annotations

import csv
from collections import defaultdict

from factkit.core import paths
from factkit.core.quotes import quote_spans

TEXT = (paths.PACKAGE / "sources" / "000_2c5b78418aa1912f.txt").read_bytes().decode("utf-8")


def rows(name: str) -> list[dict]:
    with (paths.DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sentences_of(fact_id: str) -> set[str]:
    return {a["sentence_id"][-3:] for a in rows("anchors") if a["fact_id"] == fact_id}


def test_the_assault_is_an_event_and_is_is_labelled_terrorist():
    assert any(a["quote"] == "the HTS and FSA assault" and a["fact_id"].startswith("ev-") for a in rows("anchors"))
    assert any(m["entity_id"] == "islamic-state" and m["mention_type"] == "label" and "terrorist" in m["surface"] for m in rows("mentions"))


def test_one_claim_per_report_and_the_lead_keeps_reportedly():
    claims = [c["claim_id"] for c in rows("claims")]
    assert not [c for c in claims if {"s02", "s06"} <= sentences_of(c)]
    hedges = defaultdict(set)
    for h in rows("claim_hops"):
        hedges[h["claim_id"]].update(x for x in h["hedges"].split("; ") if x)
    [lead] = [c for c in claims if "s02" in sentences_of(c)]
    assert "reportedly" in hedges[lead]
    text_of = {s["sentence_id"][-3:]: s["text"] for s in rows("sentences")}
    for claim in claims:
        if "reportedly" in hedges[claim]:
            assert all("reportedly" in text_of[s] for s in sentences_of(claim)), claim


def test_every_mention_inside_quoted_words_names_its_claim():
    spans = quote_spans(TEXT)
    quoted = [m for m in rows("mentions") if any(s <= int(m["start"]) and int(m["end"]) <= e for s, e in spans)]
    assert len(quoted) == 9 and any(m["mention_type"] == "label" for m in quoted)
    assert all(m["claim_id"] for m in quoted)
    assert all(not m["claim_id"] for m in rows("mentions") if m not in quoted)
