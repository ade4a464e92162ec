"""The actor network's graph: entities as nodes; relations, claims (speaker -> subject) and relays
(one hop of a claim's path to the next) as edges. Built once per package, linear in relations +
claims + hops; both network figures (network.py) and their layout (layout.py) read it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..core import vocab
from ..core.markup import humanize
from ..core.model import Package
from . import facts, svg

# The kinds of edge, in the order they are drawn: a relation stated as a fact, a claim from its
# speaker to its subject, and a relay of a claim from one teller to the next.
EDGE_KINDS = ("relation", "claim", "relay")


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # one of EDGE_KINDS
    label: str
    title: str
    fact_ids: list[str] = field(default_factory=list)
    sentence_id: str | None = None


class Graph:
    """Entities and the edges between them, indexed for both figures."""

    def __init__(self, package: Package):
        self.entities = {r["entity_id"]: r for r in facts.rows(package, "entities", ["entity_id", "name", "entity_type"])}
        self.styles = svg.type_styles(vocab.enum(package.schema("entities"), "entity_type"))
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
            label = humanize(predicate) + (f" ×{len(rows)}" if len(rows) > 1 else "")
            self.edges.append(Edge(
                subject, obj, "relation", label,
                f"{name(subject)} {humanize(predicate)} {name(obj)}{said}{times}",
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

