"""Coverage: every sentence yields a fact (an anchor) or is exempted with a reason, never both; an
exempt sentence holds no mention and no number; every entity is mentioned; every number written
in a source text is inside some quantity's anchor. Returns the sentence coverage figure."""
from __future__ import annotations

import polars as pl

from .context import LINE, Context, show
from .semantics import fact_tables

_DIGITS = "[0-9]+"
# The fact table that records numbers: the rule "every number is quantified" is about it.
QUANTITIES = "quantities"


def check(ctx: Context) -> dict | None:
    sentences = ctx.need("sentences", ["sentence_id", "source_id", "text"], "coverage")
    anchors = ctx.need("anchors", ["fact_id", "source_id", "sentence_id", "start", "end"], "coverage")
    exemptions = ctx.need("sentence_exemptions", ["sentence_id"], "coverage")
    mentions = ctx.need("mentions", ["entity_id", "sentence_id"], "coverage")
    entities = ctx.need("entities", ["entity_id"], "coverage")
    coverage = None
    if sentences is not None and anchors is not None and exemptions is not None:
        coverage = _sentences(ctx, sentences, anchors, exemptions, mentions)
    if entities is not None and mentions is not None:
        used = mentions.raw.select("entity_id").unique()
        silent = entities.raw.select("entity_id", LINE).filter(pl.col("entity_id").is_not_null()).join(used, on="entity_id", how="anti")
        for entity_id, line in silent.select("entity_id", LINE).iter_rows():
            ctx.add("entity-unmentioned", entities.file, f"entity {entity_id} is never mentioned",
                    "add the mention that names it (mentions.csv), or remove the entity", line=line, field="entity_id")
    if anchors is not None:
        _numbers(ctx, anchors)
    return coverage


def _sentences(ctx, sentences, anchors, exemptions, mentions) -> dict:
    ids = sentences.raw.select("sentence_id", "text", LINE).filter(pl.col("sentence_id").is_not_null()).unique("sentence_id", keep="first")
    anchored = anchors.raw.select("sentence_id").drop_nulls().unique()
    exempt = exemptions.raw.select("sentence_id", pl.col(LINE).alias("\x00e_line")).drop_nulls().unique("sentence_id", keep="first")
    flags = ids.join(anchored.with_columns(pl.lit(True).alias("\x00a")), on="sentence_id", how="left").join(exempt, on="sentence_id", how="left")
    uncovered = flags.filter(pl.col("\x00a").is_null() & pl.col("\x00e_line").is_null())
    for sid, line in uncovered.select("sentence_id", LINE).iter_rows():
        ctx.add("sentence-uncovered", sentences.file, f"sentence {sid} yields no fact (no anchor) and is not exempted",
                "anchor the facts it states, or add it to sentence_exemptions.csv with the reason it yields none", line=line, field="sentence_id")
    both = flags.filter(pl.col("\x00a").is_not_null() & pl.col("\x00e_line").is_not_null())
    for sid, line in both.select("sentence_id", "\x00e_line").iter_rows():
        ctx.add("exemption-anchored", exemptions.file, f"sentence {sid} is exempted but anchors facts",
                "remove the exemption (the sentence yields facts) or the anchors", line=line, field="sentence_id")
    exempted = flags.filter(pl.col("\x00e_line").is_not_null())
    for sid, text, line in exempted.filter(pl.col("text").str.contains(r"[0-9]")).select("sentence_id", "text", "\x00e_line").iter_rows():
        ctx.add("exemption-has-number", exemptions.file, f"exempted sentence {sid} holds a number: {show(text)}",
                "a sentence with a number yields a quantity: anchor it instead of exempting the sentence", line=line, field="sentence_id")
    if mentions is not None:
        named = exempted.join(mentions.raw.select("sentence_id").drop_nulls().unique(), on="sentence_id", how="semi")
        for sid, line in named.select("sentence_id", "\x00e_line").iter_rows():
            ctx.add("exemption-has-mention", exemptions.file, f"exempted sentence {sid} mentions an entity",
                    "a sentence that names an entity yields a fact: anchor it instead of exempting it", line=line, field="sentence_id")
    covered = flags.filter(pl.col("\x00a").is_not_null() | pl.col("\x00e_line").is_not_null()).height
    return {"covered": covered, "total": ids.height, "anchored": flags.filter(pl.col("\x00a").is_not_null()).height,
            "exempt": exempted.height}


def _numbers(ctx: Context, anchors) -> None:
    """Every run of digits in a source text lies inside an anchor of some quantity."""
    quantities = next((ft for ft in fact_tables(ctx).values() if ft.resource == QUANTITIES), None)
    if quantities is None or not ctx.texts:
        return
    ids = ctx.tables[QUANTITIES].raw.select(pl.col(quantities.id_field).alias("fact_id")).drop_nulls()
    spans = (anchors.frame("fact_id", "source_id", start="integer", end="integer").join(ids, on="fact_id", how="semi")
             .select("source_id", pl.col("start").alias("\x00a0"), pl.col("end").alias("\x00a1")).drop_nulls())
    # The text cut into runs of digits and runs of anything else: their lengths give the offsets.
    pieces = (ctx.text_frame.select("source_id", pl.col("text").str.extract_all(f"{_DIGITS}|[^0-9]+").alias("\x00digits"))
              .explode("\x00digits").drop_nulls("\x00digits")
              .with_columns(pl.col("\x00digits").str.len_chars().cast(pl.Int64).alias("\x00n")))
    frame = (pieces.with_columns((pl.col("\x00n").cum_sum() - pl.col("\x00n")).over("source_id").alias("\x00r0"))
             .filter(pl.col("\x00digits").str.contains(f"^{_DIGITS}"))
             .select("source_id", "\x00r0", (pl.col("\x00r0") + pl.col("\x00n")).alias("\x00r1"), "\x00digits"))
    if frame.is_empty():
        return
    frame = frame.with_row_index("\x00i")
    inside = frame.join(spans, on="source_id", how="inner").filter((pl.col("\x00a0") <= pl.col("\x00r0")) & (pl.col("\x00r1") <= pl.col("\x00a1")))
    loose = frame.join(inside.select("\x00i").unique(), on="\x00i", how="anti").sort("\x00i")
    for sid, r0, r1, digits in loose.select("source_id", "\x00r0", "\x00r1", "\x00digits").iter_rows():
        text = ctx.texts[sid]
        line = text.count("\n", 0, r0) + 1
        context = text[max(0, r0 - 20): r1 + 20].replace("\n", " ")
        ctx.add("number-not-quantified", ctx.text_files.get(sid, sid), f"the number {digits} at offset {r0} (…{context}…) is in no quantity's anchor",
                "record it in quantities.csv with an anchor that covers it", line=line)
