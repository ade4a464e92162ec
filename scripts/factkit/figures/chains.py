"""Attribution chains: for each claim, the path by which it reached the article.

Hop 1 is the original speaker; each hop passes the claim on to the next, the last one to the
article. A hop is drawn as its teller's box, then an arrow carrying the verb the text uses; the
hedges of that hop ("unnamed", "reportedly") hang under the teller's box. The mode (direct quote,
partial quote, paraphrase, the article's own voice) is written on each row and also styles the
arrows, so it never rests on line style alone.
"""
from __future__ import annotations

from collections import defaultdict

from ..model import Package
from . import facts, svg

BOX_W = 178
BOX_H = 46
ARROW_W = 92
LEFT = 10
ROW_H = 104
HEAD_H = 30


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

    def _row(self, claim: dict, y: float, links: svg.Links, heading: bool) -> dict:
        hops = self.hops.get(claim["claim_id"], [])
        mode = claim["mode"]
        top = y + (HEAD_H if heading else 0)
        boxes = []
        steps = hops or ([{"entity_id": claim.get("speaker_id"), "verb": "", "hedges": ""}] if claim.get("speaker_id") else [])
        for i, h in enumerate(steps):
            x = LEFT + i * (BOX_W + ARROW_W)
            eid = h["entity_id"]
            name = self.entities.get(eid, {}).get("name", eid or "")
            hedges = [w for w in (h.get("hedges") or "").split("; ") if w]
            boxes.append({
                "x": x, "y": top, "lines": svg.wrap(name, 24), "name": name, "href": links.entity(eid),
                "verb": h.get("verb") or "", "hedges": hedges, "hedge_text": ", ".join(hedges),
                "hedge_w": max(svg.text_width(", ".join(hedges), 12) + 18, 40),
                "ax1": x + BOX_W + 3, "ax2": x + BOX_W + ARROW_W - 5, "ay": top + BOX_H / 2,
                "hop": h.get("hop", i + 1),
            })
        article_x = LEFT + len(boxes) * (BOX_W + ARROW_W)
        article = "this article" if self.single_source else f"the article ({claim['source_id']})"
        said = claim.get("quote") or claim.get("summary") or ""
        text = f"“{said}”" if claim.get("quote") else said
        return {
            "id": claim["claim_id"], "mode": mode, "mode_label": svg.humanise(mode), "y": y, "top": top,
            "heading": text, "full": said, "boxes": boxes,
            "article_x": article_x, "article": article, "width": article_x + BOX_W * 0.75 + LEFT,
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

    def figure(self, claims: list[dict], links: svg.Links, fig_id: str, title: str, heading: bool = True) -> svg.Markup:
        if not claims:
            return svg.Markup("")
        step = ROW_H + (HEAD_H if heading else 0)
        rows = [self._row(c, 6 + i * step, links, heading) for i, c in enumerate(claims)]
        width = max(max(r["width"] for r in rows), 640)
        for r in rows:  # the heading must fit the figure: clip it to the width
            r["heading"] = svg.clip(r["heading"], int((width - 20) / (12 * 0.56)) - len(r["mode_label"]) - 2)
        height = 6 + len(rows) * step - 24
        modes = list(dict.fromkeys(r["mode"] for r in rows))
        if len(claims) == 1:
            desc = f"How the claim reached the article: {rows[0]['text']}."
        else:
            desc = (f"{len(claims)} claims, one row each, read left to right from the original speaker to the "
                    f"article; hedging words sit under the teller they belong to. Each row is also listed in the table below.")
        return svg.render("chains.svg.j2", fig_id=fig_id, title=title, desc=desc, rows=rows, width=width,
                          height=height, modes=modes, single=len(claims) == 1, box_w=BOX_W, box_h=BOX_H)

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
