"""Attribution chains: for each claim, the path by which it reached the article.

Hop 1 is the original speaker; each hop passes the claim on to the next, the last one to the
article. A hop is drawn as its teller's box, then an arrow carrying the verb the text uses; the
hedges of that hop ("unnamed", "reportedly") hang beside the teller's box. The mode (direct quote,
partial quote, paraphrase, the article's own voice) is written on each row and also styles the
arrows, so it never rests on line style alone.

Two drawings: wide (left to right) and narrow for phones (top to bottom); CSS shows the one that
fits the screen.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.model import Package
from . import facts, svg

BOX_W = 178
BOX_H = 46
HEAD_H = 30


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

    def _steps(self, claim: dict) -> list[dict]:
        hops = self.hops.get(claim["claim_id"], [])
        if hops:
            return hops
        if claim.get("speaker_id"):
            return [{"entity_id": claim["speaker_id"], "verb": "", "hedges": "", "hop": 1}]
        return []

    def _row(self, claim: dict, y: float, links: svg.Links, heading: bool, g: Geometry) -> dict:
        top = y + (HEAD_H if heading else 0)
        boxes = []
        for i, h in enumerate(self._steps(claim)):
            eid = h["entity_id"]
            name = self.entities.get(eid, {}).get("name", eid or "")
            hedges = [w for w in (h.get("hedges") or "").split("; ") if w]
            hedge_text = ", ".join(hedges)
            hedge_w = max(svg.text_width(hedge_text, 12) + 18, 40)
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
            lines = svg.wrap(name, 24)
            boxes.append({
                "x": bx, "y": by, "name": name, "href": links.entity(eid), "hop": h.get("hop", i + 1),
                "lines": [{"text": t, "y": by + BOX_H / 2 + 4.5 + (k - (len(lines) - 1) / 2) * 15} for k, t in enumerate(lines)],
                "verb": h.get("verb") or "", "verb_x": verb[0], "verb_y": verb[1], "verb_anchor": verb[2],
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
        said = claim.get("quote") or claim.get("summary") or ""
        return {
            "id": claim["claim_id"], "mode": claim["mode"], "mode_label": svg.humanise(claim["mode"]), "y": y,
            "heading": f"“{said}”" if claim.get("quote") else said, "full": said, "boxes": boxes,
            "article_x": ax, "article_y": ay, "mode_x": mode_pos[0], "mode_y": mode_pos[1], "mode_anchor": mode_pos[2],
            "article": "this article" if self.single_source else f"the article ({claim['source_id']})",
            "right": extent[0], "bottom": extent[1],
            "href": links.claim(claim["claim_id"]), "sentence_href": links.sentence(self.first_sentence.get(claim["claim_id"])),
            "text": self.describe(claim),
        }

    def describe(self, claim: dict) -> str:
        """The chain in words, for <desc>, the table and screen readers."""
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
        return f"{' '.join(parts)} {article} ({svg.humanise(claim['mode'])})".strip()

    def _view(self, claims: list[dict], links: svg.Links, heading: bool, g: Geometry) -> dict:
        rows = []
        y = 6.0
        for c in claims:
            row = self._row(c, y, links, heading, g)
            rows.append(row)
            y = row["bottom"] + 18
        width = max(max(r["right"] for r in rows), g.min_figure_width)
        for r in rows:  # the heading must fit the drawing: clip it to the width
            r["heading"] = svg.clip(r["heading"], int((width - 20) / (12 * 0.56)) - len(r["mode_label"]) - 2)
        return {"g": g, "rows": rows, "width": width, "height": y - 12}

    def figure(self, claims: list[dict], links: svg.Links, fig_id: str, title: str, heading: bool = True) -> svg.Markup:
        if not claims:
            return svg.Markup("")
        views = [self._view(claims, links, heading, g) for g in (WIDE, NARROW)]
        rows = views[0]["rows"]
        modes = list(dict.fromkeys(r["mode"] for r in rows))
        if len(claims) == 1:
            desc = f"How the claim reached the article: {rows[0]['text']}."
        else:
            desc = (f"{len(claims)} claims, one row each, read from the original speaker to the article; "
                    f"hedging words sit beside the teller they belong to. Each row is also listed in the table below.")
        return svg.render("chains.svg.j2", fig_id=fig_id, title=title, desc=desc, views=views, rows=rows,
                          modes=modes, single=len(claims) == 1, box_w=BOX_W, box_h=BOX_H)

    def all(self, claims: list[dict] | None, links: svg.Links, fig_id: str = "chains") -> svg.Markup:
        claims = list(self.claims.values()) if claims is None else claims
        return self.figure(claims, links, fig_id, "How each claim reached the article")

    def one(self, claim_id: str, links: svg.Links) -> svg.Markup:
        claim = self.claims.get(claim_id)
        if claim is None:
            return svg.Markup("")
        name = self.entities.get(claim.get("speaker_id"), {}).get("name") or "the article"
        return self.figure([claim], links, f"chain-{svg.safe_id(claim_id) or 'claim'}",
                           f"Attribution chain of a claim by {name}", heading=False)
