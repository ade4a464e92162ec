"""Claims: who said what, through whom, how hedged, and in which mode (quote, paraphrase, the
article's own voice), in the order the article first reports them."""
from __future__ import annotations

from . import urls
from .paginate import chunks
from .spec import PageSpec

PAGE_SIZE = 25


def ordered_claims(data) -> list[dict]:
    def first_offset(c):
        anchors = data.facts[c["claim_id"]].anchors
        return (anchors[0]["source_id"], anchors[0]["start"]) if anchors else ("~", 0)
    return sorted(data.rows["claims"], key=lambda c: (first_offset(c), c["claim_id"]))


def pages(plan) -> list[PageSpec]:
    data = plan.data
    specs = []
    claims = ordered_claims(data)
    for chunk in chunks(claims, PAGE_SIZE, lambda n: urls.paged(urls.CLAIMS, n)):
        for c in chunk.items:
            plan.locator.place(c["claim_id"], chunk.src_uri, c["claim_id"])
        specs.append(PageSpec(
            chunk.src_uri,
            "Claims" if chunk.number == 1 else f"Claims, page {chunk.number}",
            "claims.html",
            lambda chunk=chunk: {"chunk": chunk, "modes": data.field_enum("claims", "mode"), "all_claims": claims},
            in_nav=chunk.number == 1, searchable=chunk.number == 1,
        ))
    return specs
