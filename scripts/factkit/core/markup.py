"""The one Jinja environment of factkit, and its one set of filters: the site's pages (site/) and
the figures (figures/) are both rendered here, from scripts/factkit/templates/.

Autoescaping is on and never switched off: every CSV cell is untrusted, and it reaches HTML or
SVG only through these templates. An undefined variable fails the render instead of printing
nothing. The result of `render` is markupsafe.Markup, because autoescaping already made it safe.

Filters, each under one name:
    humanize   an enum code or column name as words: "partial_quote" -> "partial quote"
    number     a number as the text writes it (core/types.py): 60.0 -> "60", 2.5 -> "2.5"
    coord      an SVG coordinate with one decimal and no trailing ".0": 12.25 -> "12.2", 3.0 -> "3"
    whole      an SVG coordinate rounded to a whole unit (the big figures: one unit is at most one
               screen pixel there, and the decimals were a tenth of the home page's network)
    day        a date as "Sun 8 Dec 2024"
    filesize   a number of bytes as "812 bytes", "2.4 KB"
    web_url    the value if it is an http(s) URL, else None (a `javascript:` URL never becomes a link)
    tone       an enum value's position among the values a schema allows, as the suffix of a style
               class (`fk-mode--0`): the stylesheets style positions, never name a value
Global: date_span(start, end, precision), a date shown no finer than its precision.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import paths
from .types import REGISTRY

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
CACHE = paths.ROOT / ".cache" / "jinja"  # .cache/ is git-ignored


def humanize(value) -> str:
    return "" if value is None else str(value).replace("_", " ")


def display(value, type_name: str) -> str:
    """A cell's value as the site writes a value of that Table Schema type (core/types.py)."""
    return REGISTRY[type_name].display(value)


def coord(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def whole(value: float) -> str:
    return str(round(value))


def day(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


# How a date is written at each precision: its HTML `datetime` value (a form that carries the
# precision by itself), its words, and what joins the two ends of a span.
_AT_PRECISION = {
    "year": (lambda d: f"{d.year:04d}", lambda d: str(d.year), "–"),
    "month": (lambda d: f"{d:%Y-%m}", lambda d: f"{d:%b %Y}", " – "),
    "day": (lambda d: d.isoformat(), day, " – "),
}
_ANY_PRECISION = (lambda d: d.isoformat(), lambda d: d.isoformat(), " – ")


def date_ends(start: dt.date | None, end: dt.date | None, precision: str | None) -> list[tuple[str, str]]:
    """A date's ends as (datetime value, words), no finer than its precision: one end when start
    and end fall in the same year, month or day at that precision, else two. An interval is not a
    valid HTML `datetime`, so a span is two <time> elements: [("2015", "2015"), ("2016", "2016")]."""
    if start is None:
        return []
    value, words, _ = _AT_PRECISION.get(precision, _ANY_PRECISION)
    ends = [start] if end is None or value(start) == value(end) else [start, end]
    return [(value(d), words(d)) for d in ends]


def date_joiner(precision: str | None) -> str:
    return _AT_PRECISION.get(precision, _ANY_PRECISION)[2]


def date_span(start: dt.date | None, end: dt.date | None, precision: str | None) -> str:
    """A date shown no finer than its precision: "Sat 7 Dec 2024", "Dec 2024", "2015", "2015–2016"."""
    return date_joiner(precision).join(words for _, words in date_ends(start, end, precision))


def filesize(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def web_url(value) -> str | None:
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) and not any(c in text for c in "\"'<> ") else None


def tone(value, values) -> str:
    """"0", "1"... for the value's position in `values`; "" for a value not among them (drawn plainly)."""
    try:
        return str(list(values).index(value))
    except ValueError:
        return ""


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiling the figure templates alone took a third of the figures' cost in a fresh `make site`;
    Jinja's bytecode cache keeps every template compiled between builds (checked against each
    template's source, so an edited one is compiled afresh). No cache when the folder is not writable."""
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(str(CACHE))
    except OSError:
        return None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,  # never switch off: see the module docstring
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(humanize=humanize, display=display, coord=coord, whole=whole, day=day,
                       filesize=filesize, web_url=web_url, tone=tone)
    env.globals.update(date_span=date_span)
    return env


def render(template: str, **context) -> Markup:
    return Markup(environment().get_template(template).render(**context))
