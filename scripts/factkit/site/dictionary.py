"""Data dictionary: every resource and field with type, constraints, description and example,
read from the package's descriptor, whose schemas are generated from schemas/ (the same Table
Schemas the validator uses), so the dictionary cannot drift from what is validated."""
from __future__ import annotations

from . import urls
from .spec import PageSpec


def constraint_items(field: dict) -> list[tuple[str, object]]:
    """A field's constraints as (name, value) pairs, in the schema's own order."""
    return list(field.get("constraints", {}).items())


def pages(plan) -> list[PageSpec]:
    data = plan.data
    return [PageSpec(
        urls.DICTIONARY, "Data dictionary", "dictionary.html",
        lambda: {
            "resources": data.descriptor["resources"],
            "counts": {res["name"]: n for res, n in data.counts()},
            "constraint_items": constraint_items,
        },
        in_nav=True, searchable=True,
    )]
