"""Validation errors: every code of the validator's error catalogue (checks/catalogue.py) with what
it means and how to fix it, each under an anchor named by the code, so that a report line can link
to it (errors.html#hash-mismatch). Retired codes stay listed, marked, so old reports resolve."""
from __future__ import annotations

from ..checks import catalogue
from . import urls
from .spec import PageSpec


def spans(text: str) -> list[tuple[str, bool]]:
    """Catalogue prose as (text, is_code) pieces: `backticks` mark a command or a file."""
    return [(part, i % 2 == 1) for i, part in enumerate(text.split("`")) if part]


def pages(plan) -> list[PageSpec]:
    return [PageSpec(
        urls.ERRORS, "Validation errors", "errors.html",
        lambda: {"groups": catalogue.by_group(), "spans": spans, "retired_mark": catalogue.RETIRED_MARK.strip()},
        in_nav=True, searchable=True,
    )]
