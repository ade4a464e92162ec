"""Method: the prose is hand-written in docs/method.md; this appends the figures that must come
from the data (counts, coverage, reference dates, licences, rights)."""
from __future__ import annotations

from collections import Counter

from . import urls
from .spec import PageSpec

# The method page describes every source in full only while there are few; past that it summarises
# (each article's own page carries its reference date, provenance and rights), so it stays small.
SOURCES_LISTED = 10


def coverage(data) -> dict:
    with_facts = sum(1 for sid in data.sentences if data.facts_by_sentence.get(sid))
    exempt = sum(1 for sid in data.sentences if sid in data.exemptions and not data.facts_by_sentence.get(sid))
    total = len(data.sentences)
    return {"total": total, "with_facts": with_facts, "exempt": exempt, "uncovered": total - with_facts - exempt}


def pages(plan) -> list[PageSpec]:
    data = plan.data
    return [PageSpec(
        urls.METHOD, "Method", "method_figures.html",
        lambda: _context(data),
        in_nav=True, append=True, searchable=True,
    )]


def _context(data) -> dict:
    sources = sorted(data.sources.values(), key=lambda s: s["source_id"])
    return {
        "counts": data.counts(),
        "coverage": coverage(data),
        "sources": sources[:SOURCES_LISTED],
        "sources_total": len(sources),
        "bases": sorted(Counter(s["reference_date_basis"] for s in sources).items()),
        "articles_index": urls.ARTICLES,
    }
