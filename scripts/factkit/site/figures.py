"""The figures on the site's pages (drawn by the figures library, factkit.figures): which figure
each slot holds, and how a figure's ids become the site's links.

Templates call `h.figure(name, **details)` at fixed spots:

    page            name            details
    home            "network"       -
    home            "coverage"      source_id (only when the package has exactly one source)
    timeline        "timeline"      events (the rows on this page)
    claims          "chain"         claim_id (each claim on this page)
    entity          "neighbourhood" entity_id
    article         "coverage"      source_id
"""
from __future__ import annotations

from markupsafe import Markup

from ..core.model import Package
from ..figures import Figures, Links
from .deferred import Deferred

# Around every figure: the comments let size checks tell the site's own HTML from the figures' SVG.
START, END = "<!--fk-figure-->", "<!--/fk-figure-->"

SLOTS = {
    "network": lambda figures, links: figures.network(links),
    "neighbourhood": lambda figures, links, entity_id: figures.neighbourhood(links, entity_id),
    "chain": lambda figures, links, claim_id: figures.chain(links, claim_id),
    "timeline": lambda figures, links, events: figures.timeline(links, events),
    "coverage": lambda figures, links, source_id: figures.coverage(links, source_id),
}


class SiteLinks(Links):
    """Links resolved by a page's helpers (helpers.Helpers), which know where each page and each
    fact's canonical row live, relative to the page being built."""

    def __init__(self, helpers):
        self.h = helpers

    def _entity(self, slug):
        return self.h.entity(slug) if slug in self.h.data.entities else None

    def _event(self, slug):
        return self.h.fact(slug)

    def _sentence(self, slug):
        return self.h.sentence(slug) if slug in self.h.data.sentences else None

    def _claim(self, slug):
        return self.h.fact(slug)


class PageFigures:
    """The figures of one site build. With `defer` (the MkDocs hook's case), each figure is held
    back as a placeholder until the page is final (deferred.py) and `restore` puts it in."""

    def __init__(self, package: Package, defer: bool = False):
        self.library = Figures(package)
        self.deferred = Deferred() if defer else None

    def draw(self, h, name: str, **details) -> Markup:
        slot = SLOTS.get(name)
        if slot is None:
            raise KeyError(f"no figure called {name!r}; known: {', '.join(sorted(SLOTS))}")
        figure = slot(self.library, SiteLinks(h), **details)
        if not figure:
            return Markup("")
        if self.deferred is not None:
            figure = self.deferred.hold(figure)
        return Markup(f'{START}<div class="fk-figure fk-figure--{name}">') + figure + Markup(f"</div>{END}")

    def restore(self, html: str) -> str:
        return self.deferred.restore(html) if self.deferred is not None else html
