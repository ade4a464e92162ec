"""Method: the prose is hand-written in docs/method.md; this appends the figures that must come
from the data (counts, coverage, reference dates, licences, rights)."""
from __future__ import annotations

from . import urls
from .spec import PageSpec


def coverage(data) -> dict:
    with_facts = sum(1 for sid in data.sentences if data.facts_by_sentence.get(sid))
    exempt = sum(1 for sid in data.sentences if sid in data.exemptions and not data.facts_by_sentence.get(sid))
    total = len(data.sentences)
    return {"total": total, "with_facts": with_facts, "exempt": exempt, "uncovered": total - with_facts - exempt}


def pages(plan) -> list[PageSpec]:
    data = plan.data
    return [PageSpec(
        urls.METHOD, "Method", "method_figures.html",
        lambda: {"counts": data.counts(), "coverage": coverage(data), "sources": sorted(data.sources.values(), key=lambda s: s["source_id"])},
        in_nav=True, append=True,
    )]
