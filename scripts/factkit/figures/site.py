"""The figures' side of the reference site's figure slots (see factkit/site/figures.py).

`render_figure(name, h, **details)` is called by the page templates through `h.figure(...)`;
it returns Markup from the figures' autoescaping templates, or None where there is no figure.
"""
from __future__ import annotations

from markupsafe import Markup

from . import actor_network, attribution_chain, attribution_chains, coverage_strip, deferred, entity_network, timeline_chart
from .coverage import MAX_SOURCES

HOME = "index.md"


def _coverage(h, source_id: str) -> Markup | None:
    # The home page shows one strip per source; at corpus scale only the first few, so the home
    # page stays small. Every article page still shows its own strip.
    if h.src_uri == HOME:
        ordered = sorted(h.data.sources)
        if source_id not in ordered[:MAX_SOURCES]:
            return None
    return coverage_strip(h, source_id)


SLOTS = {
    "network": lambda h: actor_network(h),
    "neighbourhood": lambda h, entity_id: entity_network(h, entity_id),
    "chains": lambda h, claims=None: attribution_chains(h, claims),
    "chain": lambda h, claim_id: attribution_chain(h, claim_id),
    # the timeline page's own table, right under the chart, already lists every event it draws
    "timeline": lambda h, events=None: timeline_chart(h, events, with_table=False),
    "coverage": _coverage,
}


def render_figure(name: str, h, **details) -> Markup | None:
    slot = SLOTS.get(name)
    if slot is None:
        raise KeyError(f"no figure called {name!r}; known: {', '.join(sorted(SLOTS))}")
    result = slot(h, **details)
    return deferred.hold(result) if result else None
