"""The attribution chain of a claim: the path by which it reached the article.

Hop 1 is the original speaker; each hop passes the claim on to the next, the last one to the
article. A hop is drawn as its teller's box, then an arrow carrying the verb the text uses; the
hedges of that hop ("unnamed", "reportedly") hang beside the teller's box. The claim's mode is
written beside the article's box and also styles the arrows (by its position in claims.mode's
enum, factkit.css), so it never rests on line style alone.

Two drawings: wide (left to right) and narrow for phones (top to bottom); CSS shows the one that
fits the screen.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..core import vocab
from ..core.markup import humanize, render
from ..core.model import Package
from . import facts, svg
from .links import Links, safe_id
from .metrics import EDGE_LABEL_SIZE, LABEL_SIZE, text_width

BOX_W = 178
BOX_H = 46
LEADING = 15
VERB_ROOM = 150  # narrow drawing: the verb's room beside its arrow
TOP = 6.0  # the first box's top edge


@dataclass(frozen=True)
class Geometry:
    name: str
    vertical: bool
    gap: float  # arrow length between boxes
    min_width: int
    min_figure_width: float


WIDE = Geometry("wide", False, 92, 640, 640)
NARROW = Geometry("narrow", True, 40, 280, 360)


class Chains:
    def __init__(self, package: Package):
        self.entities = {r["entity_id"]: r for r in facts.rows(package, "entities", ["entity_id", "name"])}
        self.claims = {r["claim_id"]: r for r in package.rows("claims")}
        self.hops: dict[str, list[dict]] = defaultdict(list)
        for h in package.rows("claim_hops"):
            self.hops[h["claim_id"]].append(h)
        for chain in self.hops.values():
            chain.sort(key=lambda h: h["hop"])
        self.first_sentence = facts.first_sentence(package)
        self.single_source = package.tables["sources"].height == 1
        self.modes = vocab.enum(package.schema("claims"), "mode")

    def _steps(self, claim: dict) -> list[dict]:
        hops = self.hops.get(claim["claim_id"], [])
        if hops:
            return hops
        if claim.get("speaker_id"):
            return [{"entity_id": claim["speaker_id"], "verb": "", "hedges": "", "hop": 1}]
        return []

    def _view(self, claim: dict, links: Links, g: Geometry) -> dict:
        top = TOP
        boxes = []
        for i, h in enumerate(self._steps(claim)):
            eid = h["entity_id"]
            name = self.entities.get(eid, {}).get("name", eid or "")
            hedges = [w for w in (h.get("hedges") or "").split("; ") if w]
            hedge_text = ", ".join(hedges)
            hedge_w = max(text_width(hedge_text, 12) + 18, 40)
            if g.vertical:
                bx, by = 10.0, top + i * (BOX_H + g.gap)
                arrow = (bx + BOX_W / 2, by + BOX_H + 3, bx + BOX_W / 2, by + BOX_H + g.gap - 5)
                verb = (bx + BOX_W / 2 + 10, by + BOX_H + g.gap / 2 + 4, "start")
                hedge = {"x": bx + BOX_W + 14, "y": by + BOX_H / 2 - 10.5, "tick": (bx + BOX_W, by + BOX_H / 2, bx + BOX_W + 14, by + BOX_H / 2)}
            else:
                bx, by = 10.0 + i * (BOX_W + g.gap), top
                arrow = (bx + BOX_W + 3, by + BOX_H / 2, bx + BOX_W + g.gap - 5, by + BOX_H / 2)
                verb = ((arrow[0] + arrow[2]) / 2, by + BOX_H / 2 - 8, "middle")
                hedge = {"x": bx + BOX_W / 2 - hedge_w / 2, "y": by + BOX_H + 8, "tick": (bx + BOX_W / 2, by + BOX_H, bx + BOX_W / 2, by + BOX_H + 8)}
            lines = svg.wrap(name, BOX_W - 16, LABEL_SIZE)
            boxes.append({
                "x": bx, "y": by, "name": name, "href": links.entity(eid), "hop": h.get("hop", i + 1),
                "lines": lines, "label_y": by + BOX_H / 2 + 4.5 - (len(lines) - 1) / 2 * LEADING,
                "verb": svg.fit(h.get("verb"), VERB_ROOM if g.vertical else g.gap - 8, EDGE_LABEL_SIZE), "verb_x": verb[0], "verb_y": verb[1], "verb_anchor": verb[2],
                "hedges": hedges, "hedge_text": hedge_text, "hedge_w": hedge_w, "hedge": hedge, "arrow": arrow,
            })
        n = len(boxes)
        if g.vertical:
            ax, ay = 10.0, top + n * (BOX_H + g.gap)
            mode_pos = (ax + BOX_W * 0.75 + 10, ay + BOX_H / 2 + 4, "start")
            extent = (ax + BOX_W + 150, ay + BOX_H + 12)
        else:
            ax, ay = 10.0 + n * (BOX_W + g.gap), top
            mode_pos = (ax + BOX_W * 0.375, ay + BOX_H + 18, "middle")
            extent = (ax + BOX_W * 0.75 + 10, ay + BOX_H + (38 if any(b["hedges"] for b in boxes) else 26))
        return {
            "g": g, "width": max(extent[0], g.min_figure_width), "height": extent[1] + 6, "boxes": boxes,
            "article_x": ax, "article_y": ay, "mode_x": mode_pos[0], "mode_y": mode_pos[1], "mode_anchor": mode_pos[2],
        }

    def describe(self, claim: dict) -> str:
        """The chain in words, for the figure's <desc> (what screen readers say)."""
        parts = []
        hops = self.hops.get(claim["claim_id"], [])
        for h in hops:
            name = self.entities.get(h["entity_id"], {}).get("name", h["entity_id"])
            hedge = f" (hedged: {h['hedges'].replace('; ', ', ')})" if h.get("hedges") else ""
            verb = f" {h['verb']}" if h.get("verb") else " passed it on"
            parts.append(f"{name}{hedge}{verb} →")
        if not hops and claim.get("speaker_id"):
            parts.append(f"{self.entities.get(claim['speaker_id'], {}).get('name', claim['speaker_id'])} →")
        article = "this article" if self.single_source else "the article"
        return f"{' '.join(parts)} {article} ({humanize(claim['mode'])})".strip()

    def one(self, claim_id: str, links: Links) -> Markup:
        """The chain of one claim; empty for an unknown id."""
        claim = self.claims.get(claim_id)
        if claim is None:
            return Markup("")
        name = self.entities.get(claim.get("speaker_id"), {}).get("name") or "the article"
        return render(
            "figures/chains.svg.j2", fig_id=f"chain-{safe_id(claim_id) or 'claim'}", title=f"Attribution chain of a claim by {name}",
            desc=f"How the claim reached the article: {self.describe(claim)}.", views=[self._view(claim, links, g) for g in (WIDE, NARROW)],
            claim=claim, mode_label=humanize(claim["mode"]), modes=self.modes,
            article="this article" if self.single_source else f"the article ({claim['source_id']})",
            sentence_href=links.sentence(self.first_sentence.get(claim["claim_id"])), box_w=BOX_W, box_h=BOX_H, leading=LEADING)
