"""Find where a quote sits in a source: the offsets and sentence a curator needs for an anchor or mention."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.segment import split_sentences


@dataclass(frozen=True)
class Location:
    sentence_position: int
    start: int
    end: int
    quote: str


class LocateError(Exception):
    pass


def locate(text: str, quote: str, occurrence: int | None = None) -> Location:
    """Return the location of `quote`; with several matches an occurrence (from 1) must be chosen."""
    if not quote:
        raise LocateError("the quote is empty")
    hits, at = [], text.find(quote)
    while at != -1:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        raise LocateError(f"{quote!r} does not occur in the text (check curly quotes ’ “ ” and dashes)")
    if occurrence is None and len(hits) > 1:
        raise LocateError(f"{quote!r} occurs {len(hits)} times; choose one with --occurrence 1..{len(hits)}")
    index = (occurrence or 1) - 1
    if not 0 <= index < len(hits):
        raise LocateError(f"occurrence {occurrence} requested but {quote!r} occurs {len(hits)} times")
    start = hits[index]
    end = start + len(quote)
    for sentence in split_sentences(text):
        if sentence.start <= start and end <= sentence.end:
            return Location(sentence.position, start, end, quote)
    raise LocateError(f"{quote!r} crosses a sentence boundary; anchor each sentence separately")
