"""The readers the text checks rest on: quotation spans from the text's own marks
(core/quotes.py), and the date words of anchors (checks/dates.py)."""
from __future__ import annotations

from datetime import date

import pytest

from factkit.checks.dates import named_days, unread_parts
from factkit.core import paths
from factkit.core.quotes import quote_spans

ARTICLE = (paths.PACKAGE / "sources" / "000_2c5b78418aa1912f.txt").read_bytes().decode("utf-8")


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


def test_the_article_s_quotations_are_exactly_these():
    assert quote_spans(ARTICLE) == [(640, 659), (750, 817), (842, 945), (977, 1146), (1595, 1644), (2390, 2445)]
    assert quoted(ARTICLE) == [
        "the future is ours.",
        "are in contact with representatives of the armed Syrian opposition.",
        "have guaranteed the security of Russian military bases and diplomatic institutions on Syrian territory,",
        "we hope for the continuation of political dialogue in the name of the interests of the Syrian people and the development of bilateral relations between Russia and Syria.",
        "Russia did not participate in these negotiations,",  # opened by a closing mark ” after a space
        "there is currently no serious threat to their security.",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("He said “yes” and “no”.", ["yes", "no"]),
    # nested: the outermost quotation is the span; the inner one's words are inside it
    ("“She said “go” to me,” he said.", ["She said “go” to me,"]),
    # a closing mark opens a quotation at the start of the text, of a line, or after a space or bracket
    ("”Go,” he said.", ["Go,"]),
    ("One.\n”Two,” she said.", ["Two,"]),
    ("(”Three”)", ["Three"]),
    # any other unpaired closing mark quotes nothing
    ("word” and more", []),
    ("a ” b", []),
    # unbalanced: an unclosed quotation ends with its paragraph (or the text)
    ("“Open to the end\nNext “line", ["Open to the end", "line"]),
    ("“one “two” three\nfour", ["one “two” three"]),
    # straight quotes pair only with straight quotes, and open only where a quotation may start
    ('He said "yes" twice.', ["yes"]),
    ('He is 5\'10" tall, says "Al".', ["Al"]),
    ('<a onclick="x">', []),
    ('“He said "no" today”', ['He said "no" today']),
    ("", []),
    ("“”", []),
])
def test_quotation_spans_of_small_texts(text, expected):
    assert quoted(text) == expected
    for start, end in quote_spans(text):
        assert 0 < start < end <= len(text)


@pytest.mark.parametrize(("words", "value", "precision", "missing"), [
    ("Russia signed a 50-year lease on the facility in 2017", date(2017, 1, 1), "year", []),
    ("Russia signed a 50-year lease on the facility in 2017", date(2018, 1, 1), "year", ["the year 2018"]),
    ("built in 20171", date(2017, 1, 1), "year", ["the year 2017"]),
    ("in December 2024", date(2024, 12, 1), "month", []),
    ("in Dec. 2024", date(2024, 12, 31), "month", []),
    ("in 2024", date(2024, 12, 1), "month", ["the month December"]),
    ("on 8 December 2024", date(2024, 12, 8), "day", []),
    ("on December 8th, 2024", date(2024, 12, 8), "day", []),
    ("on December 18, 2024", date(2024, 12, 8), "day", ["the day 8"]),
    ("dated 2024-12-08", date(2024, 12, 8), "day", []),
])
def test_stated_date_parts_read_from_the_words(words, value, precision, missing):
    assert unread_parts(words, value, precision, english=True) == missing


def test_month_and_day_are_read_only_in_english():
    assert unread_parts("im Jahr 2024", date(2024, 12, 8), "day", english=False) == []
    assert unread_parts("im Jahr 2023", date(2024, 12, 8), "day", english=False) == ["the year 2024"]


def test_days_named_relative_to_the_reference_date():
    sunday = date(2024, 12, 8)
    assert sunday.weekday() == 6
    assert named_days("stormed Damascus on Saturday", sunday) == {date(2024, 12, 7): "Saturday"}
    assert named_days("on Sunday", sunday) == {sunday: "Sunday"}  # the reference date itself
    assert named_days("on Monday", sunday) == {date(2024, 12, 2): "Monday"}  # the last Monday on or before it
    assert named_days("yesterday and today; tomorrow", sunday) == {date(2024, 12, 7): "yesterday", sunday: "today", date(2024, 12, 9): "tomorrow"}
    assert named_days("Sunday's vote", sunday) == {sunday: "Sunday"}
    assert named_days("on Sundays", sunday) == {}
    assert named_days("no day here", sunday) == {}
