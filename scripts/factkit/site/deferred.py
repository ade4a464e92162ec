"""Keep figures out of the search index's way: while MkDocs indexes a page it holds a placeholder
comment, and the figure goes in only when the page's HTML is final (the hook's `on_post_page`).

Material's search plugin parses every page body with Python's HTMLParser. Inline SVG is many
small elements, and parsing the figures cost the build more than drawing them (measured: about
3/4 of the time the figures added). Their text is not worth indexing either: every figure's data
is also in the tables on the same pages.

Safety: the placeholder is an HTML comment with a per-build random nonce. Data cannot produce it:
every CSV cell reaches the page escaped, so a cell can never open a real comment; and only
placeholders that this build issued are replaced, each once.
"""
from __future__ import annotations

import itertools
import re
import secrets

from markupsafe import Markup

PREFIX = "<!--fkfig-deferred-"


class Deferred:
    """The figures one build has held back, by placeholder."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self._held: dict[str, Markup] = {}
        self._keys = itertools.count(1)
        self._pattern = re.compile(rf"{PREFIX}{self.nonce}-(\d+)-->")

    def hold(self, markup: Markup) -> Markup:
        """A placeholder for `markup` (nothing for an empty one)."""
        if not markup:
            return markup
        key = str(next(self._keys))
        self._held[key] = markup
        return Markup(f"{PREFIX}{self.nonce}-{key}-->")

    def restore(self, html: str) -> str:
        """Put every held figure in place of its placeholder in a page's final HTML."""
        if PREFIX not in html:
            return html
        return self._pattern.sub(lambda m: str(self._held.pop(m.group(1), "")), html)
