"""The search index (site/search.py) of the built real site: every fact by its id, linking to its
row; every entity by its name and id; every article by its title; and the pages whose text it
leaves out. Finding them in the browser: test_site_search_browser.py; the size budget at scale:
test_site_scale.py."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from factkit.core import paths
from factkit.site.search import INDEX

# One fact id of each kind (events, claims, relations, quantities), and an entity whose name's
# words do not hold its id ("assad’s" is one word), so the id is found through the entry's text.
FACT_IDS = ["ev-tartus-lease-signed", "cl-future-is-ours", "rel-jolani-leads-hts", "qty-khmeimim-tartus-distance"]
ENTITY_ID = "assad-government"


def read_csv(name: str) -> list[dict]:
    with (paths.DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def docs(site: Path) -> list[dict]:
    return json.loads((site / INDEX).read_text(encoding="utf-8"))["docs"]


def ids_on(html: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html.read_text(encoding="utf-8")))


def test_every_fact_has_an_entry_linking_to_its_row(real_site):
    by_fragment = {d["location"].partition("#")[2]: d for d in docs(real_site) if "#" in d["location"]}
    facts = [row[key] for name, key in (("events", "event_id"), ("claims", "claim_id"), ("relations", "relation_id"),
                                        ("quantities", "quantity_id")) for row in read_csv(name)]
    assert {f.split("-")[0] for f in facts} == {"ev", "cl", "rel", "qty"}
    for fact_id in facts:
        doc = by_fragment.get(fact_id)
        assert doc is not None, fact_id
        assert doc["title"] == fact_id
        where = doc["location"].partition("#")[0]
        assert fact_id in ids_on(real_site / where), f"{where} has no row with id {fact_id}"


def test_every_entity_by_name_and_id_and_every_article_by_title(real_site):
    entries = {d["location"]: d for d in docs(real_site)}
    for entity in read_csv("entities"):
        doc = entries[f"entities/{entity['entity_id']}.html"]
        words = {w.strip("()’'").lower() for w in re.split(r"[\s\-]+", f"{doc['title']} {doc['text']}")}
        assert set(entity["entity_id"].split("-")) <= words, (entity["entity_id"], doc)
    for source in read_csv("sources"):
        assert entries[f"articles/{source['source_id']}.html"]["title"] == source["title"]
    assert entries[f"entities/{ENTITY_ID}.html"]["text"] == ENTITY_ID


def test_pages_that_grow_with_the_package_are_left_to_the_entries(real_site):
    """Material's search plugin reads only pages whose size does not grow with the package; the
    others are each one entry (their title), never their text."""
    pages = {d["location"].partition("#")[0] for d in docs(real_site) if d["text"] and not d["location"].startswith(("entities/", "articles/"))}
    prose = {page.with_suffix(".html").name for page in paths.ROOT.joinpath("docs").glob("*.md")}  # hand-written, the Method page among them
    assert pages <= prose | {"index.html", "dictionary.html", "errors.html", "downloads.html"}, pages
    for nav_page in ("claims.html", "timeline.html", "language.html", "places.html", "entities/index.html", "articles/index.html", "releases.html"):
        assert [d["text"] for d in docs(real_site) if d["location"] == nav_page] == [""], nav_page
