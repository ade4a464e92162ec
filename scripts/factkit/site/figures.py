"""The place where figures (issue 6: network, attribution chains, timeline chart, coverage strip)
plug into the generated pages.

Templates call `h.figure(name, **details)` at fixed spots:

    page            name            details
    home            "network"       -
    home            "coverage"      source_id (only when the package has exactly one source)
    timeline        "timeline"      events (the rows on this page)
    claims          "chains"        claims (the claims on this page)
    entity          "neighbourhood" entity_id
    article         "coverage"      source_id

The figures package provides them by defining `factkit.figures.site.render_figure(name, h,
**details)`, returning markupsafe.Markup (SVG built by its own autoescaping templates) or None for
"no figure here". Until that module exists every slot is empty. `h` is the page's Helpers: it
gives relative links (h.entity, h.fact, h.sentence) and the indexed data (h.data).
"""
from __future__ import annotations

import importlib
from pathlib import Path

from markupsafe import Markup

_provider = None
_looked = False


def _find_provider():
    global _provider, _looked
    if not _looked:
        _looked = True
        # Look for the file first: the figures package may be half-built; only once it offers a
        # site module do its import errors matter (and then they fail the build loudly).
        if (Path(__file__).resolve().parents[1] / "figures" / "site.py").is_file():
            module = importlib.import_module("factkit.figures.site")
            _provider = getattr(module, "render_figure", None)
    return _provider


def figure(h, name: str, **details) -> Markup:
    provider = _find_provider()
    if provider is None:
        return Markup("")
    result = provider(name, h, **details)
    if result is None:
        return Markup("")
    if not isinstance(result, Markup):
        raise TypeError(f"figure {name!r} must be markupsafe.Markup from an autoescaping template, got {type(result).__name__}")
    # The comments let size checks tell the site's own HTML from the figures' SVG.
    return Markup(f'<!--fk-figure--><div class="fk-figure fk-figure--{name}">') + result + Markup("</div><!--/fk-figure-->")
