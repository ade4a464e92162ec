"""Synthetic fact packages for the benchmark and the parity tests: N articles made from the real one.

The real package's first source and every row that hangs off it are the template (template.py).
Article 0 is that article unchanged; every other article (articles.py) swaps the proper-noun tokens
of its name, abbreviation and metonym mentions for generated words of the entity chosen for that
role (entities.py), and moves the dates tied to the reference date by a whole number of weeks
(weekdays stay true). So each article has exactly the real mix of rows (sentences, mentions, events,
participants, claims, hops, relations, quantities, anchors), and every offset is recomputed from the
new text, every quote and surface re-sliced from it, every foreign key rebuilt (tables.py); write.py
writes the package.

Entities are shared across articles the way coverage shares them: for each entity of the
template (a "role") an article picks a pool member from a Zipf-shaped long tail, member 0 being
the real entity; three hub roles (the most-mentioned country, city and news agency) keep the
real entity in most articles, so their pages grow with N.

Column semantics come from the schemas (types, foreign keys, primary keys) and from the data
itself (which text column equals text[start:end], which one lies inside the fact's anchor);
nothing here re-lists a table's columns.
"""
from .template import SynthError
from .write import synthesize

__all__ = ["SynthError", "synthesize"]
