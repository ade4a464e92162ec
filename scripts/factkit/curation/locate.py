"""Find words in the package's source texts: the sentence and code-point offsets a curator needs for
an anchor or a mention (locate.py), and the matching rule fill_offsets.py fills offsets with.

Words match as whole words: where the words begin or end with a letter or digit, the text next to
them must not be one, so "Syria" is found in "Syria’s" and "Syria," but never inside "Syrian".
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..checks.safety import unsafe_reason
from ..core import paths
from ..core.csvio import read_rows
from ..core.segment import Sentence, sentence_id, split_sentences

SOURCES = "sources"


class LocateError(Exception):
    pass


@dataclass(frozen=True)
class Hit:
    source_id: str
    sentence_id: str
    start: int
    end: int
    occurrence: int  # the hit's rank among the words' whole-word occurrences in its sentence, from 1


def _pattern(words: str) -> re.Pattern:
    before = r"(?<!\w)" if re.match(r"\w", words) else ""
    after = r"(?!\w)" if re.search(r"\w$", words) else ""
    return re.compile(before + re.escape(words) + after)


def whole_words(text: str, words: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where `words` start in text[start:end] as whole words (offsets into the whole text)."""
    end = len(text) if end is None else end
    return [m.start() for m in _pattern(words).finditer(text, start, end)] if words else []


def inside_words(text: str, words: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """Occurrences that are not whole words, with the longer word they sit in ("Syrian" for "Syria")."""
    end = len(text) if end is None else end
    whole = set(whole_words(text, words, start, end))
    found, at = [], text.find(words, start, end) if words else -1
    while at != -1 and at + len(words) <= end:
        if at not in whole:
            left = re.search(r"\w*$", text[start:at]).group()
            right = re.match(r"\w*", text[at + len(words):end]).group()
            found.append((at, left + words + right))
        at = text.find(words, at + 1, end)
    return found


@dataclass(frozen=True)
class Source:
    source_id: str
    text: str
    sentences: dict[str, Sentence]  # sentence_id -> sentence, in order


def _inside(root: Path, rel: object, what: str) -> Path:
    """A path of the package, refused when it would lead out of it (checks/safety.py)."""
    reason = unsafe_reason(root, rel)
    if reason:
        raise LocateError(f"{what} {rel!r}: {reason}")
    return root / rel


def read_sources(descriptor_path: Path = paths.DESCRIPTOR) -> dict[str, Source]:
    """Every source of a package with its text and sentences (segmented as sentences.csv is)."""
    descriptor_path = Path(descriptor_path)
    root, found = descriptor_path.parent, {}
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        table = next(r["path"] for r in descriptor["resources"] if r.get("name") == SOURCES)
        for row in read_rows(_inside(root, table, f"the {SOURCES} resource's path")):
            text = _inside(root, row["path"], f"source {row['source_id']}: path").read_bytes().decode("utf-8")
            sentences = {sentence_id(row["source_id"], s.position): s for s in split_sentences(text)}
            found[row["source_id"]] = Source(row["source_id"], text, sentences)
    except (OSError, ValueError, KeyError, StopIteration, TypeError) as exc:  # UnicodeDecodeError is a ValueError
        raise LocateError(f"{descriptor_path}: cannot read the sources ({type(exc).__name__}: {exc}); "
                          "`python scripts/validate.py` says why") from None
    return found


def hits_in(source: Source, words: str) -> list[Hit]:
    """Every whole-word occurrence of `words` in a source that lies inside one sentence."""
    hits = []
    for sid, sentence in source.sentences.items():
        for rank, start in enumerate(whole_words(source.text, words, sentence.start, sentence.end), start=1):
            hits.append(Hit(source.source_id, sid, start, start + len(words), rank))
    return hits


def locate(sources: dict[str, Source], words: str, source_id: str | None = None) -> list[Hit]:
    """Every hit of `words` in one source, or in every source; LocateError says why there is none."""
    if not words:
        raise LocateError("the words are empty")
    if source_id is not None and source_id not in sources:
        raise LocateError(f"no source with id {source_id} (the package has {', '.join(sources) or 'none'})")
    chosen = [sources[source_id]] if source_id else list(sources.values())
    hits = [hit for source in chosen for hit in hits_in(source, words)]
    if hits:
        return hits
    partial = [(s.source_id, at, word) for s in chosen for at, word in inside_words(s.text, words)]
    if partial:
        where = "; ".join(f"{sid} {at}-{at + len(words)} in {word!r}" for sid, at, word in partial[:5])
        raise LocateError(f"{words!r} occurs only inside longer words ({where}); give the whole word")
    if any(words in s.text for s in chosen):
        raise LocateError(f"{words!r} crosses a sentence boundary; anchor each sentence separately")
    raise LocateError(f"{words!r} does not occur in the text (check curly quotes ’ “ ” and dashes)")
