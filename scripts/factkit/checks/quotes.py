"""Mentions inside quotation marks belong to the speaker who is quoted (schemas/mentions.yaml, claim_id).

The quotations are read from each source text's own marks (core/quotes.py). A mention lies inside a
quotation when all its words do. Then:

- a mention inside a quotation names, in claim_id, the claim that quotes it: its words (a label
  above all) are the speaker's, not the article's;
- a mention outside every quotation leaves claim_id empty: the article's own words;
- the claim it names quotes that quotation: one of the claim's anchors holds the quoted words.
"""
from __future__ import annotations

import polars as pl

from ..core.quotes import quote_spans
from .context import LINE, Context, show

LABEL = "label"


def _spans(ctx: Context) -> pl.DataFrame:
    rows = [(sid, start, end) for sid, text in ctx.texts.items() for start, end in quote_spans(text)]
    return pl.DataFrame(rows, schema={"source_id": pl.Utf8, "\x00q_start": pl.Int64, "\x00q_end": pl.Int64}, orient="row").sort("\x00q_start")


def check(ctx: Context) -> None:
    mentions = ctx.need("mentions", ["mention_id", "source_id", "start", "end", "surface", "mention_type", "claim_id"], "quoted mention")
    if mentions is None or mentions.raw.height == 0:
        return
    file = mentions.file
    rows = (mentions.frame("mention_id", "source_id", "surface", "mention_type", "claim_id", start="integer", end="integer")
            .filter(pl.col("source_id").is_in(list(ctx.texts)) & pl.col("start").is_not_null() & pl.col("end").is_not_null())
            .select("mention_id", "source_id", pl.col("start").cast(pl.Int64), pl.col("end").cast(pl.Int64), "surface", "mention_type", "claim_id", LINE)
            .sort("start"))
    # Quotations never overlap, so the one that may hold a mention is the last to open at or before
    # it. Both sides are sorted by offset, so each source's rows are too (asof needs that per source).
    spans = _spans(ctx)
    placed = rows.join_asof(spans, left_on="start", right_on="\x00q_start", by="source_id", strategy="backward", check_sortedness=False)
    placed = placed.with_columns((pl.col("\x00q_end").is_not_null() & (pl.col("end") <= pl.col("\x00q_end"))).alias("\x00quoted"))
    for surface, kind, line in placed.filter(pl.col("\x00quoted") & pl.col("claim_id").is_null()).sort(LINE).select("surface", "mention_type", LINE).iter_rows():
        whose = "a label the speaker chose, not the article" if kind == LABEL else "the speaker's words, not the article's"
        ctx.add("quoted-mention-unclaimed", file, f"mention {show(surface)} lies inside quotation marks ({whose}), but claim_id is empty",
                "set claim_id to the claim that quotes these words", line=line, field="claim_id")
    for surface, claim_id, line in placed.filter(~pl.col("\x00quoted") & pl.col("claim_id").is_not_null()).sort(LINE).select("surface", "claim_id", LINE).iter_rows():
        ctx.add("mention-claim-unquoted", file, f"mention {show(surface)} names claim {claim_id}, but its words lie outside every quotation",
                "claim_id is only for words inside quotation marks: empty it (the article's own words), or fix the offsets", line=line, field="claim_id")
    anchors = ctx.need("anchors", ["fact_id", "source_id", "start", "end"], "quoted mention")
    if anchors is None:
        return
    claimed = placed.filter(pl.col("\x00quoted") & pl.col("claim_id").is_not_null())
    covers = (claimed.join(anchors.frame(start="integer", end="integer").select(
        pl.col("fact_id").alias("claim_id"), "source_id", pl.col("start").cast(pl.Int64).alias("\x00a_start"), pl.col("end").cast(pl.Int64).alias("\x00a_end")),
        on=["claim_id", "source_id"], how="inner")
        .filter((pl.col("\x00a_start") <= pl.col("\x00q_start")) & (pl.col("\x00a_end") >= pl.col("\x00q_end"))))
    wrong = claimed.join(covers.select("mention_id").unique(), on="mention_id", how="anti")
    for surface, claim_id, q_start, q_end, line in wrong.sort(LINE).select("surface", "claim_id", "\x00q_start", "\x00q_end", LINE).iter_rows():
        ctx.add("mention-claim-mismatch", file,
                f"mention {show(surface)} lies in the quotation at {q_start}-{q_end}, but no anchor of {claim_id} holds that quotation",
                "name the claim that quotes these words (its anchor holds the whole quotation), or anchor the quotation to this claim", line=line, field="claim_id")
