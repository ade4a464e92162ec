"""Split a source text into paragraphs and sentences with code-point offsets.

Paragraphs are the text's lines. A sentence ends at ".", "!" or "?" (optionally followed by a
closing quote) that is followed by whitespace or the end of the line. The rule is deliberately
simple and deterministic: the offsets it produces are the ids' foundation, so it must never
change silently (tests pin the real article's segmentation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_END = r"[.!?][\"”’']?(?=\s|$)"  # a sentence's last character, and the closing quote after it
_SENTENCE = re.compile(rf"\S.*?(?:{_END}|$)")


@dataclass(frozen=True)
class Sentence:
    position: int
    paragraph: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    line_start = 0
    for paragraph, line in enumerate(text.split("\n"), start=1):
        for match in _SENTENCE.finditer(line):
            body = match.group().rstrip()
            if body:
                start = line_start + match.start()
                sentences.append(Sentence(len(sentences) + 1, paragraph, start, start + len(body), body))
        line_start += len(line) + 1
    return sentences


def has_sentence_end(line: str) -> bool:
    """Whether a line holds the end of a sentence (so it is prose, not a headline)."""
    return re.search(_END, line) is not None


def sentence_id(source_id: str, position: int) -> str:
    """The id of a source's sentence: the source id, "-s" and the position (two digits at least)."""
    return f"{source_id}-s{position:02d}"


def sentence_rows(source_id: str, text: str) -> list[dict]:
    """The rows of sentences.csv for one source text: what the validator regenerates and compares."""
    return [
        {
            "sentence_id": sentence_id(source_id, s.position),
            "source_id": source_id,
            "position": s.position,
            "paragraph": s.paragraph,
            "start": s.start,
            "end": s.end,
            "text": s.text,
        }
        for s in split_sentences(text)
    ]
