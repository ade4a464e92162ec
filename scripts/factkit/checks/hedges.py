"""Hedges against the sentences of their claim (the rule is in schemas/claim_hops.yaml, field hedges).

A hop's hedge that lies in one of its claim's anchors must also be in the text of every sentence
that holds an anchor of that claim (ignoring case), unless the hedge describes the hop's entity and
that sentence names the entity some other way:

- the hedge describes the entity when it is part of a mention of that entity in the same source
  ("unnamed" in the mention "an unnamed Kremlin source");
- the sentence names the entity some other way when it holds a mention of it ("the source").

So "reportedly" never sits on a claim anchored in a sentence without "reportedly". A hedge in none
of the claim's anchors is the hedge-not-in-anchor error of the hops check, not repeated here.
"""
from __future__ import annotations

import polars as pl

from .context import LINE, Context, show


def check(ctx: Context) -> None:
    hops = ctx.need("claim_hops", ["claim_id", "hop", "entity_id", "hedges"], "hedge")
    anchors = ctx.need("anchors", ["anchor_id", "fact_id", "sentence_id", "quote"], "hedge")
    sentences = ctx.need("sentences", ["sentence_id", "source_id", "text"], "hedge")
    mentions = ctx.need("mentions", ["entity_id", "source_id", "sentence_id", "surface"], "hedge")
    if hops is None or anchors is None or sentences is None or mentions is None or hops.raw.height == 0:
        return
    hedges = (hops.raw.filter(pl.col("claim_id").is_not_null() & pl.col("hedges").is_not_null())
              .select("claim_id", "hop", "entity_id", pl.col("hedges").str.split("; ").alias("\x00hedge"), LINE)
              .explode("\x00hedge").filter(pl.col("\x00hedge") != "")
              .with_columns(pl.col("\x00hedge").str.to_lowercase().alias("\x00lower")))
    if hedges.height == 0:
        return
    claim_anchors = anchors.raw.select(pl.col("fact_id").alias("claim_id"), "anchor_id", "sentence_id", pl.col("quote").alias("\x00quote")).drop_nulls()
    rows = hedges.join(claim_anchors, on="claim_id", how="inner").with_columns(
        pl.col("\x00quote").str.contains(pl.col("\x00hedge"), literal=True).fill_null(False).alias("\x00in_anchor"))
    in_some_anchor = rows.group_by(LINE, "\x00hedge").agg(pl.col("\x00in_anchor").any().alias("\x00anchored"))
    texts = sentences.raw.select("sentence_id", "source_id", pl.col("text").str.to_lowercase().alias("\x00text")).drop_nulls()
    missing = (rows.join(in_some_anchor, on=[LINE, "\x00hedge"]).filter(pl.col("\x00anchored"))
               .join(texts, on="sentence_id", how="inner")
               .filter(~pl.col("\x00text").str.contains(pl.col("\x00lower"), literal=True).fill_null(False)))
    if missing.height == 0:
        return
    # The exception: a hedge that describes the hop's entity, in a sentence that names it otherwise.
    named = mentions.raw.select("entity_id", "source_id", "sentence_id", pl.col("surface").str.to_lowercase().alias("\x00surface")).drop_nulls()
    describes = (missing.select("entity_id", "source_id", "\x00lower").unique()
                 .join(named.select("entity_id", "source_id", "\x00surface"), on=["entity_id", "source_id"], how="inner")
                 .filter(pl.col("\x00surface").str.contains(pl.col("\x00lower"), literal=True))
                 .select("entity_id", "source_id", "\x00lower").unique())
    named_in = named.select("entity_id", "sentence_id").unique()
    excused = missing.join(describes, on=["entity_id", "source_id", "\x00lower"], how="semi").join(named_in, on=["entity_id", "sentence_id"], how="semi")
    wrong = missing.join(excused.select(LINE, "\x00hedge", "sentence_id"), on=[LINE, "\x00hedge", "sentence_id"], how="anti")
    seen = set()
    for claim_id, hop, hedge, sentence, anchor_id, line in wrong.sort(LINE, "sentence_id", "anchor_id").select(
            "claim_id", "hop", "\x00hedge", "sentence_id", "anchor_id", LINE).iter_rows():
        if (line, hedge, sentence) in seen:
            continue
        seen.add((line, hedge, sentence))
        ctx.add("hedge-not-in-sentence", hops.file,
                f"the hedge {show(hedge)} of hop {hop} of {claim_id} is not in sentence {sentence}, which holds its anchor {anchor_id}",
                "a hedge holds only where the text writes it: if the sentence reports the claim without it, that report is another claim "
                "with its own hops; a word that describes the speaker may be missing only where the sentence names the speaker otherwise "
                "(see the hedges field in schemas/claim_hops.yaml)",
                line=line, field="hedges")
