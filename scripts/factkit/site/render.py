"""The one Jinja environment for generated pages: autoescape ON, undefined variables fail loudly.

Every CSV cell is untrusted. It reaches HTML only through these templates, and the HTML they
produce replaces the page body after Markdown has run (see mkdocs_hook.py), so Markdown link and
attribute-list syntax in data (`[x](javascript:...)`, `{: onclick=...}`) stays plain text.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from urllib.parse import urlencode

import jinja2

from ..core import paths

TEMPLATES = paths.ROOT / "scripts" / "factkit" / "templates"


def humanize(value) -> str:
    """An enum value or column name as words ("partial_quote" -> "partial quote")."""
    return "" if value is None else str(value).replace("_", " ")


def day(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def date_span(start: dt.date | None, end: dt.date | None, precision: str | None) -> str:
    """A date shown no finer than its precision: "Sat 7 Dec 2024", "Dec 2024", "2015", "2015–2016"."""
    if start is None:
        return ""
    end = end or start
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "month":
        first, last = f"{start:%b %Y}", f"{end:%b %Y}"
        return first if first == last else f"{first} – {last}"
    if precision == "day":
        return day(start) if start == end else f"{day(start)} – {day(end)}"
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def num(value) -> str:
    """A number as the text would write it: 60.0 -> "60", 2.5 -> "2.5"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def web_url(value) -> str | None:
    """The value if it is an http(s) URL, else None: a URL from the package is data, and a
    `javascript:` one must never become a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) and not any(c in text for c in "\"'<> ") else None


def filesize(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def report_url(repo_url: str, fact_id: str, version: str) -> str:
    """A new-issue link on the project's repository with the fact id and version filled in.

    Only the title is prefilled: it already names the fact and the version, and a body repeating
    them cost 70 bytes on each of the dozens of rows of an article page (issue 5: 100 KB a page)."""
    query = urlencode({"title": f"{fact_id} (v{version})"})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # never switch off: see the module docstring
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(humanize=humanize, day=day, filesize=filesize, num=num, web_url=web_url)
    env.globals.update(date_span=date_span)
    return env


def render(template: str, context: dict) -> str:
    return environment().get_template(template).render(**context)
