"""Dates against their words: a date the text states, or resolves from the reference date, must be
readable in the anchors of its fact (events' date_start/date_end, claims' said_date).

- stated: the anchors hold the year (as four digits); for month precision also the month's name;
  for day precision also the day's number. "in 2017" reads 2017; "on 8 December 2024" reads
  2024-12-08. The ISO date itself ("2024-12-08") reads too.
- resolved, day precision: the anchors name the day relative to the source's reference_date, and
  it is the resolved date. A weekday names the last such day on or before the reference date (the
  reference date 2024-12-08 is a Sunday: "on Saturday" is 2024-12-07, "on Sunday" 2024-12-08);
  "today" and "tonight" name the reference date, "yesterday" the day before, "tomorrow" the day
  after. Resolved dates of month or year precision ("last month") are not read.

Month names and relative day words are read in English, and only in sources whose language is
English; the year is read in every source. Vectorised: one pass of polars expressions over all
dated rows; Python only formats the errors.
"""
from __future__ import annotations

import calendar
from datetime import date

import polars as pl

from .context import LINE, Context

STATED, RESOLVED = "stated", "resolved"
ENGLISH = "en"
MONTH, DAY = "month", "day"

# Column names of the working frame (the leading NUL keeps them apart from any field name).
ID, FIELD, VALUE, PRECISION, WORDS, EN, REF = "\x00id", "\x00field", "\x00value", "\x00precision", "\x00words", "\x00en", "\x00ref"

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_PATTERN = r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b"
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name, start=1)}  # polars: Monday = 1
_SHIFTS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_DAY_WORD_PATTERN = r"\b(?:" + "|".join([*_WEEKDAYS, *_SHIFTS]) + r")\b"

# (resource, id field, basis field, precision field, date fields)
DATED = [("events", "event_id", "date_basis", "date_precision", ["date_start", "date_end"]),
         ("claims", "claim_id", "said_date_basis", "said_date_precision", ["said_date"])]


def _missing_parts() -> pl.Expr:
    """The parts of a stated date (VALUE at PRECISION) that WORDS do not give, as a list of phrases."""
    value, words = pl.col(VALUE), pl.col(WORDS)
    numbers = words.str.extract_all(r"\d+")
    months = words.str.to_lowercase().str.extract_all(_MONTH_PATTERN).list.eval(pl.element().replace_strict(_MONTHS, return_dtype=pl.Int8))
    days = numbers.list.eval(pl.element().filter(pl.element().str.len_chars() <= 2).cast(pl.Int8))
    english, precision = pl.col(EN), pl.col(PRECISION)
    no_year = ~numbers.list.contains(value.dt.year().cast(pl.Utf8))
    no_month = english & precision.is_in([MONTH, DAY]) & ~months.list.contains(value.dt.month().cast(pl.Int8))
    no_day = english & (precision == DAY) & ~days.list.contains(value.dt.day().cast(pl.Int8))
    iso = words.str.contains(value.dt.to_string("%Y-%m-%d"), literal=True)
    parts = pl.concat_list(
        pl.when(no_year).then(pl.lit("the year ") + value.dt.year().cast(pl.Utf8)),
        pl.when(no_month).then(pl.lit("the month ") + value.dt.strftime("%B")),
        pl.when(no_day).then(pl.lit("the day ") + value.dt.day().cast(pl.Utf8)),
    ).list.drop_nulls()
    return pl.when(iso.fill_null(False)).then(pl.lit([], dtype=pl.List(pl.Utf8))).otherwise(parts)


def _named_days(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per relative day word in WORDS: the word (as written) and the day it names (\\x00day),
    relative to REF. Rows without such a word are left out."""
    words = frame.with_columns(pl.col(WORDS).str.extract_all("(?i)" + _DAY_WORD_PATTERN).alias("\x00word")).explode("\x00word")
    lower = pl.col("\x00word").str.to_lowercase()
    weekday = lower.replace_strict(_WEEKDAYS, default=None, return_dtype=pl.Int32)
    back = (pl.col(REF).dt.weekday().cast(pl.Int32) - weekday + 7) % 7
    offset = pl.when(weekday.is_not_null()).then(-back).otherwise(lower.replace_strict(_SHIFTS, default=None, return_dtype=pl.Int32))
    return words.filter(pl.col("\x00word").is_not_null()).with_columns((pl.col(REF) + pl.duration(days=offset)).alias("\x00day"))


def unread_parts(words: str, value: date, precision: str, english: bool) -> list[str]:
    """The parts of one stated date its words do not give ([] when they give the whole date)."""
    frame = pl.DataFrame({VALUE: [value], PRECISION: [precision], WORDS: [words], EN: [english]})
    return frame.select(_missing_parts().alias("m"))["m"][0].to_list()


def named_days(words: str, reference: date) -> dict[date, str]:
    """The days the words name relative to the reference date, each with the first word naming it."""
    rows = _named_days(pl.DataFrame({WORDS: [words], REF: [reference]}))
    days: dict[date, str] = {}
    for word, day in rows.select("\x00word", "\x00day").iter_rows():
        days.setdefault(day, word)
    return days


def _dated(ctx: Context) -> list[tuple[str, pl.DataFrame]]:
    """Per dated resource: its file and one row per non-empty date of a stated or resolved fact that
    has anchors: LINE, ID, FIELD, VALUE, PRECISION, the basis, WORDS (its anchors' quotes), EN, REF."""
    anchors = ctx.need("anchors", ["fact_id", "quote"], "date reading")
    sources = ctx.need("sources", ["source_id", "language", "reference_date"], "date reading")
    if anchors is None or sources is None:
        return []
    quotes = anchors.raw.select("fact_id", "quote").drop_nulls()
    src = sources.frame(reference_date="date").select(
        "source_id", pl.col("language").fill_null("").str.to_lowercase().eq(ENGLISH).alias(EN), pl.col("reference_date").alias(REF))
    out = []
    for name, pk, basis, precision, fields in DATED:
        table = ctx.need(name, [pk, "source_id", basis, precision, *fields], "date reading")
        if table is None:
            continue
        rows = table.frame(**dict.fromkeys(fields, "date")).filter(pl.col(basis).is_in([STATED, RESOLVED]))
        # Only the anchors of these facts are read (most facts are neither stated nor resolved).
        words = (quotes.join(rows.select(pl.col(pk).alias("fact_id")).unique(), on="fact_id", how="semi")
                 .group_by("fact_id").agg(pl.col("quote").str.join("\n").alias(WORDS)))
        rows = (rows.join(words, left_on=pk, right_on="fact_id", how="inner").join(src, on="source_id", how="left")
                .with_columns(pl.col(EN).fill_null(False)))
        long = pl.concat([rows.select(LINE, pl.col(pk).alias(ID), pl.lit(f).alias(FIELD), pl.col(f).alias(VALUE), pl.col(precision).alias(PRECISION),
                                      pl.col(basis).alias("\x00basis"), WORDS, EN, REF) for f in fields])
        out.append((table.file, long.filter(pl.col(VALUE).is_not_null())))
    return out


def check(ctx: Context) -> None:
    for file, rows in _dated(ctx):
        _check_stated(ctx, file, rows.filter(pl.col("\x00basis") == STATED))
        # At day precision date_end is date_start (the events check says so): read the first date only.
        _check_resolved(ctx, file, rows.filter((pl.col("\x00basis") == RESOLVED) & (pl.col(PRECISION) == DAY) & pl.col(EN)
                                               & pl.col(REF).is_not_null()).unique(LINE, keep="first", maintain_order=True))


def _check_stated(ctx: Context, file: str, rows: pl.DataFrame) -> None:
    missing = rows.with_columns(_missing_parts().alias("\x00missing")).group_by(LINE, maintain_order=True).agg(
        pl.col(ID).first(), pl.col(FIELD).first(), pl.col(PRECISION).first(), pl.col(VALUE).cast(pl.Utf8).unique(maintain_order=True),
        pl.col("\x00missing").list.explode(keep_nulls=False, empty_as_null=False).unique(maintain_order=True))
    for line, fact_id, field, precision, values, parts in missing.filter(pl.col("\x00missing").list.len() > 0).sort(LINE).iter_rows():
        ctx.add("stated-date-not-in-anchor", file,
                f"{fact_id} is dated {' .. '.join(values)}, stated at {precision} precision, but its anchors do not give {' or '.join(parts)}",
                "a stated date is the one the anchored words give: fix the date, anchor the words that state it, or use date basis 'inferred' and say why in the note",
                line=line, field=field)


def _check_resolved(ctx: Context, file: str, rows: pl.DataFrame) -> None:
    named = _named_days(rows).group_by(LINE).agg(
        (pl.col("\x00day") == pl.col(VALUE)).any().alias("\x00hit"), pl.col("\x00word"), pl.col("\x00day"))
    judged = rows.join(named, on=LINE, how="left")
    for line, fact_id, field, value, ref in judged.filter(pl.col("\x00hit").is_null()).sort(LINE).select(LINE, ID, FIELD, VALUE, REF).iter_rows():
        ctx.add("resolved-date-not-in-anchor", file,
                f"{field} {value} of {fact_id} is resolved from the reference date {ref}, but its anchors name no day ('on Saturday', 'yesterday')",
                "anchor the words that name the day, or use date basis 'stated' or 'inferred'", line=line, field=field)
    wrong = judged.filter(~pl.col("\x00hit").fill_null(True)).sort(LINE).select(LINE, ID, FIELD, VALUE, REF, "\x00word", "\x00day")
    for line, fact_id, field, value, ref, words, days in wrong.iter_rows():
        named_text = ", ".join(dict.fromkeys(f"{w!r} is {d} ({calendar.day_name[d.weekday()]})" for w, d in zip(words, days)))
        ctx.add("resolved-date-mismatch", file,
                f"{field} {value} ({calendar.day_name[value.weekday()]}) of {fact_id} is not the day its anchors name: "
                f"relative to the reference date {ref} ({calendar.day_name[ref.weekday()]}), {named_text}",
                "a weekday names the last such day on or before the source's reference_date: set the date to the day named, or fix the reference date",
                line=line, field=field)
