"""The coverage strip: an article's sentences in reading order, each cell coloured by how many
facts the sentence yields (distinct facts anchored in it), exempt sentences drawn hollow with
the reason in their tooltip. Each cell links to the sentence in the annotated article."""
from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..core.markup import render
from ..core.model import Package
from . import facts, svg
from .links import Links, safe_id

WIDTH = 720
CELL_H = 38
PARA_GAP = 7
CELL_TOP = 20  # the cells' top edge: the sentence numbers sit above it
HEIGHT = 80  # sentence numbers, cells, paragraph marks under them


def bucket(n: int) -> int:
    """Colour class: 0 none, 1, 2, 3, 4 for four or more (the number is printed in the cell)."""
    return min(n, 4)


class Coverage:
    def __init__(self, package: Package):
        self.sentences: dict[str, list[dict]] = defaultdict(list)
        columns = ["sentence_id", "source_id", "position", "paragraph", "text"]
        for s in sorted(facts.rows(package, "sentences", columns), key=lambda r: (r["source_id"], r["position"])):
            self.sentences[s["source_id"]].append(s)
        self.facts = facts.facts_per_sentence(package)
        self.exempt = {r["sentence_id"]: r["reason"] for r in package.rows("sentence_exemptions")}

    def _cells(self, source_id: str, links: Links) -> tuple[list[dict], list[dict]]:
        """The cells of one article's sentences and the paragraph marks under them."""
        sentences = self.sentences.get(source_id, [])
        paragraphs = len({s["paragraph"] for s in sentences})
        usable = WIDTH - 20 - PARA_GAP * max(paragraphs - 1, 0)
        cell_w = usable / max(len(sentences), 1)
        cells, marks = [], []
        x = 10.0
        previous = None
        for s in sentences:
            if previous is not None and s["paragraph"] != previous:
                x += PARA_GAP
            if s["paragraph"] != previous:
                marks.append({"x": x, "label": f"¶{s['paragraph']}"})
            previous = s["paragraph"]
            n = self.facts.get(s["sentence_id"], 0)
            reason = self.exempt.get(s["sentence_id"])
            if reason:
                state = f"yields no fact: {reason}"
            elif n:
                state = f"{n} fact{'s' if n != 1 else ''}"
            else:
                state = "no fact, and not yet marked as exempt"
            cells.append({
                "id": s["sentence_id"], "x": x, "w": cell_w, "n": n, "cls": bucket(n), "exempt": bool(reason),
                "text": "–" if reason else str(n), "position": s["position"], "paragraph": s["paragraph"],
                "title": f"Sentence {s['position']} (paragraph {s['paragraph']}): {state}. “{svg.clip(s['text'], 90)}”",
                "state": state, "href": links.sentence(s["sentence_id"]), "show_text": cell_w >= 16,
                "show_number": cell_w >= 22,
            })
            x += cell_w
        return cells, marks if cell_w * 2 >= 20 else []

    def figure(self, links: Links, source_id: str) -> Markup:
        """One article's strip; empty for an article without sentences."""
        if not self.sentences.get(source_id):
            return Markup("")
        cells, marks = self._cells(source_id, links)
        with_facts = sum(1 for c in cells if c["n"])
        exempt = sum(1 for c in cells if c["exempt"])
        levels = sorted({c["cls"] for c in cells if not c["exempt"]})
        desc = (f"{len(cells)} sentences in reading order, one cell each, grouped by paragraph; "
                f"{with_facts} yield at least one fact, {exempt} are marked as yielding none (hollow cells, "
                f"reason in the tooltip). The stronger a cell's colour, the more facts it yields; the number is written in each cell. "
                f"Each cell links to its sentence in the annotated article; the table below lists the same counts.")
        return render("figures/coverage.svg.j2", fig_id="coverage-" + (safe_id(source_id) or "source"), width=WIDTH, height=HEIGHT,
                      title="Coverage: facts per sentence", desc=desc, source_id=source_id, cells=cells, marks=marks, cell_top=CELL_TOP,
                      cell_h=CELL_H, levels=levels, has_exempt=exempt > 0, rows=cells if len(cells) <= 400 else [])
