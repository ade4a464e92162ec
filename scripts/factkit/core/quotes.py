"""Where a text quotes someone: the spans inside its quotation marks, read from the marks alone.

    quote_spans(text) -> [(start, end), ...]   # text[start:end] is the quoted words, marks excluded

The rule, mark by mark (offsets in code points, like every offset in the package):

- “ opens a quotation and ” closes it. A “ inside an open quotation nests, and only the outermost
  quotation is a span (the words of an inner one are quoted too).
- A ” where no quotation is open opens one when it stands where quotations start: at the start of
  the text or of a line, or after whitespace or an opening bracket, and before a non-space
  character. The real article opens the third sentence of its paragraph 6 that way:
  `”Russia did not participate in these negotiations,” the ministry noted.` Any other unpaired ”
  quotes nothing.
- A straight " pairs only with another straight ": it opens at such a start position and closes
  the quotation it opened. Elsewhere (5'10", an attribute="value") it quotes nothing.
- A quotation never runs past the end of its paragraph (line): one left open ends there, as a
  quotation that continues into the next paragraph opens again with its own mark.
"""
from __future__ import annotations

import re

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
_MARKS = re.compile(f"[{OPEN}{CLOSE}{STRAIGHT}\n]")
_BEFORE_START = "([{"


def _kind(mark: str) -> str:
    return "straight" if mark == STRAIGHT else "curly"


def _starts_quotation(text: str, i: int) -> bool:
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_START
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # open quotations: (kind, offset of the first quoted character)
    for match in _MARKS.finditer(text):
        i, mark = match.start(), match.group()
        if mark == "\n":
            if stack:
                spans.append((stack[0][1], i))
                stack.clear()
        elif mark == OPEN:
            stack.append((_kind(mark), i + 1))
        elif stack and stack[-1][0] == _kind(mark):
            _, start = stack.pop()
            if not stack:  # the outermost quotation closed: an inner one's words are inside it
                spans.append((start, i))
        elif _starts_quotation(text, i):
            stack.append((_kind(mark), i + 1))
    if stack:
        spans.append((stack[0][1], len(text)))
    return [(s, e) for s, e in spans if s < e]
