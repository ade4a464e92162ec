"""What a page model hands to the hook: a page to create, or a file to copy, and where facts live."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class PageSpec:
    src_uri: str  # docs-relative path of the (virtual) Markdown file, e.g. "entities/hts.md"
    title: str  # plain text; the hook escapes it before MkDocs' non-escaping templates see it
    template: str
    context: Callable[[], dict]  # called at render time, so thousands of pages do not sit in memory
    in_nav: bool = False  # True only for pages named in mkdocs.yml's nav
    append: bool = False  # True when docs/ holds hand-written prose for this page: we append to it
    # True for the few pages whose size does not grow with the package or its history (home,
    # method, dictionary, errors, downloads): Material's search plugin indexes their text. Every other page
    # is found through the entries site/search.py writes (an entity by its name, an article by its
    # title, a fact by its id), so the index and the build stay small whatever the package's size.
    searchable: bool = False
    meta: dict = field(default_factory=dict)


@dataclass
class DownloadSpec:
    src_uri: str  # where the file appears in the site
    description: str
    content: bytes


class Locator:
    """The canonical place of every fact row (page + row id), so any page can link to it."""

    def __init__(self) -> None:
        self._where: dict[str, str] = {}

    def place(self, key: str, src_uri: str, anchor: str) -> None:
        self._where.setdefault(key, f"{src_uri}#{anchor}")

    def __getitem__(self, key: str) -> str:
        return self._where[key]

    def get(self, key: str) -> str | None:
        return self._where.get(key)
