"""Places and facilities: what the article says of each (where it is, who built, leased or uses
it, the numbers attached to it, what happened there).

Which entity types count as places is set once, in mkdocs.yml (`extra.factkit.place_types`);
each one must be a value of the entities.entity_type enum, checked here.
"""
from __future__ import annotations

from . import urls
from .entities import sections
from .paginate import list_pages, weighted_chunks
from .spec import PageSpec

ROWS_PER_PAGE = 60
# A place card shows at most this many rows; the place's entity page lists every one.
PER_PLACE = 25


class ConfigError(Exception):
    pass


def place_types(plan) -> list[str]:
    wanted = list(plan.options.get("place_types", []))
    allowed = plan.data.field_enum("entities", "entity_type")
    unknown = [t for t in wanted if t not in allowed]
    if unknown:
        raise ConfigError(
            f"mkdocs.yml extra.factkit.place_types lists {', '.join(unknown)}, which is not an entity_type "
            f"in the package's schema (allowed: {', '.join(allowed)})"
        )
    return wanted


def place_rows(data, entity_id: str) -> dict:
    """The rows a place card shows (relations first, then numbers, then events), at most PER_PLACE."""
    secs = {s.key: s.items for s in sections(data, entity_id)}
    budget = PER_PLACE
    shown = {}
    for key in ("relations", "quantities", "events"):
        shown[key] = secs[key][:budget]
        budget -= len(shown[key])
    shown["total"] = sum(len(secs[k]) for k in ("relations", "quantities", "events"))
    shown["shown"] = PER_PLACE - budget
    return shown


def pages(plan) -> list[PageSpec]:
    data = plan.data
    types = place_types(plan)
    places = [e for e in data.entities.values() if e["entity_type"] in types]
    places.sort(key=lambda e: (types.index(e["entity_type"]), -len(data.mentions_by_entity.get(e["entity_id"], [])), e["name"].casefold()))
    groups = [(p, place_rows(data, p["entity_id"])) for p in places]
    pages = weighted_chunks(groups, lambda g: 1 + g[1]["shown"], ROWS_PER_PAGE, lambda n: urls.paged(urls.PLACES, n))
    return list_pages(pages, "Places and facilities", "places.html", lambda chunk: {"chunk": chunk, "types": types})
