"""Claims: who said what, through whom, how hedged, and in which mode (quote, paraphrase, the
article's own voice), in the order the article first reports them."""
from __future__ import annotations

from . import urls
from .paginate import list_pages, weighted_chunks
from .spec import PageSpec

# Claims pages are split by an estimate of their bytes, not a fixed count: each claim carries its
# own chain drawing (two SVG views, one per screen width), whose size grows with its hops. Issue 5
# caps every built page, figures included, at 100 KB; the page's chrome (theme, navigation) takes
# about 15 KB of that, and these weights were calibrated against built pages (the real package
# and synthetic corpora) so a page of claims stays well under the cap.
PAGE_BUDGET = 60_000
CLAIM_BYTES = 2_600  # the claim's own HTML and its figure's fixed parts
HOP_BYTES = 1_700  # per hop: a box, its arrow and verb, in both views
TEXT_FACTOR = 4  # quote and summary text appear in the HTML, the figure's title and its desc


def weight(data, claim: dict) -> int:
    hops = max(1, len(data.hops.get(claim["claim_id"], [])))
    text = len(claim.get("summary") or "") + len(claim.get("quote") or "")
    anchors = data.facts[claim["claim_id"]].anchors
    quoted = sum(len(a["quote"]) for a in anchors)
    return CLAIM_BYTES + HOP_BYTES * hops + TEXT_FACTOR * text + 2 * quoted


def ordered_claims(data) -> list[dict]:
    """In the order the article first reports them."""
    return sorted(data.rows["claims"], key=lambda c: (data.facts[c["claim_id"]].first_read, c["claim_id"]))


def pages(plan) -> list[PageSpec]:
    data = plan.data
    pages = weighted_chunks(ordered_claims(data), lambda c: weight(data, c), PAGE_BUDGET, lambda n: urls.paged(urls.CLAIMS, n))
    for chunk in pages:
        for c in chunk.items:
            plan.locator.place(c["claim_id"], chunk.src_uri, c["claim_id"])
    return list_pages(pages, "Claims", "claims.html", lambda chunk: {"chunk": chunk, "modes": data.field_enum("claims", "mode")})
