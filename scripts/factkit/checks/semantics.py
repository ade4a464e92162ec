"""What Table Schema cannot say about the facts: every anchor points at an existing fact of its
own source and every fact has an anchor; event dates are ordered and fit their precision; claims'
modes, quotes and speakers agree; claim hops run 1..n from the speaker, their verbs and hedges in
the claim's anchors; quantities' verbatim phrases lie in their anchors and give their value."""
from __future__ import annotations

import re

import polars as pl

from ..core import vocab
from .context import LINE, Context, Table, a_or_an, show

# The claim modes these rules are about: a quoting mode needs its words, the article's own voice has
# no speaker. Every other mode of claims.mode's enum quotes no words.
QUOTED_MODES = ("direct_quote", "partial_quote")
ARTICLE_MODE = "article_assertion"


def fact_tables(ctx: Context) -> dict[str, vocab.FactTable]:
    """prefix -> the readable fact tables (core/vocab.py reads them from the schemas: anchors.fact_id's
    pattern lists the prefixes)."""
    return vocab.fact_tables((t.name, t.schema) for t in ctx.tables.values())


def _facts(ctx: Context) -> pl.DataFrame | None:
    """Every fact id with its table and source, from all fact tables."""
    frames = []
    for ft in fact_tables(ctx).values():
        table = ctx.tables[ft.resource]
        if table.field("source_id") is None:
            continue
        frames.append(table.raw.select(pl.col(ft.id_field).alias("fact_id"), pl.col("source_id").alias("\x00f_source"),
                                       pl.lit(ft.resource).alias("\x00f_table"), pl.col(LINE).alias("\x00f_line")))
    if frames:
        return pl.concat(frames)
    return pl.DataFrame(schema={"fact_id": pl.Utf8, "\x00f_source": pl.Utf8, "\x00f_table": pl.Utf8, "\x00f_line": pl.Int64})


def check_anchors(ctx: Context) -> None:
    anchors = ctx.need("anchors", ["fact_id", "source_id", "quote"], "anchor")
    if anchors is None:
        return
    tables = fact_tables(ctx)
    if not tables:
        ctx.add("missing-resource", ctx.descriptor_name, "cannot tell which tables hold facts: the anchors' fact_id pattern lists no prefixes that fact tables' ids use",
                "give anchors.fact_id a pattern such as (ev|cl|rel|qty)-... and each fact table an id pattern with its prefix")
        return
    facts = _facts(ctx)
    rows = anchors.raw.select("fact_id", "source_id", LINE).filter(pl.col("fact_id").is_not_null())
    prefixes = "|".join(map(re.escape, tables))
    rows = rows.with_columns(pl.col("fact_id").str.extract(rf"^({prefixes})-", 1).alias("\x00prefix"))
    joined = rows.join(facts, on="fact_id", how="left")
    expected_table = pl.col("\x00prefix").replace_strict({p: ft.resource for p, ft in tables.items()}, default=None)
    unknown = joined.filter(pl.col("\x00prefix").is_not_null() & (pl.col("\x00f_table").is_null() | (pl.col("\x00f_table") != expected_table)))
    for fact_id, prefix, line in unknown.select("fact_id", "\x00prefix", LINE).iter_rows():
        ft = tables[prefix]
        target = ctx.tables[ft.resource].file
        ctx.add("unknown-fact", anchors.file, f"fact {show(fact_id)} is not {a_or_an(ft.id_field)} in {target}",
                f"anchor an existing fact, or add the fact to {target} first", line=line, field="fact_id")
    wrong = joined.filter(pl.col("\x00f_source").is_not_null() & pl.col("source_id").is_not_null() & (pl.col("\x00f_source") != pl.col("source_id")))
    for fact_id, fs, s, line in wrong.select("fact_id", "\x00f_source", "source_id", LINE).iter_rows():
        ctx.add("anchor-source-mismatch", anchors.file, f"the anchor quotes {s} but fact {fact_id} comes from {fs}",
                "an anchor quotes the fact's own source: fix source_id (and the offsets) or the fact's source", line=line, field="source_id")
    # Every fact has at least one anchor.
    anchored = anchors.raw.select(pl.col("fact_id")).unique()
    for ft in tables.values():
        table, pk = ctx.tables[ft.resource], ft.id_field
        bare = table.raw.select(pk, LINE).filter(pl.col(pk).is_not_null()).join(anchored, left_on=pk, right_on="fact_id", how="anti")
        for fact_id, line in bare.select(pk, LINE).iter_rows():
            ctx.add("fact-without-anchor", table.file, f"fact {fact_id} has no anchor: nothing shows where the text says it",
                    "add a row to anchors.csv with the words that state it (python scripts/locate.py gives the offsets)", line=line, field=pk)


def _not_in_anchors(rows: pl.DataFrame, key: str, needle: str, anchors: Table) -> pl.DataFrame:
    """Rows of `rows` whose `needle` text is in none of the anchor quotes of the fact `key` names.
    Rows whose fact has no anchor at all are left out (fact-without-anchor reports those)."""
    rows = rows.with_row_index("\x00r")
    quotes = anchors.raw.select(pl.col("fact_id").alias(key), pl.col("quote").alias("\x00q")).drop_nulls()
    joined = rows.join(quotes, on=key, how="inner").with_columns(
        pl.col("\x00q").str.contains(pl.col(needle), literal=True).fill_null(False).alias("\x00hit"))
    hits = joined.group_by("\x00r").agg(pl.col("\x00hit").any())
    return rows.join(hits, on="\x00r", how="inner").filter(~pl.col("\x00hit")).sort("\x00r")


def _reference_dates(ctx: Context) -> pl.DataFrame | None:
    sources = ctx.need("sources", ["source_id", "reference_date"], "date basis")
    if sources is None:
        return None
    return sources.frame(reference_date="date").select("source_id", pl.col("reference_date").alias("\x00ref"))


def _precision_fits(start: pl.Expr, end: pl.Expr, precision: pl.Expr) -> pl.Expr:
    """Day: one day. Month: from the 1st of a month to the last day of a month. Year: 1 January to
    31 December. (A span over several months or years is allowed, like UCDP's date ranges.)"""
    month_ok = (start.dt.day() == 1) & (end == end.dt.month_end())
    year_ok = (start.dt.month() == 1) & (start.dt.day() == 1) & (end.dt.month() == 12) & (end.dt.day() == 31)
    return (pl.when(precision == "day").then(start == end)
            .when(precision == "month").then(month_ok)
            .when(precision == "year").then(year_ok)
            .otherwise(True))


_PRECISION_HINT = "day: date_start = date_end; month: the 1st to the last day of the month; year: 1 January to 31 December"


def check_events(ctx: Context) -> None:
    events = ctx.need("events", ["source_id", "date_start", "date_end", "date_precision", "date_basis"], "event date")
    if events is None or events.raw.height == 0:
        return
    ev = events.frame(date_start="date", date_end="date")
    order = ev.filter(pl.col("date_end") < pl.col("date_start"))
    for start, end, line in order.select("date_start", "date_end", LINE).iter_rows():
        ctx.add("date-order", events.file, f"date_end {end} is before date_start {start}", "swap them, or fix the one that is wrong", line=line, field="date_end")
    fits = _precision_fits(pl.col("date_start"), pl.col("date_end"), pl.col("date_precision"))
    bad = ev.filter(pl.col("date_start").is_not_null() & pl.col("date_end").is_not_null() & (pl.col("date_end") >= pl.col("date_start")) & ~fits)
    for start, end, precision, line in bad.select("date_start", "date_end", "date_precision", LINE).iter_rows():
        ctx.add("date-precision", events.file, f"{start} .. {end} does not fit precision {precision!r}", _PRECISION_HINT, line=line, field="date_precision")
    refs = _reference_dates(ctx)
    if refs is not None:
        unresolvable = ev.join(refs, on="source_id", how="inner").filter((pl.col("date_basis") == "resolved") & pl.col("\x00ref").is_null())
        for source, line in unresolvable.select("source_id", LINE).iter_rows():
            ctx.add("date-basis", events.file, f"date_basis is 'resolved' but source {source} has no reference_date to resolve from",
                    "give the source a reference_date, or use basis 'stated' or 'inferred'", line=line, field="date_basis")


def check_claims(ctx: Context) -> None:
    claims = ctx.need("claims", ["claim_id", "source_id", "speaker_id", "mode", "quote", "said_date", "said_date_precision", "said_date_basis"], "claim")
    if claims is None or claims.raw.height == 0:
        return
    file = claims.file
    raw = claims.raw
    trio = ["said_date", "said_date_precision", "said_date_basis"]
    present = pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Int32) for c in trio])
    partial = raw.filter((present > 0) & (present < 3))
    for row in partial.select(trio + [LINE]).iter_rows(named=True):
        empty = [c for c in trio if row[c] is None]
        ctx.add("said-date-incomplete", file, f"{', '.join(empty)} empty while the other said-date fields are set",
                "fill in all three said_date fields, or leave all three empty", line=row[LINE], field=empty[0])
    typed = claims.frame(said_date="date")
    d = pl.col("said_date")
    fits = _precision_fits(d, pl.when(pl.col("said_date_precision") == "month").then(d.dt.month_end())
                           .when(pl.col("said_date_precision") == "year").then(pl.date(d.dt.year(), 12, 31)).otherwise(d),
                           pl.col("said_date_precision"))
    bad = typed.filter(d.is_not_null() & pl.col("said_date_precision").is_not_null() & ~fits)
    for value, precision, line in bad.select("said_date", "said_date_precision", LINE).iter_rows():
        ctx.add("date-precision", file, f"said_date {value} does not fit precision {precision!r}",
                "for month precision write the 1st of the month, for year precision 1 January", line=line, field="said_date_precision")
    refs = _reference_dates(ctx)
    if refs is not None:
        unresolvable = typed.join(refs, on="source_id", how="inner").filter((pl.col("said_date_basis") == "resolved") & pl.col("\x00ref").is_null())
        for source, line in unresolvable.select("source_id", LINE).iter_rows():
            ctx.add("date-basis", file, f"said_date_basis is 'resolved' but source {source} has no reference_date",
                    "give the source a reference_date, or use basis 'stated' or 'inferred'", line=line, field="said_date_basis")
    quoted = pl.col("mode").is_in(list(QUOTED_MODES))
    for mode, line in raw.filter(quoted & pl.col("quote").is_null()).select("mode", LINE).iter_rows():
        ctx.add("quote-missing", file, f"mode {mode} needs the quoted words in quote", "copy the words inside the quotation marks, exactly", line=line, field="quote")
    unquoted = [m for m in vocab.enum(claims.schema, "mode") if m not in QUOTED_MODES]
    for mode, line in raw.filter(pl.col("mode").is_in(unquoted) & pl.col("quote").is_not_null()).select("mode", LINE).iter_rows():
        ctx.add("quote-not-allowed", file, f"mode {mode} quotes no words, but quote is set", "empty quote, or use mode direct_quote / partial_quote", line=line, field="quote")
    mismatch = raw.filter(pl.col("mode").is_not_null() & ((pl.col("mode") == ARTICLE_MODE) != pl.col("speaker_id").is_null()))
    for mode, speaker, line in mismatch.select("mode", "speaker_id", LINE).iter_rows():
        if mode == ARTICLE_MODE:
            ctx.add("speaker-mode", file, f"an article_assertion has no speaker, but speaker_id is {show(speaker)}", "empty speaker_id, or choose the mode that attributes it", line=line, field="speaker_id")
        else:
            ctx.add("speaker-mode", file, f"mode {mode} attributes the claim, but speaker_id is empty", "name the speaker (an entity id), or use mode article_assertion", line=line, field="speaker_id")
    anchors = ctx.need("anchors", ["fact_id", "quote"], "claim quote")
    if anchors is not None:
        rows = raw.filter(quoted & pl.col("quote").is_not_null()).select("claim_id", "quote", LINE)
        for claim_id, quote, line, *_ in _not_in_anchors(rows.rename({"quote": "\x00needle"}), "claim_id", "\x00needle", anchors).select("claim_id", "\x00needle", LINE).iter_rows():
            ctx.add("quote-not-in-anchor", file, f"the quoted words {show(quote)} are in none of the anchors of {claim_id}",
                    "copy the quote exactly from the text, or add the anchor that holds it", line=line, field="quote")


def check_hops(ctx: Context) -> None:
    hops = ctx.need("claim_hops", ["claim_id", "hop", "entity_id", "verb", "hedges"], "claim hop")
    claims = ctx.need("claims", ["claim_id", "speaker_id"], "claim hop")
    if hops is None or claims is None or hops.raw.height == 0:
        return
    file = hops.file
    typed = hops.frame(hop="integer").filter(pl.col("claim_id").is_not_null() & pl.col("hop").is_not_null())
    seq = typed.group_by("claim_id", maintain_order=True).agg(
        pl.col("hop").sort().alias("\x00hops"), pl.col(LINE).min().alias(LINE), pl.len().alias("\x00n"))
    broken = seq.filter(pl.col("\x00hops") != pl.int_ranges(1, pl.col("\x00n") + 1))
    for claim_id, found, line in broken.select("claim_id", "\x00hops", LINE).iter_rows():
        ctx.add("hop-sequence", file, f"the hops of {claim_id} are {', '.join(map(str, found))}; they must run 1, 2, ... {len(found)} without gaps",
                "number the hops from 1 (the original speaker) towards the article", line=line, field="hop")
    first = typed.filter(pl.col("hop") == 1).join(claims.raw.select("claim_id", pl.col("speaker_id").alias("\x00speaker")), on="claim_id", how="inner")
    for claim_id, entity, speaker, line in first.filter(pl.col("entity_id").ne_missing(pl.col("\x00speaker"))).select("claim_id", "entity_id", "\x00speaker", LINE).iter_rows():
        ctx.add("hop-speaker", file, f"hop 1 of {claim_id} is {show(entity)}, but the claim's speaker is {show(speaker)}",
                "hop 1 is the original speaker: make it the claim's speaker_id", line=line, field="entity_id")
    anchors = ctx.need("anchors", ["fact_id", "quote"], "claim hop")
    if anchors is None:
        return
    verbs = hops.raw.filter(pl.col("verb").is_not_null()).select("claim_id", pl.col("verb").alias("\x00needle"), LINE)
    for claim_id, verb, line, *_ in _not_in_anchors(verbs, "claim_id", "\x00needle", anchors).select("claim_id", "\x00needle", LINE).iter_rows():
        ctx.add("verb-not-in-anchor", file, f"the verb {show(verb)} is in none of the anchors of {claim_id}",
                "copy the verb exactly as the text has it, or anchor the words that hold it", line=line, field="verb")
    hedges = (hops.raw.filter(pl.col("hedges").is_not_null()).select("claim_id", pl.col("hedges").str.split("; ").alias("\x00needle"), LINE)
              .explode("\x00needle").filter(pl.col("\x00needle") != ""))
    for claim_id, hedge, line, *_ in _not_in_anchors(hedges, "claim_id", "\x00needle", anchors).select("claim_id", "\x00needle", LINE).iter_rows():
        ctx.add("hedge-not-in-anchor", file, f"the hedge {show(hedge)} is in none of the anchors of {claim_id}",
                "hedges are the text's own words, separated by '; ': copy them exactly, or anchor the words that hold them", line=line, field="hedges")


def check_quantities(ctx: Context) -> None:
    quantities = ctx.need("quantities", ["quantity_id", "value", "unit", "bound", "verbatim"], "quantity")
    if quantities is None or quantities.raw.height == 0:
        return
    file = quantities.file
    typed = quantities.frame(value="number").with_row_index("\x00r")
    anchors = ctx.need("anchors", ["fact_id", "quote"], "quantity")
    if anchors is not None:
        rows = typed.filter(pl.col("verbatim").is_not_null()).select("quantity_id", pl.col("verbatim").alias("\x00needle"), LINE)
        for qid, verbatim, line, *_ in _not_in_anchors(rows, "quantity_id", "\x00needle", anchors).select("quantity_id", "\x00needle", LINE).iter_rows():
            ctx.add("verbatim-not-in-anchor", file, f"verbatim {show(verbatim)} is in none of the anchors of {qid}",
                    "copy the phrase exactly from the text, or anchor the words that hold it", line=line, field="verbatim")
    # The value must be one of the numbers written in the verbatim phrase ("1,000" counts as 1000).
    numbers = (typed.filter(pl.col("verbatim").is_not_null() & pl.col("value").is_not_null())
               .select("\x00r", pl.col("verbatim").str.replace_all(r"(\d),(\d{3})", "$1$2").str.extract_all(r"\d+(?:\.\d+)?").alias("\x00n"))
               .explode("\x00n").with_columns(pl.col("\x00n").cast(pl.Float64, strict=False)))
    has = numbers.join(typed.select("\x00r", "value"), on="\x00r").group_by("\x00r").agg(
        (pl.col("\x00n") == pl.col("value").abs()).fill_null(False).any().alias("\x00ok"))
    missing = typed.filter(pl.col("verbatim").is_not_null() & pl.col("value").is_not_null()).join(has, on="\x00r", how="left").filter(~pl.col("\x00ok").fill_null(False))
    for value, verbatim, line in missing.select("value", "verbatim", LINE).iter_rows():
        shown = int(value) if float(value).is_integer() and abs(value) < 1e15 else value
        ctx.add("value-not-in-verbatim", file, f"value {shown} does not appear in verbatim {show(verbatim)}",
                "value is the number the phrase gives; verbatim must contain it as written", line=line, field="value")
    # A bound other than exact rests on words in the phrase ("around", "up to") besides the number and its unit.
    words = (typed.filter(pl.col("verbatim").is_not_null() & pl.col("bound").is_not_null() & (pl.col("bound") != "exact"))
             .select("\x00r", pl.col("unit").fill_null("").str.to_lowercase().alias("\x00unit"),
                     pl.col("verbatim").str.to_lowercase().str.extract_all(r"[^\W\d_]+").alias("\x00w"))
             .explode("\x00w"))
    counted = words.with_columns(
        (pl.col("\x00w").is_not_null() & ~((pl.col("\x00unit") != "") & pl.col("\x00w").str.starts_with(pl.col("\x00unit")))).alias("\x00word")
    ).group_by("\x00r").agg(pl.col("\x00word").any())
    # explode drops a row whose list is empty (no word at all): a left join brings it back as False.
    nonexact = typed.filter(pl.col("verbatim").is_not_null() & pl.col("bound").is_not_null() & (pl.col("bound") != "exact"))
    bare = nonexact.join(counted, on="\x00r", how="left").filter(~pl.col("\x00word").fill_null(False))
    for bound, verbatim, line in bare.select("bound", "verbatim", LINE).iter_rows():
        ctx.add("bound-incoherent", file, f"bound {bound} but verbatim {show(verbatim)} has no word that bounds the number",
                "bound is exact unless the phrase hedges the number ('around', 'up to', 'at least'); include those words in verbatim", line=line, field="bound")
