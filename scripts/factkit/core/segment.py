"""Split source texts into paragraphs and sentences with code-point offsets.

Paragraphs are the text's lines. A sentence ends at ".", "!" or "?" (optionally followed by a
closing quote) that is followed by whitespace or the end of the line. The rule is deliberately
simple and deterministic: the offsets it produces are the ids' foundation, so it must never
change silently (tests pin the real article's segmentation).

One implementation, vectorised with polars over any number of texts (`sentence_frame`): the
validator regenerates every source's sentences in one pass, and a single text is the same call
with one row (`split_sentences`, `sentence_rows`).
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

# A sentence's last character, and the closing quote after it; a sentence ends there when
# whitespace or the end of the line follows.
_END = r"[.!?][\"”’']?"
# Whitespace as Python's str.isspace() has it, which the rule was first written in: Unicode's
# White_Space (polars' `\s`) and the four information separators U+001C-U+001F.
_SPACE = r"[\s\x1c-\x1f]"
_SPACE_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # the last is U+3000
# One sentence with the whitespace before it, and the one whitespace character after its end when
# there is one: a line's matches then tile it from its start, so their lengths give the offsets.
_SENTENCE = rf"{_SPACE}*[^\s\x1c-\x1f].*?(?:{_END}(?:{_SPACE}|$)|$)"
_ID_INFIX, _ID_DIGITS = "-s", 2


@dataclass(frozen=True)
class Sentence:
    position: int
    paragraph: int
    start: int
    end: int
    text: str


def sentence_id(source_id: str, position: int) -> str:
    """The id of a source's sentence: the source id, "-s" and the position (two digits at least)."""
    return f"{source_id}{_ID_INFIX}{position:0{_ID_DIGITS}d}"


def sentence_frame(texts: pl.DataFrame) -> pl.DataFrame:
    """The rows of sentences.csv for texts given as (source_id, text), in source order: sentence_id,
    source_id, position, paragraph, start, end (exclusive) and text."""
    lines = (texts.select("source_id", pl.col("text").str.split("\n").alias("line"))
             .with_columns(pl.int_ranges(1, pl.col("line").list.len() + 1).alias("paragraph"))
             .explode("line", "paragraph")
             .with_columns((pl.col("line").str.len_chars() + 1).alias("step")))
    lines = lines.with_columns((pl.col("step").cum_sum() - pl.col("step")).over("source_id").alias("line_start"))
    pieces = (lines.select("source_id", "paragraph", "line_start", pl.col("line").str.extract_all(_SENTENCE).alias("piece"))
              .explode("piece").drop_nulls("piece")
              .with_columns(pl.col("piece").str.len_chars().alias("length")))
    body = pl.col("piece").str.strip_chars(_SPACE_CHARS)
    lead = pl.col("length") - pl.col("piece").str.strip_chars_start(_SPACE_CHARS).str.len_chars()
    start = pl.col("line_start") + (pl.col("length").cum_sum() - pl.col("length")).over("source_id", "paragraph") + lead
    position = pl.int_range(1, pl.len() + 1).over("source_id")
    frame = pieces.select("source_id", position.cast(pl.Int64).alias("position"), pl.col("paragraph").cast(pl.Int64),
                          start.cast(pl.Int64).alias("start"), body.alias("text"))
    return frame.select(
        pl.format("{}" + _ID_INFIX + "{}", "source_id", pl.col("position").cast(pl.Utf8).str.zfill(_ID_DIGITS)).alias("sentence_id"),
        "source_id", "position", "paragraph", "start", (pl.col("start") + pl.col("text").str.len_chars()).alias("end"), "text")


def _one(source_id: str, text: str) -> pl.DataFrame:
    return sentence_frame(pl.DataFrame({"source_id": [source_id], "text": [text]}, schema={"source_id": pl.Utf8, "text": pl.Utf8}))


def has_sentence_end(line: str) -> bool:
    """Whether a line holds the end of a sentence (so it is prose, not a headline)."""
    return pl.select(pl.lit(line).str.contains(f"{_END}(?:{_SPACE}|$)")).item()


def split_sentences(text: str) -> list[Sentence]:
    return [Sentence(*row) for row in _one("", text).select("position", "paragraph", "start", "end", "text").iter_rows()]


def sentence_rows(source_id: str, text: str) -> list[dict]:
    """The rows of sentences.csv for one source text: what the validator regenerates and compares."""
    return _one(source_id, text).to_dicts()
