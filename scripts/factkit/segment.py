"""Split a source text into paragraphs and sentences with code-point offsets.

Paragraphs are the text's lines. A sentence ends at ".", "!" or "?" (optionally followed by a
closing quote) that is followed by whitespace or the end of the line. The rule is deliberately
simple and deterministic: the offsets it produces are the ids' foundation, so it must never
change silently (tests pin the real article's segmentation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"”’']?(?=\s|$)|$)")


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
