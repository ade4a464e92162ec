"""Figures drawn from the package at build time, as inline SVG from autoescaping templates.

Page templates call the functions below with their page helper `h` (factkit.site.helpers), which
says where pages and fact rows live relative to the page being built. Each function returns
markupsafe.Markup produced by an autoescaped template. The per-package indexes (graph, chains,
time axis, coverage) are built once per build and shared by every page.
"""
from __future__ import annotations

import weakref

from ..core.model import Package
from . import chains as _chains
from . import coverage as _coverage
from . import network as _network
from . import svg
from . import timeline as _timeline

__all__ = ["Figures", "actor_network", "entity_network", "attribution_chains", "attribution_chain",
           "timeline_chart", "coverage_strip"]


class Figures:
    """Every figure of one package; the indexes are built on first use."""

    def __init__(self, package: Package):
        self.package = package
        self._graph = self._chains = self._timeline = self._coverage = None

    @property
    def graph(self) -> _network.Graph:
        if self._graph is None:
            self._graph = _network.Graph(self.package)
        return self._graph

    @property
    def chain_index(self) -> _chains.Chains:
        if self._chains is None:
            self._chains = _chains.Chains(self.package)
        return self._chains

    @property
    def time_index(self) -> _timeline.Timeline:
        if self._timeline is None:
            self._timeline = _timeline.Timeline(self.package)
        return self._timeline

    @property
    def coverage_index(self) -> _coverage.Coverage:
        if self._coverage is None:
            self._coverage = _coverage.Coverage(self.package)
        return self._coverage

    def network(self, links: svg.Links) -> svg.Markup:
        return _network.whole(self.graph, links)

    def neighbourhood(self, links: svg.Links, entity_id: str) -> svg.Markup:
        return _network.neighbourhood(self.graph, entity_id, links)

    def chains(self, links: svg.Links, claims: list[dict] | None = None) -> svg.Markup:
        return self.chain_index.all(claims, links)

    def chain(self, links: svg.Links, claim_id: str) -> svg.Markup:
        return self.chain_index.one(claim_id, links)

    def timeline(self, links: svg.Links, events: list[dict] | None = None, with_table: bool = True) -> svg.Markup:
        return self.time_index.figure(events, links, with_table=with_table)

    def coverage(self, links: svg.Links, source_id: str | None = None) -> svg.Markup:
        return self.coverage_index.figure(links, source_id)


# One Figures per site build: keyed weakly by the site's data object, so a rebuild under
# `mkdocs serve` starts afresh and nothing outlives its build.
_by_data: weakref.WeakKeyDictionary[object, Figures] = weakref.WeakKeyDictionary()


def _for(h) -> tuple[Figures, svg.Links]:
    figures = _by_data.get(h.data)
    if figures is None:
        figures = _by_data[h.data] = Figures(h.data.package)
    return figures, svg.SiteLinks(h)


# --- what the site's page templates call, with their page helper `h` -------------------------
def actor_network(h) -> svg.Markup:
    figures, links = _for(h)
    return figures.network(links)


def entity_network(h, entity_id: str) -> svg.Markup:
    figures, links = _for(h)
    return figures.neighbourhood(links, entity_id)


def attribution_chains(h, claims: list[dict] | None = None) -> svg.Markup:
    figures, links = _for(h)
    return figures.chains(links, claims)


def attribution_chain(h, claim_id: str) -> svg.Markup:
    figures, links = _for(h)
    return figures.chain(links, claim_id)


def timeline_chart(h, events: list[dict] | None = None, with_table: bool = True) -> svg.Markup:
    figures, links = _for(h)
    return figures.timeline(links, events, with_table)


def coverage_strip(h, source_id: str | None = None) -> svg.Markup:
    figures, links = _for(h)
    return figures.coverage(links, source_id)
