"""The actor network's drawings, each a dict the template network.svg.j2 draws (network.py picks
them and renders the figure):

- wide: the whole network as nodes and curved edges, each component laid out by layout.py;
- narrow (phones): the same nodes listed in one column, each tie an arc on their left: the
  column keeps every name legible at 390 px, where a node-link drawing knots;
- ring: one entity at the centre, its neighbours around it, their names facing outwards.

Every label, node and edge alike, goes through one Placer (labels.py): a node's name moves to a
free side of its marker, or is shortened to one line; an edge's words slide along their curve.
A label with no free spot is hidden until hovered or focused (class fk-tip); the `<title>` and the
connections table always carry the full words.
"""
from __future__ import annotations

import math
from collections import defaultdict

from ..core.markup import whole
from . import svg
from .graph import Edge, Graph
from .labels import Placer, spot
from .layout import LABEL_ROOM, LEADING, NODE_R, components, label_lines, order, pack
from .links import Links
from .metrics import ASCENT, DESCENT, EDGE_LABEL_SIZE, LABEL_SIZE, Box, text_width

WIDTH = 960  # the wide drawing
NARROW = 420  # phones (CSS shows one drawing or the other)
RING = 500  # an entity's drawing, one for every width: at 390 px its labels are still 9 px high
RING_ROOM = 125  # its names wrap at this width, on up to three lines
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.86)  # where an edge label may sit on its curve, best first
ISOLATED_NOTE = "Named in the article, in no relation or claim:"


def _node(graph: Graph, eid: str, x: float, y: float, links: Links, centre: bool = False) -> dict:
    entity = graph.entities[eid]
    style = graph.styles.get(entity["entity_type"], {"colour": 0, "shape": "circle", "label": entity["entity_type"]})
    r = NODE_R * (1.5 if centre else 1)
    return {
        "id": eid, "x": x, "y": y, "r": r, "name": entity["name"], "type": style["label"],
        "colour": style["colour"], "path": svg.shape_path(style["shape"], x, y, r, whole),
        "href": links.entity(eid), "centre": centre,
    }


def _cubic(p0, c1, c2, p3, t: float) -> tuple[float, float]:
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t ** 3 * p3[0],
            u ** 3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t ** 3 * p3[1])


def _edge(e: Edge, curve: tuple, links: Links, rank: int) -> dict:
    p0, c1, c2, p3 = curve
    return {"kind": e.kind, "label": e.label, "title": e.title, "href": links.sentence(e.sentence_id),
            "source": e.source, "target": e.target, "curve": curve, "rank": rank,
            "d": f"M{whole(p0[0])} {whole(p0[1])}C{whole(c1[0])} {whole(c1[1])} {whole(c2[0])} {whole(c2[1])} {whole(p3[0])} {whole(p3[1])}"}


def _bent_edges(nodes: dict[str, dict], edges: list[Edge], links: Links, ranks: dict[int, int]) -> list[dict]:
    """Curves between placed nodes (wide and ring): parallel edges of one pair bend apart; each
    line stops at its target's marker so the arrowhead shows."""
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
            sign = 1 if e.source < e.target else -1  # by a canonical pair order, so opposite edges separate
            bend = (k - (len(group) - 1) / 2) * 46 * sign
            q = ((a["x"] + b["x"]) / 2 - dy / length * bend, (a["y"] + b["y"]) / 2 + dx / length * bend)
            tl = math.hypot(b["x"] - q[0], b["y"] - q[1]) or 1.0
            sl = math.hypot(q[0] - a["x"], q[1] - a["y"]) or 1.0
            start = (a["x"] + (q[0] - a["x"]) / sl * (a["r"] + 2), a["y"] + (q[1] - a["y"]) / sl * (a["r"] + 2))
            end = (b["x"] - (b["x"] - q[0]) / tl * (b["r"] + 5), b["y"] - (b["y"] - q[1]) / tl * (b["r"] + 5))
            # the quadratic through q, written as the cubic every edge is
            c1 = (start[0] + 2 / 3 * (q[0] - start[0]), start[1] + 2 / 3 * (q[1] - start[1]))
            c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            out.append(_edge(e, (start, c1, c2, end), links, ranks[id(e)]))
    return out


def strength(graph: Graph, e: Edge) -> tuple:
    """Ties with more rows behind them, between better-connected entities, first."""
    weight = graph.degree.get(e.source, 0) + graph.degree.get(e.target, 0)
    return (-len(e.fact_ids), -weight, e.kind, e.source, e.target, e.label)


def _ranks(graph: Graph, edges: list[Edge]) -> dict[int, int]:
    """Each edge's place in the order its label is placed (the strongest first)."""
    return {id(e): i for i, e in enumerate(sorted(edges, key=lambda e: strength(graph, e)))}


# --- labels -------------------------------------------------------------------------------------------

def _side(side: str, n: dict, lines: list[str]) -> object:
    """A node label's spot on one side of its marker."""
    gap = n["r"] + 4
    if side == "below":
        return spot(lines, n["x"], n["y"] + gap + ASCENT * LABEL_SIZE, LABEL_SIZE, "middle", LEADING)
    if side == "above":
        return spot(lines, n["x"], n["y"] - gap - DESCENT * LABEL_SIZE - LEADING * (len(lines) - 1), LABEL_SIZE, "middle", LEADING)
    first = n["y"] + 0.35 * LABEL_SIZE - LEADING * (len(lines) - 1) / 2
    if side == "right":
        return spot(lines, n["x"] + gap, first, LABEL_SIZE, "start", LEADING)
    return spot(lines, n["x"] - gap, first, LABEL_SIZE, "end", LEADING)


def _along(e: dict, t: float, beside: int):
    """An edge label's spot at `t` along its curve, on the line (0) or just above (-1) or below (1) it."""
    x, y = _cubic(*e["curve"], t)
    y += beside * ((ASCENT + DESCENT) / 2 * EDGE_LABEL_SIZE + 3)
    return spot([e["label"]], x, y + 0.35 * EDGE_LABEL_SIZE, EDGE_LABEL_SIZE)


def _as_label(found, fallback) -> dict:
    chosen = found or fallback
    return {"x": chosen.x, "y": chosen.y, "anchor": chosen.anchor, "lines": list(chosen.lines), "hidden": found is None}


def place_labels(graph: Graph, view: dict, sides, room: float = LABEL_ROOM, lines: int = 2) -> None:
    """Give every node and edge of a drawing its label (see the module docstring). `sides(node)`
    lists the sides a node's name may take, best first; a name wraps at `room`, on up to `lines`."""
    placer = Placer(Box(0, 0, view["width"], view["height"]))
    everyone = view["nodes"] + view["isolated"]
    for n in everyone:
        placer.keep_clear(Box(n["x"] - n["r"] - 1, n["y"] - n["r"] - 1, n["x"] + n["r"] + 1, n["y"] + n["r"] + 1))
    for box in view.get("notes", []):
        placer.keep_clear(box["box"])
    # points along every edge, filed by 32-unit square: a name is better where no line runs through it
    on_edges: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for e in view["edges"]:
        for x, y in (_cubic(*e["curve"], i / 20) for i in range(1, 20)):
            on_edges[(int(x // 32), int(y // 32))].append((x, y))

    def crossed(s) -> bool:
        b = s.box
        return any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1
                   for i in range(int(b.x0 // 32), int(b.x1 // 32) + 1) for j in range(int(b.y0 // 32), int(b.y1 // 32) + 1)
                   for x, y in on_edges.get((i, j), ()))
    for n in sorted(everyone, key=lambda n: (not n["centre"], -graph.degree.get(n["id"], 0), n["name"].lower(), n["id"])):
        full = label_lines(graph, n["id"]) if (room, lines) == (LABEL_ROOM, 2) else svg.wrap(n["name"], room, LABEL_SIZE, lines)
        short = [svg.fit(n["name"], min(room, LABEL_ROOM) * 0.75, LABEL_SIZE)]
        spots = []
        for name in (full, short):  # the whole name on any side before a shortened one
            spots += sorted((_side(side, n, name) for side in sides(n)), key=crossed)
        n["label"] = _as_label(placer.place(spots), spots[0])
    for e in sorted(view["edges"], key=lambda e: e["rank"]):
        spots = (_along(e, t, beside) for beside in (0, -1, 1) for t in ALONG)  # on the line, then just above or below it
        found = placer.place(spots)
        at = found or _along(e, ALONG[0], 0)
        e["lx"], e["ly"], e["hidden"] = at.x, at.y, found is None


# --- the three drawings --------------------------------------------------------------------------------

def whole_view(graph: Graph, shown: list[str], isolated: list[str], links: Links, edges: list[Edge]) -> dict:
    """The wide drawing: components on shelves, entities in no tie in rows under a rule."""
    placed, height = pack(graph, shown, WIDTH)
    nodes = {eid: _node(graph, eid, *placed[eid], links) for eid in shown}
    iso_nodes, notes = [], []
    full_height = height
    if isolated:
        widest = max(max(text_width(line, LABEL_SIZE) for line in label_lines(graph, eid)) for eid in isolated)
        per_row = max(1, int((WIDTH - 40) // (widest + 16)))
        col_w = (WIDTH - 40) / per_row
        notes.append({"text": ISOLATED_NOTE, "x": 20, "y": height + 24,
                      "box": spot([ISOLATED_NOTE], 20, height + 24, 12, "start").box})
        for i, eid in enumerate(isolated):
            iso_nodes.append(_node(graph, eid, 20 + col_w * (i % per_row) + col_w / 2, height + 48 + 62 * (i // per_row), links))
        full_height = height + 48 + 62 * math.ceil(len(isolated) / per_row)
    drawn = _bent_edges(nodes, edges, links, _ranks(graph, edges))
    view = {"name": "wide", "width": WIDTH, "height": full_height, "nodes": list(nodes.values()), "isolated": iso_nodes,
            "rule": height + 8 if isolated else None, "notes": notes, "edges": drawn, "min_width": 640}
    place_labels(graph, view, lambda n: ("below", "above", "right", "left"))
    return view


ROW_GAP = 9  # between the rows of the narrow drawing
COLUMN = 0.36  # the narrow drawing's markers stand at this fraction of its width; arcs fill the left


def arc_view(graph: Graph, shown: list[str], isolated: list[str], links: Links, edges: list[Edge]) -> dict:
    """The narrow drawing: one row per entity, ordered so that neighbours sit close, each tie an arc."""
    x = NARROW * COLUMN
    room = NARROW - x - NODE_R - 10
    rows, y = {}, 16.0
    for comp in components(graph, shown):
        for eid in order(graph, comp):
            lines = svg.wrap(graph.entities[eid]["name"], room, LABEL_SIZE)
            rows[eid] = (y + LEADING * (len(lines) - 1) / 2, lines)
            y += LEADING * len(lines) + ROW_GAP
        y += 10  # a little air between components
    nodes = {eid: _node(graph, eid, x, cy, links) for eid, (cy, _) in rows.items()}
    notes, iso_nodes = [], []
    rule = None
    if isolated:
        rule = y
        notes.append({"text": ISOLATED_NOTE, "x": 10, "y": y + 18, "box": spot([ISOLATED_NOTE], 10, y + 18, 12, "start").box})
        y += 40
        for eid in isolated:
            lines = svg.wrap(graph.entities[eid]["name"], room, LABEL_SIZE)
            iso_nodes.append(_node(graph, eid, x, y + LEADING * (len(lines) - 1) / 2, links))
            y += LEADING * len(lines) + ROW_GAP
    drawn = []
    pairs: dict[frozenset, int] = defaultdict(int)
    for rank, e in enumerate(sorted(edges, key=lambda e: strength(graph, e))):
        if e.source not in nodes or e.target not in nodes or e.source == e.target:
            continue
        a, b = nodes[e.source], nodes[e.target]
        k = pairs[frozenset((e.source, e.target))]
        pairs[frozenset((e.source, e.target))] += 1
        reach = min(x - 16, 14 + 0.45 * abs(b["y"] - a["y"]) + 12 * k) / 0.75  # the arc's apex is 3/4 of its controls' reach
        start, end = (x - a["r"] - 2, a["y"]), (x - b["r"] - 5, b["y"])
        drawn.append(_edge(e, (start, (x - reach, a["y"]), (x - reach, b["y"]), end), links, rank))
    view = {"name": "narrow", "width": NARROW, "height": y + 6, "nodes": list(nodes.values()), "isolated": iso_nodes,
            "rule": rule, "notes": notes, "edges": drawn, "min_width": 300}
    place_labels(graph, view, lambda n: ("right",), room)
    return view


def ring_view(graph: Graph, entity_id: str, ring: list[str], links: Links) -> dict:
    """An entity's drawing: it at the centre, its neighbours on an upright ellipse around it, each
    name on the side facing away from the centre."""
    n = len(ring)
    rx = RING / 2 - RING_ROOM - NODE_R - 8
    ry = max(120.0, 26.0 * n)
    cx, cy = RING / 2, ry + 45
    nodes = {entity_id: _node(graph, entity_id, cx, cy, links, centre=True)}
    # on the ellipse, starting at the top; an even ring of four or more is turned half a step so no
    # spoke is vertical (two neighbours stay above and below: level spokes leave no room for words)
    turn = -math.pi / 2 + (math.pi / n if n % 2 == 0 and n > 2 else 0)
    for i, eid in enumerate(ring):
        angle = turn + 2 * math.pi * i / n
        nodes[eid] = _node(graph, eid, cx + math.cos(angle) * rx, cy + math.sin(angle) * ry, links)
    height = max(n["y"] for n in nodes.values()) + 60  # room under the lowest node for its name
    shown = [e for e in graph.by_entity.get(entity_id, []) if e.source in nodes and e.target in nodes]
    drawn = _bent_edges(nodes, shown, links, _ranks(graph, shown))

    def outwards(node: dict) -> tuple[str, ...]:
        dx, dy = node["x"] - cx, node["y"] - cy
        if node["centre"]:
            return ("below", "above", "right", "left")
        if abs(dx) < 1:
            return ("above", "right", "left", "below") if dy < 0 else ("below", "right", "left", "above")
        return ("right", "below", "above", "left") if dx > 0 else ("left", "below", "above", "right")

    view = {"name": "ring", "width": RING, "height": height, "nodes": list(nodes.values()), "isolated": [],
            "rule": None, "notes": [], "edges": drawn, "min_width": 300, "shown_edges": shown}
    place_labels(graph, view, outwards, RING_ROOM, lines=3)
    return view
