"""Assemble the whole site from a loaded package: every page spec, every download, and the
locator that says where each fact's canonical row is. The MkDocs hook makes one plan per build;
the page modules each contribute the pages of one kind."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.markup import render
from ..core.model import Package
from . import articles, claims, dictionary, downloads, entities, errors, home, language, method, places, releases, timeline
from .data import SiteData
from .figures import PageFigures
from .helpers import Helpers
from .spec import DownloadSpec, Locator, PageSpec

# Order matters only for the locator: the first module to place a fact gives its canonical row.
PAGE_MODULES = (timeline, claims, entities, articles, places, language, dictionary, errors, downloads, releases, method, home)


@dataclass
class SitePlan:
    data: SiteData
    site_url: str
    repo_url: str
    site_name: str
    options: dict
    figures: PageFigures | None = None  # None: pages without figures
    locator: Locator = field(default_factory=Locator)
    pages: list[PageSpec] = field(default_factory=list)
    downloads: list[DownloadSpec] = field(default_factory=list)

    def page(self, src_uri: str) -> PageSpec | None:
        return self._by_uri.get(src_uri)

    def index(self) -> None:
        self._by_uri = {p.src_uri: p for p in self.pages}

    def render(self, spec: PageSpec) -> str:
        """A page's generated HTML: its template, given the page's context and its helpers `h`."""
        context = dict(spec.context())
        context.update(h=Helpers(self, spec.src_uri), plan=self, data=self.data, page_title=spec.title)
        return str(render(spec.template, **context))


def make_plan(package: Package, *, site_url: str, repo_url: str, site_name: str, options: dict,
              figures: PageFigures | None = None) -> SitePlan:
    plan = SitePlan(SiteData(package), site_url, repo_url, site_name, options, figures)
    plan.downloads = downloads.files(plan)
    for module in PAGE_MODULES:
        plan.pages.extend(module.pages(plan))
    plan.index()
    return plan
