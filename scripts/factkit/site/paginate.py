"""Split long lists over several pages instead of truncating them.

Every row stays reachable: page k links to every other page of the same list. Page sizes are
chosen so that no generated page grows past about 100 KB of HTML, whatever the package size.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

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
