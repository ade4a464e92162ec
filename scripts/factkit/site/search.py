"""The site's search index: what a reader can type into the search box and find.

Material's search plugin indexes the text of the few pages whose size does not grow with the
package or its history (PageSpec.searchable: home, method, dictionary, errors, downloads, and the
hand-written pages). Every other
page is represented by short entries written here, straight from the data, so that the index
grows by about 130 bytes per fact instead of by every page's text (issue 13: at most 1 MB at 100
sources and 8 MB at 1,000, which a phone loads):

- each entity: its name, and its id unless the name's words already hold every word of the id
  (an entity id typed in the box lists its page);
- each article: its title and source id;
- each fact (event, claim, relation, quantity): its id, linking to its row (the link's fragment
  is the id), on the page that holds the row (site/spec.Locator);
- each page of the nav that Material does not read (Claims, Timeline, Entities, Releases...): its title.

A page's later pages (Timeline, page 37) get no entry of their own: Material's search worker takes
the first entry of a page (its location without "#") for the page and the later ones for its
sections, so their first fact stands for the page (with its own link). Their titles would cost
about 0.26 MB at 1,000 sources, and the budget is 8 MB.

Left out, and why: the articles' text, the facts' summaries and the sentences (at 1,000 sources
they would add about 8 MB: every one of them is on a page the entries above lead to).

Material's search worker reads `title` and `text` as HTML: its plugin escapes the page text it
collects (html.escape without quotes), and so is every value from the data here.
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from . import urls

INDEX = Path("search") / "search_index.json"


def _words(text: str, separator: str) -> set[str]:
    """The words the search worker makes of a text: split at its separator, cut of punctuation
    at either end (lunr's trimmer), lower-cased."""
    return {w for w in (re.sub(r"^\W+|\W+$", "", t).lower() for t in re.split(separator, text)) if w}


def entries(plan, separator: str | None = None) -> list[dict]:
    """The index entries for the pages Material does not index. `separator` is the search's word
    separator (a regular expression): with it, an entity's id is left out where its name's words
    already find it."""
    data = plan.data
    out: list[dict] = []

    def add(target: str, title: str, text: str = "") -> None:
        out.append({"location": urls.to_html(target), "title": escape(title, quote=False), "text": escape(text, quote=False)})

    for spec in plan.pages:
        if spec.in_nav and not spec.searchable:
            add(spec.src_uri, spec.title)
    for source_id, source in data.sources.items():
        add(urls.article(source_id), source.get("title") or source_id, source_id)
    for entity_id, entity in data.entities.items():
        implied = separator is not None and _words(entity_id, separator) <= _words(entity["name"], separator)
        add(urls.entity(entity_id), entity["name"], "" if implied else entity_id)
    for fact_id in sorted(data.facts, key=lambda f: (plan.locator.get(f) or "", f)):
        where = plan.locator.get(fact_id)
        if where:
            add(where, fact_id)
    return out


def extend(site_dir: Path, plan) -> None:
    """Add the entries to the index Material's search plugin wrote into site_dir."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return  # the search plugin is off
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(entries(plan, index.get("config", {}).get("separator")))
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
