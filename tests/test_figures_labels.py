"""Labels that fit and never collide (issue 11), without a browser: text measured as drawn
(figures/metrics.py), the placer (figures/labels.py), text that fits a width (svg.fit, svg.wrap),
the network's drawings on the real package, and dates written as valid <time> values.
The same is measured in Chromium on the built site by tests/test_site_readers.py."""
from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from factkit.core import paths
from factkit.core.markup import date_ends, date_span
from factkit.core.model import load
from factkit.figures import metrics, svg
from factkit.figures.graph import Graph
from factkit.figures.labels import GAP, Placer, spot
from factkit.figures.links import Links
from factkit.figures.metrics import ASCENT, DESCENT, Box, text_box, text_width
from factkit.figures.network_views import NARROW, arc_view, ring_view, whole_view
from factkit.site import stylesheet

words = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F), max_size=80)


def test_widths_follow_the_letters():
    assert text_width("", 13) == 0
    assert text_width("WWW", 13) > text_width("iii", 13)
    assert text_width("Russia", 13, bold=True) > text_width("Russia", 13)
    assert text_width("Tartús", 13) == text_width("Tartus", 13)  # an accented letter is as wide as its letter
    assert text_width("中", 10) == 10  # anything unknown counts as a full em


def test_a_box_holds_every_line_of_a_label():
    box = text_box(["Russian naval", "facility"], 100, 50, 10, "middle", leading=15)
    assert box.x0 < 100 - text_width("Russian naval", 10) / 2 and box.x1 > 100 + text_width("Russian naval", 10) / 2
    assert (box.y0, box.y1) == (50 - ASCENT * 10, 50 + 15 + DESCENT * 10)
    assert text_box(["x"], 100, 50, 10, "end").x1 > 100 > text_box(["x"], 100, 50, 10, "start").x0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 300), st.floats(0, 300), st.sampled_from(["start", "middle", "end"]), words), max_size=40))
def test_placed_labels_keep_their_distance_and_stay_inside(labels):
    bounds = Box(0, 0, 320, 320)
    placer = Placer(bounds)
    placer.keep_clear(Box(150, 150, 170, 170))
    placed = []
    for x, y, anchor, text in labels:
        spots = [spot([text], x, y, 12, anchor), spot([text], x, y + 20, 12, anchor)]
        chosen = placer.place(spots)
        fitting = [s for s in spots if placer.fits(s.box) or s is chosen]
        assert chosen is (fitting[0] if fitting else None)  # the first free spot, or none
        if chosen:
            placed.append(chosen.box)
    for a, b in combinations(placed, 2):
        assert not a.grown(GAP * 0.99).meets(b)
    for box in placed:
        assert bounds.x0 <= box.x0 and box.x1 <= bounds.x1 and bounds.y0 <= box.y0 and box.y1 <= bounds.y1
        assert not box.meets(Box(150, 150, 170, 170).grown(-0.01))


@settings(max_examples=80, deadline=None)
@given(words, st.floats(20, 300), st.integers(1, 3))
def test_wrapped_and_fitted_text_is_never_wider_than_asked(text, width, lines):
    wrapped = svg.wrap(text, width, 13, lines)
    assert len(wrapped) <= lines
    for line in wrapped:
        assert text_width(line, 13) <= width or len(line) <= 2  # a lone glyph and its ellipsis may not fit a tiny width
    assert text_width(svg.fit(text, width, 11.5), 11.5) <= max(width, text_width("W…", 11.5))
    short = " ".join(text.split())
    if text_width(short, 13) <= width:
        assert svg.fit(text, width, 13) == short and svg.wrap(text, width, 13, lines) == ([short] if short else [])


def test_dates_are_written_at_their_precision():
    d = dt.date
    assert date_ends(d(2015, 1, 1), d(2015, 12, 31), "year") == [("2015", "2015")]
    assert date_ends(d(2015, 1, 1), d(2016, 12, 31), "year") == [("2015", "2015"), ("2016", "2016")]
    assert date_ends(d(2024, 12, 1), d(2024, 12, 31), "month") == [("2024-12", "Dec 2024")]
    assert date_ends(d(2024, 12, 7), d(2024, 12, 7), "day") == [("2024-12-07", "Sat 7 Dec 2024")]
    assert date_ends(d(2024, 12, 7), None, "day") == [("2024-12-07", "Sat 7 Dec 2024")]
    assert date_ends(None, None, "day") == []
    assert date_span(d(2015, 1, 1), d(2016, 12, 31), "year") == "2015–2016"
    assert date_span(d(2024, 11, 1), d(2024, 12, 31), "month") == "Nov 2024 – Dec 2024"


# --- the network's drawings on the real package ----------------------------------------------------------

class ToPages(Links):
    def _entity(self, slug):
        return f"entities/{slug}.html"

    def _sentence(self, slug):
        return f"article.html#{slug}"


def visible_boxes(view: dict) -> list[Box]:
    boxes = []
    for n in view["nodes"] + view["isolated"]:
        label = n["label"]
        if not label["hidden"]:
            boxes.append(text_box(label["lines"], label["x"], label["y"], 13, label["anchor"], 15))
    for e in view["edges"]:
        if not e["hidden"]:
            boxes.append(text_box([e["label"]], e["lx"], e["ly"], 11.5, "middle"))
    return boxes


def test_every_drawing_of_the_real_network_names_every_entity_without_overlap():
    graph = Graph(load())
    shown = graph.rank([eid for eid in graph.entities if graph.degree[eid]])
    isolated = [eid for eid in graph.entities if not graph.degree[eid]]
    edges = [e for e in graph.edges if e.source in graph.adj and e.target in graph.adj and e.source != e.target]
    views = [whole_view(graph, shown, isolated, ToPages(), edges), arc_view(graph, shown, isolated, ToPages(), edges)]
    views += [ring_view(graph, eid, sorted(graph.adj[eid]), ToPages()) for eid in shown]
    for view in views:
        labels = [n["label"] for n in view["nodes"] + view["isolated"]]
        assert not any(label["hidden"] for label in labels), view["name"]
        boxes = visible_boxes(view)
        assert all(not a.grown(GAP * 0.99).meets(b) for a, b in combinations(boxes, 2)), view["name"]
        assert sum(not e["hidden"] for e in view["edges"]) >= len(view["edges"]) / 2 or view["name"] == "narrow", view["name"]
    narrow = views[1]
    assert narrow["width"] == NARROW
    assert sorted(n["id"] for n in narrow["nodes"] + narrow["isolated"]) == sorted(shown + isolated)
    assert len({n["x"] for n in narrow["nodes"]}) == 1  # one column


def test_label_sizes_are_the_stylesheets():
    """The figures measure and place labels at the sizes factkit.css draws them."""
    css = (paths.ROOT / "docs" / stylesheet.SOURCE).read_text(encoding="utf-8")
    label = re.search(r"^\.fk-label, \.fk-network text \{[^}]*font-size: ([\d.]+)px", css, re.M)
    edge = re.search(r"^\.fk-label--edge, \.fk-edge-labels text \{[^}]*font-size: ([\d.]+)px", css, re.M)
    assert label and edge
    assert (float(label.group(1)), float(edge.group(1))) == (metrics.LABEL_SIZE, metrics.EDGE_LABEL_SIZE)
