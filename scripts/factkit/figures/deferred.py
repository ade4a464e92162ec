"""Keep figures out of the search index's way: a page holds a placeholder comment while MkDocs
indexes it, and the figure goes in only when the page's HTML is final (`on_post_page`).

Material's search plugin parses every page body with Python's HTMLParser. Inline SVG is many
small elements, and parsing the figures cost the build more than drawing them (measured: about
3/4 of the time the figures added). Their text is not worth indexing either: every figure's data
is also in the tables on the same pages.

Safety: the placeholder is an HTML comment with a per-build random nonce. Data cannot produce it:
every CSV cell reaches the page escaped, so a cell can never open a real comment; and only
placeholders that this build issued are replaced, each once.
"""
from __future__ import annotations

import re
import secrets

from markupsafe import Markup

_state: dict = {"nonce": None, "held": {}, "count": 0}


def enable() -> None:
    """Called by the figures' MkDocs hook at the start of a build."""
    _state.update(nonce=secrets.token_hex(8), held={}, count=0)


def disable() -> None:
    _state.update(nonce=None, held={}, count=0)


def hold(markup: Markup) -> Markup:
    """A placeholder for `markup` when the hook is active; the markup itself otherwise."""
    if not _state["nonce"] or not markup:
        return markup
    _state["count"] += 1
    key = str(_state["count"])
    _state["held"][key] = markup
    return Markup(f"<!--fkfig-deferred-{_state['nonce']}-{key}-->")


def restore(html: str) -> str:
    """Put every held figure in place of its placeholder in a page's final HTML."""
    nonce = _state["nonce"]
    if not nonce or "<!--fkfig-deferred-" not in html:
        return html
    pattern = re.compile(rf"<!--fkfig-deferred-{nonce}-(\d+)-->")
    return pattern.sub(lambda m: str(_state["held"].pop(m.group(1), "")), html)
