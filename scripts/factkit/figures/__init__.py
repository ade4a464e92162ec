"""Figures drawn from the package, as inline SVG: data in, markup out.

`Figures(package)` draws every figure of one loaded package (core.model.Package). Each method
takes a `Links` (links.py), which says where the figure's marks point, and returns
markupsafe.Markup rendered by the autoescaping environment of core/markup.py; an empty Markup
means "no figure here". The per-package indexes (graph, chains, time axis, coverage) are built on
first use and shared by every figure drawn from the same object.

This package never imports the site: the site decides which figure goes on which page and how
ids become links (factkit/site/figures.py).
"""
from __future__ import annotations

from functools import cached_property

from markupsafe import Markup

from ..core.model import Package
from . import chains as _chains
from . import coverage as _coverage
from . import network as _network
from . import timeline as _timeline
from .graph import Graph
from .links import Links

__all__ = ["Figures", "Links"]


class Figures:
    """Every figure of one package; each index is built on first use, then kept."""

    def __init__(self, package: Package):
        self.package = package

    @cached_property
    def graph(self) -> Graph:
        return Graph(self.package)

    @cached_property
    def chain_index(self) -> _chains.Chains:
        return _chains.Chains(self.package)

    @cached_property
    def time_index(self) -> _timeline.Timeline:
        return _timeline.Timeline(self.package)

    @cached_property
    def coverage_index(self) -> _coverage.Coverage:
        return _coverage.Coverage(self.package)

    def network(self, links: Links) -> Markup:
        return _network.whole_network(self.graph, links)

    def neighbourhood(self, links: Links, entity_id: str) -> Markup:
        return _network.neighbourhood(self.graph, entity_id, links)

    def chain(self, links: Links, claim_id: str) -> Markup:
        return self.chain_index.one(claim_id, links)

    def timeline(self, links: Links, events: list[dict]) -> Markup:
        return self.time_index.figure(events, links)

    def coverage(self, links: Links, source_id: str) -> Markup:
        return self.coverage_index.figure(links, source_id)
