"""Fill the empty start and end of mentions and anchors (the tables of core/offsets.py) from each
row's words and sentence_id, so that a curator writes the words and never counts characters.

A row is filled when both offsets are empty and its words occur exactly once, as whole words
(curation/locate.py), in its sentence. Otherwise it is refused with the reason and the candidates:
the whole-word occurrences in the sentence with their offsets, or, when there is none, where the
words occur inside longer words or in other sentences. An occurrence number, given on the command
line as ROW_ID=N, picks the Nth of several. Only the filled rows are rewritten, in the canonical
CSV form (core/csvio.py); every other byte of the file stays as it was.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.safety import unsafe_reason
from ..core import offsets, paths
from ..core.csvio import records, row_text
from ..core.vocab import key_fields
from .locate import LocateError, Source, hits_in, inside_words, read_sources, whole_words

CONTEXT = 25  # characters of text shown on each side of a candidate
SHOWN = 5     # candidates listed in a refusal


class FillError(Exception):
    """The package cannot be read, or the command line names rows that need no filling."""


@dataclass(frozen=True)
class Refusal:
    file: str
    line: int
    row_id: str
    message: str
    hint: str

    def text(self) -> str:
        return f"{self.file} line {self.line} ({self.row_id}): {self.message}\n      fix: {self.hint}"


@dataclass(frozen=True)
class Problem:
    message: str
    choose: bool = False  # several candidates: an occurrence number or longer words would settle it


@dataclass
class Outcome:
    filled: dict[str, int] = field(default_factory=dict)  # file -> rows filled
    refused: list[Refusal] = field(default_factory=list)


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT):start].split("\n")[-1]
    after = text[end:end + CONTEXT].split("\n")[0]
    return f"“…{before}[{text[start:end]}]{after}…”"


def _listing(source: Source, starts: list[int], words: str) -> str:
    """The candidates, one per line under the message."""
    shown = [f"{n}) {at}-{at + len(words)} {_context(source.text, at, at + len(words))}" for n, at in enumerate(starts[:SHOWN], start=1)]
    return "".join(f"\n    {line}" for line in shown + ([f"and {len(starts) - SHOWN} more"] if len(starts) > SHOWN else []))


def _elsewhere(source: Source, sentence, words: str) -> str:
    """Where the words are, when they are not whole words in the row's sentence."""
    partial = inside_words(source.text, words, sentence.start, sentence.end)
    if partial:
        return "; in this sentence only inside longer words: " + ", ".join(f"{at}-{at + len(words)} in {w!r}" for at, w in partial[:SHOWN])
    other = [h for h in hits_in(source, words) if not sentence.start <= h.start < sentence.end]
    if other:
        return "; it occurs in " + ", ".join(f"{h.sentence_id} at {h.start}-{h.end}" for h in other[:SHOWN])
    return "; it occurs nowhere else in the source either (check curly quotes ’ “ ” and dashes)"


def place(sources: dict[str, Source], row: dict, words_field: str, occurrence: int | None) -> tuple[int, int] | Problem:
    """The offsets of a row's words in its sentence, or why they cannot be chosen."""
    words, sid = row.get(words_field) or "", row.get(offsets.SENTENCE) or ""
    source = next((s for s in sources.values() if sid in s.sentences), None)
    if not words:
        return Problem(f"{words_field} is empty: write the words first, exactly as in the text")
    if source is None:
        return Problem(f"{offsets.SENTENCE} {sid!r} is not a sentence of any registered source (`python scripts/locate.py` finds the words)")
    if row.get("source_id") and row["source_id"] != source.source_id:
        return Problem(f"sentence {sid} belongs to {source.source_id}, but the row's source_id is {row['source_id']}")
    sentence = source.sentences[sid]
    starts = whole_words(source.text, words, sentence.start, sentence.end)
    if occurrence is not None:
        if 1 <= occurrence <= len(starts):
            return starts[occurrence - 1], starts[occurrence - 1] + len(words)
        return Problem(f"occurrence {occurrence} was asked for, but {words!r} occurs {len(starts)} time(s) as whole words in {sid}" + (
            f":{_listing(source, starts, words)}" if starts else _elsewhere(source, sentence, words)), choose=len(starts) > 1)
    if len(starts) == 1:
        return starts[0], starts[0] + len(words)
    if not starts:
        return Problem(f"{words!r} does not occur as whole words in {sid}" + _elsewhere(source, sentence, words))
    return Problem(f"{words!r} occurs {len(starts)} times in {sid}:{_listing(source, starts, words)}", choose=True)


def _table(descriptor: dict, name: str) -> dict | None:
    return next((r for r in descriptor.get("resources", []) if isinstance(r, dict) and r.get("name") == name), None)


def fill(descriptor_path: Path = paths.DESCRIPTOR, occurrences: dict[str, int] | None = None) -> Outcome:
    """Fill what can be filled and write it; refusals are returned, not raised."""
    descriptor_path = Path(descriptor_path)
    occurrences = dict(occurrences or {})
    try:
        sources = read_sources(descriptor_path)
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (LocateError, OSError, ValueError) as exc:
        raise FillError(str(exc)) from None
    outcome, writes, asked = Outcome(), {}, set()
    for name, words_field in offsets.WORDS.items():
        resource = _table(descriptor, name)
        if resource is None:
            continue
        file = resource.get("path")
        unsafe = unsafe_reason(descriptor_path.parent, file)
        if unsafe:
            raise FillError(f"resource {name} path {file!r}: {unsafe}")
        try:
            recs = records((descriptor_path.parent / file).read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise FillError(f"{file}: cannot be read ({exc}); `python scripts/validate.py` says more") from None
        pk = key_fields((resource.get("schema") or {}).get("primaryKey"))
        header = recs[0].cells if recs else []
        absent = [f for f in (offsets.SENTENCE, offsets.START, offsets.END, words_field) if f not in header]
        if absent:
            raise FillError(f"{file}: the header lacks {', '.join(absent)}")
        filled = 0
        for rec in recs[1:]:
            if len(rec.cells) != len(header):
                continue  # a malformed row: the validator names it
            row = dict(zip(header, rec.cells))
            if row[offsets.START] and row[offsets.END]:
                continue
            row_id = ",".join(row.get(k, "") for k in pk) or f"line {rec.line}"
            asked.add(row_id)
            result = _one(sources, row, words_field, occurrences.get(row_id))
            if isinstance(result, Problem):
                outcome.refused.append(Refusal(file, rec.line, row_id, result.message, _hint(row_id, result)))
                continue
            row[offsets.START], row[offsets.END] = map(str, result)
            rec.text = row_text(header, row)
            filled += 1
        if filled:
            outcome.filled[file] = filled
            writes[descriptor_path.parent / file] = recs
    unused = sorted(set(occurrences) - asked)
    if unused:
        raise FillError(f"--occurrence names {', '.join(unused)}, which is no row with empty offsets; nothing was written")
    for path, recs in writes.items():
        path.write_bytes("".join(rec.text for rec in recs).encode("utf-8"))
    return outcome


def _one(sources, row: dict, words_field: str, occurrence: int | None) -> tuple[int, int] | Problem:
    if bool(row[offsets.START]) != bool(row[offsets.END]):
        given = offsets.START if row[offsets.START] else offsets.END
        return Problem(f"only {given} is written: leave both offsets empty to have them filled, or write both")
    return place(sources, row, words_field, occurrence)


def _hint(row_id: str, problem: Problem) -> str:
    if problem.choose:
        return f"choose one with --occurrence {row_id}=N, or write longer words that occur once (an anchor's quote can grow)"
    return "fix the row as the message says, or write start and end yourself (`python scripts/locate.py` prints them)"
