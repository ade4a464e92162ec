"""The actor network figures: the whole package's network (home page) and one entity's
neighbourhood (its page). Relations are solid labelled edges, claims dashed speaker -> subject
edges, relays (one hop of a claim's path to the next) dotted edges. The graph is graph.py's, the
node positions layout.py's, the drawings (and where their labels go) network_views.py's.

The whole-package figure lays out at most MAX_NODES nodes (the most connected ones when there are
more); an entity's figure shows the entity at the centre and its direct neighbours around it.
"""
from __future__ import annotations

from markupsafe import Markup

from ..core.markup import render
from . import svg
from .graph import EDGE_KINDS, Edge, Graph
from .layout import LEADING
from .links import Links, safe_id
from .network_views import arc_view, ring_view, strength, whole_view

MAX_NODES = 60  # whole-package figure: beyond this it shows the most connected entities
MAX_NEIGHBOURS = 24  # entity figure: beyond this it shows the most connected neighbours
# How the connections table and the legend name each kind of edge (graph.py).
EDGE_WORDS = {"relation": ("fact", "fact (the article's words)"), "claim": ("claim", "claim: speaker → subject"),
              "relay": ("relay", "claim passed on to")}


def _legend(graph: Graph, nodes: list[dict], edges: list[dict]) -> dict:
    types = sorted({(n["colour"], n["type"], graph.entities[n["id"]]["entity_type"]) for n in nodes},
                   key=lambda t: list(graph.styles).index(t[2]) if t[2] in graph.styles else 99)
    swatches = []
    for colour, label, code in types:
        shape = graph.styles.get(code, {}).get("shape", "circle")
        swatches.append({"colour": colour, "label": label, "path": svg.shape_path(shape, 8, 8, 5.5)})
    kinds = [{"kind": k, "words": EDGE_WORDS[k][1]} for k in EDGE_KINDS if any(e["kind"] == k for e in edges)]
    return {"types": swatches, "kinds": kinds}


# The home page's network must stay a bounded number of bytes however large the corpus (issue 5:
# no page over 100 KB, figures included). Past this size the figure keeps the strongest ties
# between the shown entities (most rows behind them first) and says how many it left out; every
# tie is still drawn in its entities' own neighbourhood figures and listed on their pages.
MAX_BYTES = 56_000


def whole_network(graph: Graph, links: Links, fig_id: str = "network", max_bytes: int = MAX_BYTES) -> Markup:
    """Every entity (or the MAX_NODES most connected), each component laid out by stress majorization;
    every tie between them, or the strongest ones when drawing them all would pass max_bytes."""
    connected = [eid for eid in graph.entities if graph.degree.get(eid, 0) > 0]
    isolated = [eid for eid in graph.entities if graph.degree.get(eid, 0) == 0]
    total = len(graph.entities)
    shown = graph.rank(connected)[:MAX_NODES]
    isolated = sorted(isolated, key=lambda eid: graph.entities[eid]["name"].lower())
    isolated = isolated if len(shown) + len(isolated) <= MAX_NODES else []
    summarised = len(shown) + len(isolated) < total
    kept = set(shown)
    candidates = [e for e in graph.edges if e.source in kept and e.target in kept and e.source != e.target]
    ranked = sorted(candidates, key=lambda e: strength(graph, e))

    def draw(limit: int) -> Markup:
        chosen = set(map(id, ranked[:limit]))
        edges = [e for e in candidates if id(e) in chosen]  # drawn in their usual order
        views = [whole_view(graph, shown, isolated, links, edges), arc_view(graph, shown, isolated, links, edges)]
        names = lambda eid: graph.entities[eid]["name"]
        left_out = len(candidates) - len(edges)
        everyone = views[0]["nodes"] + views[0]["isolated"]
        return render(
            "figures/network.svg.j2", fig_id=fig_id, views=views,
            title="Actor network" if not summarised else f"Actor network: the {len(shown)} most connected of {total} entities",
            desc=_describe(edges, len(everyone), total, isolated, left_out),
            legend=_legend(graph, everyone, views[0]["edges"]), rows=_rows(graph, edges, links),
            isolated_rows=[{"name": names(e), "href": links.entity(e)} for e in isolated], edge_kinds=EDGE_KINDS,
            summarised=summarised, total=total, centre=None, left_out=left_out, leading=LEADING)

    # the largest number of ties that fits (bytes grow with ties, so a bisection finds it)
    best = draw(len(ranked))
    if len(str(best).encode("utf-8")) <= max_bytes:
        return best
    low, high = 0, len(ranked)
    best = draw(0)
    while high - low > 1:
        mid = (low + high) // 2
        attempt = draw(mid)
        if len(str(attempt).encode("utf-8")) <= max_bytes:
            low, best = mid, attempt
        else:
            high = mid
    return best


# An entity page's figure, like the home page's, stays a bounded number of bytes (issue 5): past
# this size it keeps fewer, the most connected, neighbours (the title says how many of how many);
# every tie is still listed in the page's own sections.
RING_MAX_BYTES = 24_000


def neighbourhood(graph: Graph, entity_id: str, links: Links, max_bytes: int = RING_MAX_BYTES) -> Markup:
    """The entity at the centre, its direct neighbours on a ring; empty when it has none."""
    if entity_id not in graph.entities:
        return Markup("")
    around = {e.target if e.source == entity_id else e.source for e in graph.by_entity.get(entity_id, [])}
    around.discard(entity_id)
    if not around:
        return Markup("")
    total_neighbours = len(around)
    ranked = graph.rank(around)
    name = graph.entities[entity_id]["name"]

    def draw(size: int) -> Markup:
        ring = sorted(ranked[:size], key=lambda eid: graph.entities[eid]["name"].lower())
        # One drawing, sized to read at phone and desktop widths alike (CSS caps its width): entity
        # pages are the most numerous, so their figure stays small.
        view = ring_view(graph, entity_id, ring, links)
        summarised = len(ring) < total_neighbours
        return render(
            "figures/network.svg.j2", fig_id=f"network-{safe_id(entity_id) or 'entity'}", views=[view],
            title=f"Connections of {name}" + (f": the {len(ring)} most connected of {total_neighbours}" if summarised else ""),
            desc=_describe(view["shown_edges"], len(view["nodes"]), len(view["nodes"]), []),
            legend=_legend(graph, view["nodes"], view["edges"]), rows=_rows(graph, view["shown_edges"], links),
            isolated_rows=[], edge_kinds=EDGE_KINDS, summarised=summarised, total=total_neighbours, centre=entity_id, left_out=0,
            leading=LEADING)

    size = min(MAX_NEIGHBOURS, len(ranked))
    best = draw(size)
    while size > 1 and len(str(best).encode("utf-8")) > max_bytes:
        size -= max(1, size // 4)
        best = draw(size)
    return best


def _rows(graph: Graph, edges: list[Edge], links: Links) -> list[dict]:
    name = lambda eid: graph.entities[eid]["name"]
    rows = [{
        "source": name(e.source), "source_href": links.entity(e.source),
        "target": name(e.target), "target_href": links.entity(e.target),
        "kind": EDGE_WORDS[e.kind][0], "label": e.label, "title": e.title,
        "href": links.sentence(e.sentence_id),
    } for e in edges]
    return sorted(rows, key=lambda r: (r["source"].lower(), r["kind"], r["label"], r["target"].lower()))


def _describe(edges: list[Edge], shown: int, total: int, isolated: list[str], left_out: int = 0) -> str:
    counts = {k: sum(1 for e in edges if e.kind == k) for k in EDGE_KINDS}
    text = (f"{shown} of {total} entities; {counts['relation']} relations stated as facts (solid lines), "
            f"{counts['claim']} speaker-to-subject claim links (dashed) and {counts['relay']} relays of a claim "
            f"from one teller to the next (dotted). Each node links to the entity's page; each edge label "
            f"links to the sentence that supports it. The same connections are listed in the table below.")
    if left_out:
        text += (f" {left_out} weaker ties between these entities are left out to keep the page small; "
                 f"each entity's page draws all of its own.")
    if isolated:
        text += f" {len(isolated)} entities are named in the text but in no relation or claim; they sit in the bottom row."
    return text
