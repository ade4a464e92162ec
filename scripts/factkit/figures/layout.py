"""Where the actor network's nodes go (graph.py holds the graph, network.py draws it).

Each connected component is laid out by stress majorization on graph distances, started from
classical MDS, both plain numpy and free of randomness, so the same data always gives the same
picture. (networkx's seeded spring layout was the first choice; importing networkx alone cost
0.4 s of the 1 s budget on the build machine, and the layout here needs only breadth-first
distances.) Then nodes whose label boxes overlap are pushed apart, and the components are placed
on shelves (`pack`, the wide drawing). The narrow drawing (arcs.py) lists the nodes in one column
instead, in the order of each component's layout along its longest axis (`order`).

Label boxes are measured as drawn (metrics.py); labels.py then places every label without overlap.
"""
from __future__ import annotations

import math

import numpy as np

from . import svg
from .graph import Graph
from .metrics import LABEL_SIZE, text_width

NODE_R = 9  # a node marker's radius
LABEL_ROOM = 150  # a node label wraps at this width, on at most two lines
LEADING = 15  # from one line of a label to the next


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
    """Breadth-first hop counts from every node of one component (at most network.MAX_NODES nodes)."""
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


def label_lines(graph: Graph, eid: str) -> list[str]:
    return svg.wrap(graph.entities[eid]["name"], LABEL_ROOM, LABEL_SIZE)


def label_box(graph: Graph, eid: str) -> tuple[float, float]:
    """Half-width and height (below the marker's top) that a node and its label occupy."""
    lines = label_lines(graph, eid)
    half = max(NODE_R, max(text_width(line, LABEL_SIZE) for line in lines) / 2 + 3)
    return half, NODE_R * 2 + 8 + LEADING * len(lines)


def _relax(graph: Graph, pos: dict[str, tuple[float, float]], width: float, rounds: int = 120):
    """Push apart nodes whose label boxes overlap, along the axis that needs the smaller move.
    Deterministic (ids sorted), O(n^2) per round for a component of at most network.MAX_NODES nodes."""
    ids = sorted(pos)
    xy = {k: list(pos[k]) for k in ids}
    box = {k: label_box(graph, k) for k in ids}
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


def components(graph: Graph, shown: list[str]) -> list[list[str]]:
    """The connected components among `shown`, largest first."""
    return _components(graph.adj, shown)


def _positions(graph: Graph, comp: list[str]) -> dict[str, tuple[float, float]]:
    """One component's stress layout, computed once per build (both drawings read it)."""
    if len(comp) == 1:
        return {comp[0]: (0.0, 0.0)}
    if len(comp) == 2:
        return {comp[0]: (0.0, 0.0), comp[1]: (1.0, 0.0)}
    key = tuple(comp)
    if key not in graph.layouts:
        graph.layouts[key] = _stress(graph.adj, comp)
    return graph.layouts[key]


def order(graph: Graph, comp: list[str]) -> list[str]:
    """A component's nodes along the longest axis of its layout: neighbours in the graph end up
    near each other in the list, so the narrow drawing's arcs stay short."""
    pos = _positions(graph, comp)
    xy = np.array([pos[k] for k in comp])
    centred = xy - xy.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    main = axes[0] if axes[0][int(np.argmax(np.abs(axes[0])))] > 0 else -axes[0]  # a fixed sign: no flip between runs
    along = centred @ main
    return [comp[i] for i in sorted(range(len(comp)), key=lambda i: (round(float(along[i]), 6), comp[i]))]


def pack(graph: Graph, shown: list[str], width: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Lay out each connected component on its own (stress majorization), then place the
    components on shelves, largest first. One layout of a disconnected graph pushes the
    components to the corners and crushes the big one. Returns positions and the height used."""
    placed: dict[str, tuple[float, float]] = {}
    x = y = 0.0
    shelf = 0.0
    usable = width - 40
    for comp in components(graph, shown):
        n = len(comp)
        w = min(usable, 185 * math.sqrt(n) + 120)
        h = 150 * math.sqrt(n)
        pos = {k: (float(v[0]), float(v[1])) for k, v in _positions(graph, comp).items()}
        pad = max(label_box(graph, k)[0] for k in comp) + 4
        fitted = _fit(pos, pad, 0, max(w - 2 * pad, 1), h)
        local = _relax(graph, fitted, w)
        left = min(px - label_box(graph, k)[0] for k, (px, _) in local.items())
        right = max(px + label_box(graph, k)[0] for k, (px, _) in local.items())
        top = min(py - NODE_R for _, py in local.values())
        bottom = max(py - NODE_R + label_box(graph, k)[1] for k, (_, py) in local.items())
        cw, ch = right - left + 30, bottom - top + 30
        if x > 0 and x + cw > usable:
            x, y, shelf = 0.0, y + shelf, 0.0
        for k, (px, py) in local.items():
            placed[k] = (20 + x + 15 + px - left, 10 + y + 15 + NODE_R + py - top)
        x += cw
        shelf = max(shelf, ch)
    return placed, y + shelf + 10
