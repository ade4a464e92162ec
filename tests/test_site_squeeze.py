"""site/squeeze.py, line by line, against its rule written as one regular expression: every run of
spaces, tabs and CRs holding a newline becomes one newline, except inside <pre>, <textarea>,
<script> and <style>."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factkit.site.squeeze import squeeze
from fixtures.examples import FUNCTION_EXAMPLES

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def by_the_rule(html: str) -> str:
    parts = _KEEP.split(html)
    return "".join(_RUN.sub("\n", p) if k % 3 == 0 else p for k, p in enumerate(parts) if k % 3 != 2)


pieces = st.sampled_from([" ", "\t", "\r", "\n", "a", "<b>", "<pre>", "</pre>", "<script>", "</SCRIPT >", "\f", "\u00a0", "x y"])


@settings(max_examples=FUNCTION_EXAMPLES)  # 3,000 in make test, 400 in make test-fast
@given(st.lists(pieces, max_size=30).map("".join))
def test_squeeze_follows_its_rule(html):
    assert squeeze(html) == by_the_rule(html)


def test_squeeze_keeps_preformatted_text():
    assert squeeze("<div>\n    <p>a</p>  \n\n  <pre>  x\n\n  y</pre>\n  </div>") == "<div>\n<p>a</p>\n<pre>  x\n\n  y</pre>\n</div>"
