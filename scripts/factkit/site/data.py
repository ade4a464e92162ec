"""One indexed, read-only view of a loaded package that every page model shares.

Pages never re-read CSVs: they ask this object. It turns the typed polars tables into plain rows
once and builds the lookups the pages need (by entity, by sentence, by fact), so that each page
costs time in proportion to its own rows and the whole build stays linear in the package size.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..core import vocab
from ..core.model import Package

# The column by which a fact names the claim that reports it (events, relations, quantities), and
# the claims table's own key: a fact whose key it is, is a claim.
CLAIM_ID = "claim_id"


@dataclass
class Fact:
    """A row of a fact table (core/vocab.py: events, claims, relations, quantities), with the
    anchors that support it."""

    fact_id: str
    table: vocab.FactTable
    row: dict
    anchors: list[dict] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.table.kind

    @property
    def is_claim(self) -> bool:
        return self.table.id_field == CLAIM_ID

    @property
    def first_read(self) -> tuple[str, int]:
        """Where a reader first meets the fact (its first anchor: source, offset); unanchored facts last."""
        return (self.anchors[0]["source_id"], self.anchors[0]["start"]) if self.anchors else ("~", 0)

    @property
    def claim_id(self) -> str | None:
        """The claim that carries this fact; None when it is the article's own voice (or a claim)."""
        return None if self.is_claim else self.row.get(CLAIM_ID)


class SiteData:
    def __init__(self, package: Package):
        self.package = package
        self.descriptor = package.descriptor
        self.version = package.version
        self.texts = package.texts
        self._enums: dict[tuple[str, str], list[str]] = {}
        rows = {name: package.rows(name) for name in package.tables}
        self.rows = rows
        self.sources = {r["source_id"]: r for r in rows["sources"]}
        self.sentences = {r["sentence_id"]: r for r in rows["sentences"]}
        self.sentences_by_source: dict[str, list[dict]] = defaultdict(list)
        for s in sorted(rows["sentences"], key=lambda r: (r["source_id"], r["position"])):
            self.sentences_by_source[s["source_id"]].append(s)
        self.exemptions = {r["sentence_id"]: r for r in rows.get("sentence_exemptions", [])}
        self.entities = {r["entity_id"]: r for r in rows["entities"]}

        self.mentions_by_entity: dict[str, list[dict]] = defaultdict(list)
        self.mentions_by_sentence: dict[str, list[dict]] = defaultdict(list)
        for m in sorted(rows["mentions"], key=lambda r: (r["source_id"], r["start"], -r["end"], r["mention_id"])):
            self.mentions_by_entity[m["entity_id"]].append(m)
            self.mentions_by_sentence[m["sentence_id"]].append(m)

        self.facts: dict[str, Fact] = {}
        self.fact_tables = vocab.fact_tables(vocab.descriptor_schemas(package.descriptor))
        self.fact_kinds = [ft.kind for ft in self.fact_tables.values()]  # style positions (tone) of fact rows
        for ft in self.fact_tables.values():
            for r in rows[ft.resource]:
                self.facts[r[ft.id_field]] = Fact(r[ft.id_field], ft, r)
        self.facts_by_sentence: dict[str, list[Fact]] = defaultdict(list)
        for a in sorted(rows["anchors"], key=lambda r: (r["source_id"], r["start"], r["anchor_id"])):
            fact = self.facts.get(a["fact_id"])
            if fact is None:  # validation rejects this; the site just skips what it cannot place
                continue
            fact.anchors.append(a)
            bucket = self.facts_by_sentence[a["sentence_id"]]
            if fact not in bucket:
                bucket.append(fact)

        self.participants: dict[str, list[dict]] = defaultdict(list)
        self.events_by_entity: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for p in rows["event_participants"]:
            self.participants[p["event_id"]].append(p)
            self.events_by_entity[p["entity_id"]].append((p["role"], self.facts[p["event_id"]].row))
        self.events_at: dict[str, list[dict]] = defaultdict(list)
        for e in rows["events"]:
            if e.get("place_id"):
                self.events_at[e["place_id"]].append(e)

        self.hops: dict[str, list[dict]] = defaultdict(list)
        for h in sorted(rows["claim_hops"], key=lambda r: (r["claim_id"], r["hop"])):
            self.hops[h["claim_id"]].append(h)
        self.claims_by_speaker: dict[str, list[dict]] = defaultdict(list)
        self.claims_about: dict[str, list[dict]] = defaultdict(list)
        self.claims_relayed: dict[str, list[dict]] = defaultdict(list)
        for c in rows["claims"]:
            if c.get("speaker_id"):
                self.claims_by_speaker[c["speaker_id"]].append(c)
            self.claims_about[c["about_id"]].append(c)
            for h in self.hops[c["claim_id"]]:
                if h["entity_id"] != c.get("speaker_id"):
                    self.claims_relayed[h["entity_id"]].append(c)
        self.carried_by_claim: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts.values():
            if fact.claim_id:
                self.carried_by_claim[fact.claim_id].append(fact)

        self.relations_by_entity: dict[str, list[dict]] = defaultdict(list)
        for r in rows["relations"]:
            self.relations_by_entity[r["subject_id"]].append(r)
            if r["object_id"] != r["subject_id"]:
                self.relations_by_entity[r["object_id"]].append(r)
        self.quantities_by_entity: dict[str, list[dict]] = defaultdict(list)
        for q in rows["quantities"]:
            self.quantities_by_entity[q["subject_id"]].append(q)
            if q.get("object_id") and q["object_id"] != q["subject_id"]:
                self.quantities_by_entity[q["object_id"]].append(q)

    # --- small helpers the page models share -------------------------------------------------
    def entity_name(self, entity_id: str | None) -> str:
        if not entity_id:
            return ""
        entity = self.entities.get(entity_id)
        return entity["name"] if entity else entity_id

    def counts(self) -> list[tuple[dict, int]]:
        """(resource descriptor, row count) in the descriptor's order."""
        return [(res, self.package.tables[res["name"]].height) for res in self.descriptor["resources"]]

    def fact_table(self, resource: str) -> vocab.FactTable:
        return next(ft for ft in self.fact_tables.values() if ft.resource == resource)

    def field_enum(self, resource: str, field_name: str) -> list[str]:
        """The values a field allows, in the schema's order (asked for on every fact row: kept)."""
        key = (resource, field_name)
        if key not in self._enums:
            self._enums[key] = vocab.enum(self.package.schema(resource), field_name)
        return self._enums[key]
