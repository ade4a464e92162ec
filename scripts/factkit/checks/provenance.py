"""Provenance: the source texts are the files the sources table describes (sha256, bytes,
characters), sentences.csv is exactly what the segmenter regenerates from them, and every mention
and anchor quotes the text at its offsets, inside its sentence, in its own source."""
from __future__ import annotations

import hashlib

import polars as pl

from ..core.segment import sentence_frame
from .context import LINE, Context, show
from .metadata import BUILD

SENTENCES_HINT = ("sentences.csv is generated, never edited: re-run `python scripts/register_source.py <text> ...` "
                  f"for the source (it rewrites sentences.csv from every registered text), then `{BUILD}`")


def check_sources(ctx: Context) -> None:
    """Read each source text (safely) into ctx.texts and check it against its sources row."""
    sources = ctx.need("sources", ["source_id", "path", "sha256", "bytes", "characters"], "source text")
    if sources is None:
        return
    typed = sources.frame(bytes="integer", characters="integer")
    for row in typed.select("source_id", "path", "sha256", "bytes", "characters", LINE).iter_rows(named=True):
        sid, rel, line = row["source_id"], row["path"], row[LINE]
        if sid is None or rel is None:
            continue  # required-field errors already name these rows
        reason = ctx.confinement.reason(rel)
        if reason is None and not rel.endswith(".txt"):
            reason = "a source text must be a .txt file"
        if reason:
            ctx.add("unsafe-path", sources.file, f"source {sid} path {show(rel)}: {reason}",
                    "keep source texts under sources/ inside the package", line=line, field="path")
            continue
        full = ctx.root / rel
        if not full.is_file():
            ctx.add("missing-file", sources.file, f"source {sid}: the text file {rel} does not exist",
                    "register the text with `python scripts/register_source.py`", line=line, field="path")
            continue
        try:
            data = full.read_bytes()
        except OSError as exc:
            ctx.add("unreadable-file", sources.file, f"source {sid}: cannot read {rel}: {exc.strerror}", "check its permissions", line=line, field="path")
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            ctx.add("not-utf8", rel, f"the source text is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
                    "source texts are UTF-8; convert it and register it again", line=data[: exc.start].count(b"\n") + 1)
            continue
        ctx.texts[sid] = text
        ctx.text_files[sid] = rel
        hint = ("never change a source text in place (every offset points into it); if the sources row is wrong, "
                "register the text again with `python scripts/register_source.py`")
        digest = hashlib.sha256(data).hexdigest()
        if row["sha256"] is not None and row["sha256"] != digest:
            ctx.add("source-hash-mismatch", sources.file, f"source {sid}: {rel} has sha256 {digest}, the row records {row['sha256']}", hint, line=line, field="sha256")
        if row["bytes"] is not None and row["bytes"] != len(data):
            ctx.add("source-bytes-mismatch", sources.file, f"source {sid}: {rel} has {len(data):,} bytes, the row records {row['bytes']:,}", hint, line=line, field="bytes")
        if row["characters"] is not None and row["characters"] != len(text):
            ctx.add("source-characters-mismatch", sources.file, f"source {sid}: {rel} has {len(text):,} characters, the row records {row['characters']:,}", hint, line=line, field="characters")


def check_sentences(ctx: Context) -> None:
    sentences = ctx.need("sentences", ["sentence_id", "source_id"], "sentence regeneration")
    sources = ctx.need("sources", ["source_id"], "sentence regeneration")
    if sentences is None or sources is None:
        return
    names = sentences.field_names
    expected = sentence_frame(ctx.text_frame)
    if expected.height == 0 and sentences.raw.height == 0:
        return
    generated = [c for c in names if c in expected.columns]
    if "sentence_id" not in generated:
        return
    expected = expected.select(pl.col(c).cast(pl.Utf8) for c in generated)
    expected = expected.with_row_index("\x00pos")
    # Only sentences of readable texts can be regenerated; the others' texts carry their own errors.
    actual = sentences.raw.filter(pl.col("source_id").is_in(list(ctx.texts)) | pl.col("source_id").is_null())
    joined = actual.join(expected, on="sentence_id", how="full", suffix="\x00exp", coalesce=False, nulls_equal=False)
    extra = joined.filter(pl.col("sentence_id\x00exp").is_null())
    for sid, line in extra.select("sentence_id", LINE).iter_rows():
        ctx.add("sentence-mismatch", sentences.file, f"sentence {show(sid)} is not produced by segmenting its source text", SENTENCES_HINT, line=line, field="sentence_id")
    absent = joined.filter(pl.col("sentence_id").is_null()).sort("\x00pos")
    for (sid,) in absent.select("sentence_id\x00exp").iter_rows():
        ctx.add("sentence-missing", sentences.file, f"sentence {sid} of the source text is missing", SENTENCES_HINT, field="sentence_id")
    both = joined.filter(pl.col("sentence_id").is_not_null() & pl.col("sentence_id\x00exp").is_not_null())
    for c in generated:
        if c == "sentence_id" or c not in names:
            continue
        differ = both.filter(pl.col(c).ne_missing(pl.col(c + "\x00exp")))
        for line, got, want in differ.select(LINE, c, c + "\x00exp").iter_rows():
            ctx.add("sentence-mismatch", sentences.file, f"{c} is {show(got)}; segmenting the source text gives {show(want)}", SENTENCES_HINT, line=line, field=c)
    # The same row order as the generator, so that diffs of sentences.csv stay readable.
    if not both.is_empty() and both.height == expected.height == actual.height:
        order = both.select(LINE, "\x00pos").sort(LINE)["\x00pos"].to_list()
        if order != sorted(order):
            ctx.add("sentence-order", sentences.file, "sentences are not in the order the segmenter writes them", SENTENCES_HINT)


def check_offsets(ctx: Context, name: str, text_field: str) -> None:
    """Offsets of mentions or anchors: start < end, inside the text, inside the row's sentence, the
    sentence in the row's source, and text[start:end] equal to the row's quote. Vectorised with
    joins; polars string views make joining a long text to every row cheap."""
    table = ctx.need(name, ["source_id", "sentence_id", "start", "end", text_field], f"{name} offsets")
    sentences = ctx.need("sentences", ["sentence_id", "source_id", "start", "end"], f"{name} offsets")
    if table is None or sentences is None or table.raw.height == 0:
        return
    rows = table.frame(start="integer", end="integer").select("source_id", "sentence_id", "start", "end", text_field, LINE)
    file = table.file
    order = rows.filter(pl.col("start").is_not_null() & pl.col("end").is_not_null() & (pl.col("start") >= pl.col("end")))
    for start, end, line in order.select("start", "end", LINE).iter_rows():
        ctx.add("offset-order", file, f"start {start} is not before end {end}", "end is exclusive: end = start + length of the quote", line=line, field="end")
    sents = sentences.frame(start="integer", end="integer").select(
        pl.col("sentence_id"), pl.col("source_id").alias("\x00s_source"), pl.col("start").alias("\x00s_start"), pl.col("end").alias("\x00s_end"))
    texts = ctx.text_frame.rename({"text": "\x00text"})
    good = rows.filter(pl.col("start").is_not_null() & pl.col("end").is_not_null() & (pl.col("start") < pl.col("end")))
    joined = good.join(sents, on="sentence_id", how="left").join(texts, on="source_id", how="left")
    wrong_source = joined.filter(pl.col("\x00s_source").is_not_null() & (pl.col("\x00s_source") != pl.col("source_id")))
    for sentence, sent_source, source, line in wrong_source.select("sentence_id", "\x00s_source", "source_id", LINE).iter_rows():
        ctx.add("sentence-source-mismatch", file, f"sentence {sentence} belongs to {sent_source}, not to {source}",
                "use a sentence of the row's own source (or fix source_id)", line=line, field="sentence_id")
    outside = joined.filter(pl.col("\x00s_start").is_not_null() & pl.col("\x00s_end").is_not_null() & (pl.col("\x00s_source") == pl.col("source_id"))
                            & ((pl.col("start") < pl.col("\x00s_start")) | (pl.col("end") > pl.col("\x00s_end"))))
    for start, end, s_start, s_end, sentence, line in outside.select("start", "end", "\x00s_start", "\x00s_end", "sentence_id", LINE).iter_rows():
        ctx.add("offset-outside-sentence", file, f"offsets {start}-{end} are not inside sentence {sentence} ({s_start}-{s_end})",
                "check the offsets, or point the row at the sentence that holds the quote (python scripts/locate.py finds it)", line=line, field="start")
    with_text = joined.filter(pl.col("\x00text").is_not_null()).with_columns(pl.col("\x00text").str.len_chars().alias("\x00len"))
    beyond = with_text.filter(pl.col("end") > pl.col("\x00len"))
    for end, length, source, line in beyond.select("end", "\x00len", "source_id", LINE).iter_rows():
        ctx.add("offset-out-of-range", file, f"end {end} is past the end of source {source} ({length} characters)", "check the offsets", line=line, field="end")
    inside = with_text.filter(pl.col("end") <= pl.col("\x00len")).with_columns(
        pl.col("\x00text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("\x00actual"))
    mismatch = inside.filter(pl.col("\x00actual").ne_missing(pl.col(text_field)))
    for start, end, got, want, line in mismatch.select("start", "end", text_field, "\x00actual", LINE).iter_rows():
        ctx.add("quote-mismatch", file, f"{text_field} {show(got)} differs from the source text at {start}-{end}, which reads {show(want)}",
                "copy the exact words (curly quotes included) or fix the offsets; `python scripts/locate.py` prints the offsets of a phrase",
                line=line, field=text_field)
