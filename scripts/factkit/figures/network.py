"""The actor network: entities as nodes, relations as labelled edges, claims as dashed
speaker -> subject edges and relays (one hop of a claim's path to the next) as dotted edges.

The graph is built once per package (linear in relations + claims + hops). The whole-package
figure lays out at most MAX_NODES nodes (the most connected ones when there are more): each
connected component by stress majorization on graph distances, started from classical MDS, both
plain numpy and free of randomness, so the same data always gives the same picture. (networkx's
seeded spring layout was the first choice; importing networkx alone cost 0.4 s of the 1 s
budget on the build machine, and the layout here needs only breadth-first distances.)
An entity page shows the entity at the centre and its direct neighbours on a ring.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..core.model import Package
from . import facts, svg

MAX_NODES = 60  # whole-package figure: beyond this it shows the most connected entities
MAX_NEIGHBOURS = 24  # entity figure: beyond this it shows the most connected neighbours
SEED = 20241208
WIDTH = 960
NODE_R = 9
LABEL_SIZE = 13
EDGE_LABEL_SIZE = 11.5


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # relation | claim | relay
    label: str
    title: str
    fact_ids: list[str] = field(default_factory=list)
    sentence_id: str | None = None


class Graph:
    """Entities and the edges between them, indexed for both figures."""

    def __init__(self, package: Package):
        self.entities = {r["entity_id"]: r for r in facts.rows(package, "entities", ["entity_id", "name", "entity_type"])}
        types = next(f for f in package.schema("entities")["fields"] if f["name"] == "entity_type")
        self.styles = svg.type_styles(types.get("constraints", {}).get("enum", []))
        first_sentence = facts.first_sentence(package)
        name = lambda eid: self.entities.get(eid, {}).get("name", eid)

        self.edges: list[Edge] = []
        # One edge per (subject, predicate, object): a relation stated in many articles is drawn
        # once, with its count, so the figure's size follows the number of distinct ties.
        relations: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for r in facts.rows(package, "relations", ["relation_id", "subject_id", "predicate", "object_id", "claim_id"]):
            relations[(r["subject_id"], r["predicate"], r["object_id"])].append(r)
        for (subject, predicate, obj), rows in relations.items():
            said = " (reported in a claim)" if all(r.get("claim_id") for r in rows) else ""
            times = f" ({len(rows)} times)" if len(rows) > 1 else ""
            label = svg.humanise(predicate) + (f" ×{len(rows)}" if len(rows) > 1 else "")
            self.edges.append(Edge(
                subject, obj, "relation", label,
                f"{name(subject)} {svg.humanise(predicate)} {name(obj)}{said}{times}",
                [r["relation_id"] for r in rows], first_sentence.get(rows[0]["relation_id"])))

        claims_by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in facts.rows(package, "claims", ["claim_id", "speaker_id", "about_id", "summary"]):
            if c.get("speaker_id") and c.get("about_id") and c["speaker_id"] != c["about_id"]:
                claims_by_pair[(c["speaker_id"], c["about_id"])].append(c)
        for (speaker, about), claims in claims_by_pair.items():
            label = "claim" if len(claims) == 1 else f"{len(claims)} claims"
            summaries = "; ".join(svg.clip(c.get("summary"), 90) for c in claims[:3])
            if len(claims) > 3:
                summaries += f"; and {len(claims) - 3} more"
            self.edges.append(Edge(
                speaker, about, "claim", label, f"{name(speaker)}, about {name(about)}: {summaries}",
                [c["claim_id"] for c in claims], first_sentence.get(claims[0]["claim_id"])))

        hops: dict[str, list[dict]] = defaultdict(list)
        for h in facts.rows(package, "claim_hops", ["claim_id", "hop", "entity_id", "verb"]):
            hops[h["claim_id"]].append(h)
        relays: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for claim_id, chain in hops.items():
            chain.sort(key=lambda h: h["hop"])
            for a, b in zip(chain, chain[1:]):
                if a["entity_id"] != b["entity_id"]:
                    relays[(a["entity_id"], b["entity_id"])].append((claim_id, a.get("verb") or ""))
        for (a, b), items in relays.items():
            verbs = list(dict.fromkeys(v for _, v in items if v))
            count = f"{len(items)} claims" if len(items) > 1 else "a claim"
            self.edges.append(Edge(
                a, b, "relay", svg.clip(" / ".join(verbs) or "passed on", 26),
                f"{name(a)} passed {count} on to {name(b)}",
                [cid for cid, _ in items], first_sentence.get(items[0][0])))

        # undirected adjacency between entities: all the layout needs
        self.adj: dict[str, set[str]] = {eid: set() for eid in self.entities}
        self.by_entity: dict[str, list[Edge]] = defaultdict(list)
        for e in self.edges:
            if e.source in self.entities and e.target in self.entities:
                if e.source != e.target:
                    self.adj[e.source].add(e.target)
                    self.adj[e.target].add(e.source)
                self.by_entity[e.source].append(e)
                if e.target != e.source:
                    self.by_entity[e.target].append(e)
        self.degree = {eid: len(n) for eid, n in self.adj.items()}
        self.layouts: dict[tuple[str, ...], dict[str, tuple[float, float]]] = {}

    def rank(self, ids) -> list[str]:
        return sorted(ids, key=lambda eid: (-self.degree.get(eid, 0), self.entities[eid]["name"].lower(), eid))


def _node(graph: Graph, eid: str, x: float, y: float, links: svg.Links, centre: bool = False) -> dict:
    entity = graph.entities[eid]
    style = graph.styles.get(entity["entity_type"], {"colour": 0, "shape": "circle", "label": entity["entity_type"]})
    r = NODE_R * (1.5 if centre else 1)
    return {
        "id": eid, "x": x, "y": y, "r": r, "name": entity["name"], "type": style["label"],
        "colour": style["colour"], "path": svg.shape_path(style["shape"], x, y, r, svg.whole),
        "lines": svg.wrap(entity["name"], 22), "href": links.entity(eid), "centre": centre,
    }


def _edges(graph: Graph, nodes: dict[str, dict], edges: list[Edge], links: svg.Links) -> list[dict]:
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
                "d": f"M{svg.whole(start_x)} {svg.whole(start_y)}Q{svg.whole(cx)} {svg.whole(cy)} {svg.whole(end_x)} {svg.whole(end_y)}",
                # ly is the baseline: 0.35em below the middle, so the label sits centred on the curve
                "lx": mid_x, "ly": mid_y + 0.35 * EDGE_LABEL_SIZE, "href": links.sentence(e.sentence_id),
                "source": e.source, "target": e.target,
            })
    return out


def _fit(pos: dict[str, tuple[float, float]], left: float, top: float, width: float, height: float):
    """Stretch positions to fill the box (each axis on its own: a long thin component becomes a
    diagonal with room for its labels); a flat dimension is centred instead of divided by zero."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    fx = (lambda v: left + (v - min(xs)) / span_x * width) if span_x > 1e-6 else (lambda v: left + width / 2)
    fy = (lambda v: top + (v - min(ys)) / span_y * height) if span_y > 1e-6 else (lambda v: top + height / 2)
    return {k: (fx(p[0]), fy(p[1])) for k, p in pos.items()}


def _distances(adj: dict[str, set[str]], ids: list[str]) -> dict[str, dict[str, int]]:
    """Breadth-first hop counts from every node of one component (n <= MAX_NODES)."""
    out = {}
    for source in ids:
        seen = {source: 0}
        frontier = [source]
        while frontier:
            nxt = []
            for node in frontier:
                for other in sorted(adj[node]):
                    if other not in seen:
                        seen[other] = seen[node] + 1
                        nxt.append(other)
            frontier = nxt
        out[source] = seen
    return out


def _components(adj: dict[str, set[str]], ids: list[str]) -> list[list[str]]:
    allowed = set(ids)
    seen: set[str] = set()
    comps = []
    for start in sorted(ids):
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            comp.append(node)
            for other in adj[node]:
                if other in allowed and other not in seen:
                    seen.add(other)
                    stack.append(other)
        comps.append(sorted(comp))
    return sorted(comps, key=lambda c: (-len(c), c[0]))


def _stress(adj: dict[str, set[str]], ids: list[str], rounds: int = 120) -> dict[str, tuple[float, float]]:
    """Stress majorization (SMACOF) on hop distances, started from classical MDS: distances on
    the page follow distances in the graph, and hubs do not pull their neighbours into a knot.
    No randomness: eigenvector signs are fixed so the picture cannot flip between runs."""
    sub = {k: adj[k] & set(ids) for k in ids}
    lengths = _distances(sub, ids)
    n = len(ids)
    d = np.array([[lengths[a].get(b, n) for b in ids] for a in ids], dtype=float)
    # classical MDS start
    j = np.eye(n) - 1.0 / n
    b = -0.5 * j @ (d ** 2) @ j
    values, vectors = np.linalg.eigh(b)
    order = np.argsort(values)[::-1][:2]
    x = vectors[:, order] * np.sqrt(np.maximum(values[order], 1e-9))
    for axis in range(2):
        pivot = int(np.argmax(np.abs(x[:, axis]) > 1e-9))
        if x[pivot, axis] < 0:
            x[:, axis] *= -1
    w = np.zeros_like(d)
    nonzero = d > 0
    w[nonzero] = d[nonzero] ** -2
    lw = -w
    np.fill_diagonal(lw, w.sum(axis=1))
    lw_pinv = np.linalg.pinv(lw)
    for _ in range(rounds):
        diff = x[:, None, :] - x[None, :, :]
        dist = np.sqrt((diff ** 2).sum(axis=2))
        ratio = np.zeros_like(d)
        mask = dist > 1e-9
        ratio[mask] = w[mask] * d[mask] / dist[mask]
        bz = -ratio
        np.fill_diagonal(bz, ratio.sum(axis=1))
        x = lw_pinv @ (bz @ x)
    return {k: (float(x[i, 0]), float(x[i, 1])) for i, k in enumerate(ids)}


def _label_box(graph: Graph, eid: str) -> tuple[float, float]:
    """Half-width and height (below the marker's top) that a node and its label occupy."""
    lines = svg.wrap(graph.entities[eid]["name"], 22)
    half = max(NODE_R, max(svg.text_width(line, LABEL_SIZE) for line in lines) / 2)
    return half, NODE_R * 2 + 8 + 15 * len(lines)


def _relax(graph: Graph, pos: dict[str, tuple[float, float]], width: float, rounds: int = 120):
    """Push apart nodes whose label boxes overlap, along the axis that needs the smaller move.
    Deterministic (ids sorted), O(n^2) per round for a component of at most MAX_NODES nodes."""
    ids = sorted(pos)
    xy = {k: list(pos[k]) for k in ids}
    box = {k: _label_box(graph, k) for k in ids}
    gap = 6.0
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                (ax, ay), (bx, by) = xy[a], xy[b]
                ox = box[a][0] + box[b][0] + gap - abs(ax - bx)
                # boxes start NODE_R above the marker centre and extend down by their height
                top_a, top_b = ay - NODE_R, by - NODE_R
                oy = min(top_a + box[a][1], top_b + box[b][1]) - max(top_a, top_b) + gap
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox < oy * 1.6:
                    push = ox / 2 * (1 if ax >= bx else -1)
                    xy[a][0] += push
                    xy[b][0] -= push
                else:
                    push = oy / 2 * (1 if ay >= by else -1)
                    xy[a][1] += push
                    xy[b][1] -= push
        for k in ids:  # stay inside the canvas sideways; grow downwards instead
            xy[k][0] = min(max(xy[k][0], box[k][0]), width - box[k][0])
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in xy.items()}


def _pack(graph: Graph, shown: list[str], width: float = WIDTH) -> tuple[dict[str, tuple[float, float]], float]:
    """Lay out each connected component on its own (spring layout, fixed seed), then place the
    components on shelves, largest first. A single spring layout of a disconnected graph pushes
    the components to the corners and crushes the big one."""
    components = _components(graph.adj, shown)
    placed: dict[str, tuple[float, float]] = {}
    x = y = 0.0
    shelf = 0.0
    usable = width - 40
    tall = 1.0 if width >= 700 else 2.0  # a narrow drawing grows downwards instead
    for comp in components:
        n = len(comp)
        w = min(usable, 185 * math.sqrt(n) + 120)
        h = 150 * math.sqrt(n) * tall
        if n == 1:
            pos = {comp[0]: (0.0, 0.0)}
        elif n == 2:
            pos = {comp[0]: (0.0, 0.0), comp[1]: (1.0, 0.0)}
        else:
            key = tuple(comp)
            if key not in graph.layouts:  # the same layout serves the wide and the narrow drawing
                graph.layouts[key] = _stress(graph.adj, comp)
            pos = graph.layouts[key]
            if tall > 1:  # narrow drawing: turn a wide layout upright so its long side runs down
                xs = [p[0] for p in pos.values()]
                ys = [p[1] for p in pos.values()]
                if max(xs) - min(xs) > max(ys) - min(ys):
                    pos = {k: (p[1], p[0]) for k, p in pos.items()}
        pos = {k: (float(v[0]), float(v[1])) for k, v in pos.items()}
        pad = max(_label_box(graph, k)[0] for k in comp) + 4
        fitted = _fit(pos, pad, 0, max(w - 2 * pad, 1), h)
        if tall > 1 and n > 3:
            # narrow drawing: hubs gather their neighbours into a knot that the narrow width
            # cannot untie sideways, so spread the nodes evenly down the page, keeping their order
            order = sorted(fitted, key=lambda k: (fitted[k][1], k))
            step = h / max(n - 1, 1)
            fitted = {k: (fitted[k][0], 0.35 * fitted[k][1] + 0.65 * i * step) for i, k in enumerate(order)}
        local = _relax(graph, fitted, w)
        left = min(px - _label_box(graph, k)[0] for k, (px, _) in local.items())
        right = max(px + _label_box(graph, k)[0] for k, (px, _) in local.items())
        top = min(py - NODE_R for _, py in local.values())
        bottom = max(py - NODE_R + _label_box(graph, k)[1] for k, (_, py) in local.items())
        cw, ch = right - left + 30, bottom - top + 30
        if x > 0 and x + cw > usable:
            x, y, shelf = 0.0, y + shelf, 0.0
        for k, (px, py) in local.items():
            placed[k] = (20 + x + 15 + px - left, 10 + y + 15 + NODE_R + py - top - NODE_R + NODE_R)
        x += cw
        shelf = max(shelf, ch)
    return placed, y + shelf + 10


def _legend(graph: Graph, nodes: dict[str, dict], edges: list[dict]) -> dict:
    types = sorted({(n["colour"], n["type"], graph.entities[n["id"]]["entity_type"]) for n in nodes.values()},
                   key=lambda t: list(graph.styles).index(t[2]) if t[2] in graph.styles else 99)
    swatches = []
    for colour, label, code in types:
        shape = graph.styles.get(code, {}).get("shape", "circle")
        swatches.append({"colour": colour, "label": label, "path": svg.shape_path(shape, 8, 8, 5.5)})
    kinds = [k for k in ("relation", "claim", "relay") if any(e["kind"] == k for e in edges)]
    return {"types": swatches, "kinds": kinds}


NARROW = 420  # phones: the same figure drawn for a narrow screen (CSS shows one or the other)
RING = 560  # the entity figure's single drawing


def _whole_view(graph: Graph, shown: list[str], isolated: list[str], links: svg.Links, width: float,
                edges: list[Edge] | None = None) -> dict:
    placed, height = _pack(graph, shown, width)
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


def whole(graph: Graph, links: svg.Links, fig_id: str = "network", max_bytes: int = MAX_BYTES) -> svg.Markup:
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

    def draw(limit: int) -> svg.Markup:
        chosen = set(map(id, ranked[:limit]))
        edges = [e for e in candidates if id(e) in chosen]  # drawn in their usual order
        views = [_whole_view(graph, shown, isolated, links, w, edges) for w in (WIDTH, NARROW)]
        wide = views[0]
        names = lambda eid: graph.entities[eid]["name"]
        left_out = len(candidates) - len(edges)
        return svg.render(
            "network.svg.j2", fig_id=fig_id, views=views,
            title="Actor network" if not summarised else f"Actor network: the {len(shown)} most connected of {total} entities",
            desc=_describe(graph, wide["shown_edges"], len(wide["all"]), total, isolated, left_out),
            legend=_legend(graph, wide["all"], wide["edges"]), rows=_rows(graph, wide["shown_edges"], links),
            isolated_rows=[{"name": names(e), "href": links.entity(e)} for e in isolated],
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


def _ring_view(graph: Graph, entity_id: str, ring: list[str], links: svg.Links, width: float) -> dict:
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


def neighbourhood(graph: Graph, entity_id: str, links: svg.Links, max_bytes: int = RING_MAX_BYTES) -> svg.Markup:
    """The entity at the centre, its direct neighbours on a ring; empty when it has none."""
    if entity_id not in graph.entities:
        return svg.Markup("")
    around = {e.target if e.source == entity_id else e.source for e in graph.by_entity.get(entity_id, [])}
    around.discard(entity_id)
    if not around:
        return svg.Markup("")
    total_neighbours = len(around)
    ranked = graph.rank(around)
    name = graph.entities[entity_id]["name"]

    def draw(size: int) -> svg.Markup:
        ring = sorted(ranked[:size], key=lambda eid: graph.entities[eid]["name"].lower())
        # One drawing, sized to read at phone and desktop widths alike (CSS caps its width): entity
        # pages are the most numerous, so their figure stays small.
        views = [_ring_view(graph, entity_id, ring, links, RING)]
        wide = views[0]
        summarised = len(ring) < total_neighbours
        return svg.render(
            "network.svg.j2", fig_id=f"network-{svg.safe_id(entity_id) or 'entity'}", views=views,
            title=f"Connections of {name}" + (f": the {len(ring)} most connected of {total_neighbours}" if summarised else ""),
            desc=_describe(graph, wide["shown_edges"], len(wide["all"]), len(wide["all"]), []),
            legend=_legend(graph, wide["all"], wide["edges"]), rows=_rows(graph, wide["shown_edges"], links),
            isolated_rows=[], summarised=summarised, total=total_neighbours, centre=entity_id, left_out=0)

    size = min(MAX_NEIGHBOURS, len(ranked))
    best = draw(size)
    while size > 1 and len(str(best).encode("utf-8")) > max_bytes:
        size -= max(1, size // 4)
        best = draw(size)
    return best


KIND_WORDS = {"relation": "fact", "claim": "claim", "relay": "relay"}


def _rows(graph: Graph, edges: list[Edge], links: svg.Links) -> list[dict]:
    name = lambda eid: graph.entities[eid]["name"]
    rows = [{
        "source": name(e.source), "source_href": links.entity(e.source),
        "target": name(e.target), "target_href": links.entity(e.target),
        "kind": KIND_WORDS[e.kind], "label": e.label, "title": e.title,
        "href": links.sentence(e.sentence_id),
    } for e in edges]
    return sorted(rows, key=lambda r: (r["source"].lower(), r["kind"], r["label"], r["target"].lower()))


def _describe(graph: Graph, edges: list[Edge], shown: int, total: int, isolated: list[str], left_out: int = 0) -> str:
    counts = {k: sum(1 for e in edges if e.kind == k) for k in KIND_WORDS}
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
