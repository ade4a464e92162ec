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
English; the year is read in every source.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from .context import LINE, Context

STATED, RESOLVED = "stated", "resolved"
ENGLISH = "en"

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\d+")
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}  # monday = 0
_SHIFTS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_DAY_WORD_RE = re.compile(r"\b(" + "|".join([*_WEEKDAYS, *_SHIFTS]) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    """The dates of one fact row (date_start and date_end, or said_date), with the words of all its anchors."""
    file: str
    line: int
    fact_id: str
    dates: tuple[tuple[str, date], ...]    # (field, value), the row's non-empty date fields in schema order
    precision: str
    words: str          # the anchors' quotes, one per line
    english: bool
    reference: date | None


def unread_parts(words: str, value: date, precision: str, english: bool) -> list[str]:
    """The parts of a stated date its words do not give ([] when they give the whole date)."""
    if value.isoformat() in words:
        return []
    numbers = _NUMBER_RE.findall(words)
    missing = [] if str(value.year) in numbers else [f"the year {value.year}"]
    months = {_MONTHS[m.lower()] for m in _MONTH_RE.findall(words)}
    if precision in ("month", "day") and english and value.month not in months:
        missing.append(f"the month {calendar.month_name[value.month]}")
    if precision == "day" and english and value.day not in {int(n) for n in numbers if len(n) <= 2}:
        missing.append(f"the day {value.day}")
    return missing


def named_days(words: str, reference: date) -> dict[date, str]:
    """The days the words name relative to the reference date, each with the word that names it."""
    days: dict[date, str] = {}
    for match in _DAY_WORD_RE.finditer(words):
        word = match.group(1).lower()
        if word in _WEEKDAYS:
            day = reference - timedelta(days=(reference.weekday() - _WEEKDAYS[word]) % 7)
        else:
            day = reference + timedelta(days=_SHIFTS[word])
        days.setdefault(day, match.group(0))
    return days


def _dated(ctx: Context, basis: str) -> list[Dated]:
    anchors = ctx.need("anchors", ["fact_id", "quote"], "date reading")
    sources = ctx.need("sources", ["source_id", "language", "reference_date"], "date reading")
    if anchors is None or sources is None:
        return []
    words = (anchors.raw.filter(pl.col("fact_id").is_not_null() & pl.col("quote").is_not_null())
             .group_by("fact_id").agg(pl.col("quote").str.join("\n").alias("\x00words")))
    src = sources.frame(reference_date="date").select(
        "source_id", pl.col("language").fill_null("").str.to_lowercase().eq(ENGLISH).alias("\x00en"),
        pl.col("reference_date").alias("\x00ref"))
    specs = [("events", "event_id", "date_basis", "date_precision", ["date_start", "date_end"]),
             ("claims", "claim_id", "said_date_basis", "said_date_precision", ["said_date"])]
    found: list[Dated] = []
    for name, pk, basis_field, precision_field, date_fields in specs:
        table = ctx.need(name, [pk, "source_id", basis_field, precision_field, *date_fields], "date reading")
        if table is None:
            continue
        rows = (table.frame(**dict.fromkeys(date_fields, "date")).filter(pl.col(basis_field) == basis)
                .join(words, left_on=pk, right_on="fact_id", how="inner").join(src, on="source_id", how="left"))
        for row in rows.select(pk, precision_field, "\x00words", "\x00en", "\x00ref", LINE, *date_fields).iter_rows(named=True):
            dates = tuple((f, row[f]) for f in date_fields if row[f] is not None)
            if dates:
                found.append(Dated(table.file, row[LINE], row[pk], dates, row[precision_field], row["\x00words"], bool(row["\x00en"]), row["\x00ref"]))
    return found


def check_stated(ctx: Context) -> None:
    for d in _dated(ctx, STATED):
        missing = [part for _, value in d.dates for part in unread_parts(d.words, value, d.precision, d.english)]
        if missing:
            field, value = d.dates[0]
            shown = " .. ".join(dict.fromkeys(str(v) for _, v in d.dates))
            ctx.add("stated-date-not-in-anchor", d.file,
                    f"{d.fact_id} is dated {shown}, stated at {d.precision} precision, but its anchors do not give {' or '.join(dict.fromkeys(missing))}",
                    "a stated date is the one the anchored words give: fix the date, anchor the words that state it, or use date basis 'inferred' and say why in the note",
                    line=d.line, field=field)


def check_resolved(ctx: Context) -> None:
    for d in _dated(ctx, RESOLVED):
        if d.precision != "day" or d.reference is None or not d.english:
            continue
        field, value = d.dates[0]  # at day precision date_end is date_start (the events check says so)
        days = named_days(d.words, d.reference)
        if not days:
            ctx.add("resolved-date-not-in-anchor", d.file,
                    f"{field} {value} of {d.fact_id} is resolved from the reference date {d.reference}, but its anchors name no day ('on Saturday', 'yesterday')",
                    "anchor the words that name the day, or use date basis 'stated' or 'inferred'", line=d.line, field=field)
        elif value not in days:
            named = ", ".join(f"{word!r} is {day} ({calendar.day_name[day.weekday()]})" for day, word in sorted(days.items()))
            ctx.add("resolved-date-mismatch", d.file,
                    f"{field} {value} ({calendar.day_name[value.weekday()]}) of {d.fact_id} is not the day its anchors name: "
                    f"relative to the reference date {d.reference} ({calendar.day_name[d.reference.weekday()]}), {named}",
                    "a weekday names the last such day on or before the source's reference_date: set the date to the day named, or fix the reference date",
                    line=d.line, field=field)
