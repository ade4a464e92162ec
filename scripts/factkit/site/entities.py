"""One page per entity (kept out of the global navigation so builds stay linear), and the index
that lists them all.

An entity mentioned in thousands of articles would make a huge page, so each section of an entity
page is split over extra pages beyond a fixed number of rows. Nothing is ever truncated.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import urls
from .paginate import chunks, list_pages, weighted_chunks
from .spec import PageSpec

# The index's pages hold about 70 KB of rows: about 200 bytes of markup a row, and its name and
# description (a description has no length limit: 300 rows of long ones came to 107 KB).
INDEX_PAGE_BYTES = 70_000
INDEX_ROW_BYTES = 200
MENTIONS_PER_PAGE = 60
FACTS_PER_PAGE = 25
# The entity page shows at most PREVIEW rows of each section; a longer section gets pages of its
# own (entities/<id>--<n>.html, numbered from 2 across the sections) holding every row, linked
# from the preview.
PREVIEW = 10


@dataclass
class Section:
    key: str  # used in URLs and ids: fixed words, never data
    title: str
    layout: str  # how entity.html lays out its rows: "mention", "role" (an event and the entity's role in it), "claim" or "fact"
    items: list
    per_page: int
    id_field: str = ""  # "fact" layout: the column holding each row's fact id


def sections(data, entity_id: str) -> list[Section]:
    events = [(role, e) for role, e in data.events_by_entity.get(entity_id, [])]
    events += [("place", e) for e in data.events_at.get(entity_id, [])]
    events.sort(key=lambda re: (re[1]["date_start"], re[1]["event_id"], re[0]))
    return [
        Section("mentions", "Mentions in context", "mention", data.mentions_by_entity.get(entity_id, []), MENTIONS_PER_PAGE),
        Section("events", "Events", "role", events, FACTS_PER_PAGE),
        Section("claims-made", "Claims it makes", "claim", data.claims_by_speaker.get(entity_id, []), FACTS_PER_PAGE),
        Section("claims-relayed", "Claims it passes on", "claim", data.claims_relayed.get(entity_id, []), FACTS_PER_PAGE),
        Section("claims-about", "Claims about it", "claim", data.claims_about.get(entity_id, []), FACTS_PER_PAGE),
        Section("relations", "Relations", "fact", data.relations_by_entity.get(entity_id, []), FACTS_PER_PAGE,
                data.fact_table("relations").id_field),
        Section("quantities", "Numbers", "fact", data.quantities_by_entity.get(entity_id, []), FACTS_PER_PAGE,
                data.fact_table("quantities").id_field),
    ]


# A hub entity named in thousands of articles has thousands of distinct forms; the entity page shows
# the most used ones and counts the rest (every mention stays listed on the mention pages).
NAMES_SHOWN = 60


def names_used(data, entity_id: str, limit: int | None = None) -> tuple[list[tuple[str, str, int]], int]:
    """(mention type, surface, count) for the ways the text refers to the entity, most used first up
    to `limit`, ordered by type; and how many distinct forms were left out."""
    counts = Counter((m["mention_type"], m["surface"]) for m in data.mentions_by_entity.get(entity_id, []))
    ranked = sorted(((t, s, n) for (t, s), n in counts.items()), key=lambda x: (-x[2], x[0], x[1]))
    kept = ranked if limit is None else ranked[:limit]
    return sorted(kept, key=lambda x: (x[0], -x[2], x[1])), len(ranked) - len(kept)


def fact_count(data, entity_id: str) -> int:
    return sum(len(s.items) for s in sections(data, entity_id)[1:])


def pages(plan) -> list[PageSpec]:
    data = plan.data
    ordered = sorted(data.entities.values(), key=lambda e: (e["name"].casefold(), e["entity_id"]))
    index = weighted_chunks(ordered, lambda e: INDEX_ROW_BYTES + len(e["name"]) + len(e.get("description") or ""), INDEX_PAGE_BYTES,
                            lambda n: urls.paged(urls.ENTITIES, n))
    specs = list_pages(index, "Entities", "entities.html",
                       lambda chunk: {
                           "chunk": chunk,
                           "mention_counts": {e["entity_id"]: len(data.mentions_by_entity.get(e["entity_id"], [])) for e in chunk.items},
                           "fact_counts": {e["entity_id"]: fact_count(data, e["entity_id"]) for e in chunk.items},
                       })
    for entity in ordered:
        eid = entity["entity_id"]
        secs = sections(data, eid)
        paged, extra = {}, 2
        for s in secs:
            if len(s.items) > PREVIEW:
                paged[s.key] = chunks(s.items, s.per_page, lambda n, first=extra, e=eid: urls.entity_page(e, first + n - 1))
                extra += len(paged[s.key])
        # Relations and quantities have no page of their own: their canonical row is on the
        # subject's entity page, or on the section page that holds it when the section is long.
        for sec in secs:
            if sec.layout != "fact":
                continue
            holders = paged.get(sec.key) or [None]
            for chunk in holders:
                for row in (chunk.items if chunk else sec.items):
                    if row["subject_id"] == eid:
                        plan.locator.place(row[sec.id_field], chunk.src_uri if chunk else urls.entity(eid), row[sec.id_field])
        specs.append(PageSpec(
            urls.entity(eid), entity["name"], "entity.html",
            lambda entity=entity, secs=secs, paged=paged: {
                "entity": entity, "sections": secs, "paged": paged, "chunk_of": None, "preview": PREVIEW,
                **dict(zip(("names", "names_left_out"), names_used(data, entity["entity_id"], NAMES_SHOWN))),
            },
        ))
        for sec in secs:
            for chunk in paged.get(sec.key, []):
                specs.append(PageSpec(
                    chunk.src_uri, f"{entity['name']}: {sec.title.lower()}, page {chunk.number}", "entity.html",
                    lambda entity=entity, sec=sec, chunk=chunk, paged=paged: {
                        "entity": entity, "sections": [sec], "paged": paged, "chunk_of": chunk, "preview": PREVIEW,
                        "names": [], "names_left_out": 0,
                    },
                ))
    return specs
