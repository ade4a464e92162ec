"""The actor network figures: the whole package's network (home page) and one entity's
neighbourhood (its page). Relations are solid labelled edges, claims dashed speaker -> subject
edges, relays (one hop of a claim's path to the next) dotted edges. The graph is graph.py's, the
node positions layout.py's.

The whole-package figure lays out at most MAX_NODES nodes (the most connected ones when there are
more); an entity's figure shows the entity at the centre and its direct neighbours on a ring.
"""
from __future__ import annotations

import math
from collections import defaultdict

from markupsafe import Markup

from ..core.markup import render, whole
from . import svg
from .graph import EDGE_KINDS, Edge, Graph
from .layout import LABEL_CHARS, NODE_R, pack
from .links import Links, safe_id

MAX_NODES = 60  # whole-package figure: beyond this it shows the most connected entities
MAX_NEIGHBOURS = 24  # entity figure: beyond this it shows the most connected neighbours
WIDTH = 960
EDGE_LABEL_SIZE = 11.5
# How the connections table and the legend name each kind of edge (graph.py).
EDGE_WORDS = {"relation": ("fact", "fact (the article's words)"), "claim": ("claim", "claim: speaker → subject"),
              "relay": ("relay", "claim passed on to")}


def _node(graph: Graph, eid: str, x: float, y: float, links: Links, centre: bool = False) -> dict:
    entity = graph.entities[eid]
    style = graph.styles.get(entity["entity_type"], {"colour": 0, "shape": "circle", "label": entity["entity_type"]})
    r = NODE_R * (1.5 if centre else 1)
    return {
        "id": eid, "x": x, "y": y, "r": r, "name": entity["name"], "type": style["label"],
        "colour": style["colour"], "path": svg.shape_path(style["shape"], x, y, r, whole),
        "lines": svg.wrap(entity["name"], LABEL_CHARS), "href": links.entity(eid), "centre": centre,
    }


def _edges(graph: Graph, nodes: dict[str, dict], edges: list[Edge], links: Links) -> list[dict]:
    """Geometry for edges between placed nodes; parallel edges of one pair bend apart."""
    pairs: dict[frozenset, list[Edge]] = defaultdict(list)
    for e in edges:
        if e.source in nodes and e.target in nodes and e.source != e.target:
            pairs[frozenset((e.source, e.target))].append(e)
    out = []
    for group in pairs.values():
        for k, e in enumerate(group):
            a, b = nodes[e.source], nodes[e.target]
            dx, dy = b["x"] - a["x"], b["y"] - a["y"]
            length = math.hypot(dx, dy) or 1.0
            # perpendicular offset, signed by a canonical pair order so opposite edges separate
            sign = 1 if e.source < e.target else -1
            bend = (k - (len(group) - 1) / 2) * 46 * sign
            nx_, ny_ = -dy / length, dx / length
            cx, cy = (a["x"] + b["x"]) / 2 + nx_ * bend, (a["y"] + b["y"]) / 2 + ny_ * bend
            # stop the line at the target marker's edge so the arrowhead stays visible
            tx, ty = b["x"] - cx, b["y"] - cy
            tl = math.hypot(tx, ty) or 1.0
            end_x, end_y = b["x"] - tx / tl * (b["r"] + 5), b["y"] - ty / tl * (b["r"] + 5)
            sx, sy = cx - a["x"], cy - a["y"]
            sl = math.hypot(sx, sy) or 1.0
            start_x, start_y = a["x"] + sx / sl * (a["r"] + 2), a["y"] + sy / sl * (a["r"] + 2)
            mid_x = 0.25 * start_x + 0.5 * cx + 0.25 * end_x
            mid_y = 0.25 * start_y + 0.5 * cy + 0.25 * end_y
            if len(group) > 1:
                # labels of parallel edges: far enough apart along the perpendicular that their
                # text boxes cannot overlap, whatever the edge's direction
                widest = max(svg.text_width(x.label, EDGE_LABEL_SIZE) for x in group)
                spacing = abs(nx_) * widest + abs(ny_) * 15 + 4
                shift = (k - (len(group) - 1) / 2) * sign
                lx0, ly0 = (start_x + end_x) / 2, (start_y + end_y) / 2
                mid_x, mid_y = lx0 + nx_ * shift * max(spacing, 23), ly0 + ny_ * shift * max(spacing, 23)
            out.append({
                "kind": e.kind, "label": e.label, "title": e.title,
                "d": f"M{whole(start_x)} {whole(start_y)}Q{whole(cx)} {whole(cy)} {whole(end_x)} {whole(end_y)}",
                # ly is the baseline: 0.35em below the middle, so the label sits centred on the curve
                "lx": mid_x, "ly": mid_y + 0.35 * EDGE_LABEL_SIZE, "href": links.sentence(e.sentence_id),
                "source": e.source, "target": e.target,
            })
    return out


def _legend(graph: Graph, nodes: dict[str, dict], edges: list[dict]) -> dict:
    types = sorted({(n["colour"], n["type"], graph.entities[n["id"]]["entity_type"]) for n in nodes.values()},
                   key=lambda t: list(graph.styles).index(t[2]) if t[2] in graph.styles else 99)
    swatches = []
    for colour, label, code in types:
        shape = graph.styles.get(code, {}).get("shape", "circle")
        swatches.append({"colour": colour, "label": label, "path": svg.shape_path(shape, 8, 8, 5.5)})
    kinds = [{"kind": k, "words": EDGE_WORDS[k][1]} for k in EDGE_KINDS if any(e["kind"] == k for e in edges)]
    return {"types": swatches, "kinds": kinds}


NARROW = 420  # phones: the same figure drawn for a narrow screen (CSS shows one or the other)
RING = 560  # the entity figure's single drawing


def _whole_view(graph: Graph, shown: list[str], isolated: list[str], links: Links, width: float,
                edges: list[Edge] | None = None) -> dict:
    placed, height = pack(graph, shown, width)
    nodes = {eid: _node(graph, eid, *placed[eid], links) for eid in shown}
    iso_nodes = []
    full_height = height
    if isolated:
        per_row = 6 if width >= 700 else 3
        col_w = (width - 40) / per_row
        for i, eid in enumerate(isolated):
            x = 20 + col_w * (i % per_row) + col_w / 2
            y = height + 40 + 62 * (i // per_row)
            iso_nodes.append(_node(graph, eid, x, y, links))
        full_height = height + 40 + 62 * math.ceil(len(isolated) / per_row)
    if edges is None:
        edges = [e for e in graph.edges if e.source in nodes and e.target in nodes]
    return {"name": "wide" if width >= 700 else "narrow", "width": width, "height": full_height,
            "nodes": list(nodes.values()), "isolated": iso_nodes, "iso_top": height + 8,
            "edges": _edges(graph, nodes, edges, links), "min_width": 640 if width >= 700 else 300,
            "all": {**nodes, **{n["id"]: n for n in iso_nodes}}, "shown_edges": edges}


# The home page's network must stay a bounded number of bytes however large the corpus (issue 5:
# no page over 100 KB, figures included). Past this size the figure keeps the strongest ties
# between the shown entities (most rows behind them first) and says how many it left out; every
# tie is still drawn in its entities' own neighbourhood figures and listed on their pages.
MAX_BYTES = 56_000


def _strength(graph: Graph, e: Edge) -> tuple:
    weight = graph.degree.get(e.source, 0) + graph.degree.get(e.target, 0)
    return (-len(e.fact_ids), -weight, e.kind, e.source, e.target, e.label)


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
    ranked = sorted(candidates, key=lambda e: _strength(graph, e))

    def draw(limit: int) -> Markup:
        chosen = set(map(id, ranked[:limit]))
        edges = [e for e in candidates if id(e) in chosen]  # drawn in their usual order
        views = [_whole_view(graph, shown, isolated, links, w, edges) for w in (WIDTH, NARROW)]
        wide = views[0]
        names = lambda eid: graph.entities[eid]["name"]
        left_out = len(candidates) - len(edges)
        return render(
            "figures/network.svg.j2", fig_id=fig_id, views=views,
            title="Actor network" if not summarised else f"Actor network: the {len(shown)} most connected of {total} entities",
            desc=_describe(graph, wide["shown_edges"], len(wide["all"]), total, isolated, left_out),
            legend=_legend(graph, wide["all"], wide["edges"]), rows=_rows(graph, wide["shown_edges"], links),
            isolated_rows=[{"name": names(e), "href": links.entity(e)} for e in isolated], edge_kinds=EDGE_KINDS,
            summarised=summarised, total=total, centre=None, left_out=left_out)

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


def _ring_view(graph: Graph, entity_id: str, ring: list[str], links: Links, width: float) -> dict:
    n = len(ring)
    if n > 2:
        rx, ry = width / 2 - 95, max(130.0, 22.0 * n)
    else:  # one or two neighbours: above and below, with room for the edge labels beside
        rx, ry = 0.0, 105.0
    height = 2 * ry + (150 if n > 2 else 110)
    cx, cy = width / 2, height / 2 - (0 if n > 2 else 10)
    nodes = {entity_id: _node(graph, entity_id, cx, cy, links, centre=True)}
    # on a ring, starting at the top; an even ring is turned half a step so no spoke is vertical
    turn = -math.pi / 2 + (math.pi / n if n % 2 == 0 else 0)
    for i, eid in enumerate(ring):
        if n > 2:
            x, y = math.cos(turn + 2 * math.pi * i / n), math.sin(turn + 2 * math.pi * i / n)
        else:
            x, y = (0.0, -1.0) if i == 0 else (0.0, 1.0)
        nodes[eid] = _node(graph, eid, cx + x * rx, cy + y * ry, links)
    shown_edges = [e for e in graph.by_entity.get(entity_id, []) if e.source in nodes and e.target in nodes]
    return {"name": "ring", "width": width, "height": height, "nodes": list(nodes.values()),
            "isolated": [], "iso_top": 0, "edges": _edges(graph, nodes, shown_edges, links),
            "min_width": 300, "all": nodes, "shown_edges": shown_edges}


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
        views = [_ring_view(graph, entity_id, ring, links, RING)]
        wide = views[0]
        summarised = len(ring) < total_neighbours
        return render(
            "figures/network.svg.j2", fig_id=f"network-{safe_id(entity_id) or 'entity'}", views=views,
            title=f"Connections of {name}" + (f": the {len(ring)} most connected of {total_neighbours}" if summarised else ""),
            desc=_describe(graph, wide["shown_edges"], len(wide["all"]), len(wide["all"]), []),
            legend=_legend(graph, wide["all"], wide["edges"]), rows=_rows(graph, wide["shown_edges"], links),
            isolated_rows=[], edge_kinds=EDGE_KINDS, summarised=summarised, total=total_neighbours, centre=entity_id, left_out=0)

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


def _describe(graph: Graph, edges: list[Edge], shown: int, total: int, isolated: list[str], left_out: int = 0) -> str:
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
