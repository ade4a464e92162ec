"""Split long lists over several pages instead of truncating them.

Every row stays reachable: page k links to the first and the last page of its list, to the pages
next to it and to the pages 10, 100, 1,000... before and after it (`pager_numbers`), so any page
is a few clicks from any other and the pager stays small however long the list (at 1,000 sources
the timeline has 1,000 pages: a link to each was 70 KB a page). Page sizes are chosen so that no
generated page grows past about 100 KB of HTML, whatever the package size.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .spec import PageSpec

T = TypeVar("T")


@dataclass
class Chunk:
    number: int
    total: int
    items: list
    src_uri: str
    all_uris: list[str]
    first_index: int  # 0-based index of items[0] in the whole list

    @property
    def is_paged(self) -> bool:
        return self.total > 1

    @property
    def pager(self) -> list[tuple[int, str]]:
        """(number, uri) of the pages this page's pager links to, itself included, in order."""
        return [(n, self.all_uris[n - 1]) for n in pager_numbers(self.number, self.total)]


def pager_numbers(current: int, total: int) -> list[int]:
    """The first and last pages, two either side of `current`, and jumps of 10, 100... both ways."""
    shown = {1, total, *range(current - 2, current + 3)}
    step = 10
    while step < total:
        shown.update((current - step, current + step))
        step *= 10
    return sorted(n for n in shown if 1 <= n <= total)


def chunks(items: Sequence[T], size: int, uri_for: Callable[[int], str]) -> list[Chunk]:
    items = list(items)
    count = max(1, -(-len(items) // size))
    uris = [uri_for(n) for n in range(1, count + 1)]
    return [
        Chunk(n + 1, count, items[n * size:(n + 1) * size], uris[n], uris, n * size)
        for n in range(count)
    ]


def weighted_chunks(groups: Sequence[T], weight: Callable[[T], int], budget: int, uri_for: Callable[[int], str]) -> list[Chunk]:
    """Chunks of whole groups, each chunk holding at most `budget` weight (a single heavier group
    still gets a chunk of its own: groups are never split)."""
    pages: list[list[T]] = [[]]
    firsts = [0]
    used = 0
    for i, group in enumerate(groups):
        w = max(1, weight(group))
        if pages[-1] and used + w > budget:
            pages.append([])
            firsts.append(i)
            used = 0
        pages[-1].append(group)
        used += w
    uris = [uri_for(n) for n in range(1, len(pages) + 1)]
    return [Chunk(n + 1, len(pages), page, uris[n], uris, firsts[n]) for n, page in enumerate(pages)]


def list_pages(chunks: list[Chunk], title: str, template: str, context: Callable[[Chunk], dict]) -> list[PageSpec]:
    """The pages of a list named in mkdocs.yml's nav: the first is the list's own page (in the nav);
    the others are "<title>, page N", out of the nav. None is indexed for its text (a list grows
    with the package; see PageSpec.searchable). Each page's context is `context(chunk)`, made at
    render time."""
    return [PageSpec(chunk.src_uri, title if chunk.number == 1 else f"{title}, page {chunk.number}", template,
                     lambda chunk=chunk: context(chunk), in_nav=chunk.number == 1)
            for chunk in chunks]
