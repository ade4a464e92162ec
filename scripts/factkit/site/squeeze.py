"""Drop the indentation the theme's templates leave in every page (issue 5: no page over 100 KB).

Material's templates indent their markup deeply; on a page that is mostly navigation and header
that whitespace was a fifth of the bytes. A newline followed by more whitespace renders exactly
like a single newline everywhere except in preformatted text, so runs of whitespace that contain
a newline become one newline, outside <pre>, <textarea>, <script> and <style>, which are kept
byte for byte. No element of ours sets `white-space: pre` outside <pre>.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def squeeze(html: str) -> str:
    parts = _KEEP.split(html)  # [text, kept, tag name, text, kept, tag name, ..., text]
    out = []
    for k in range(0, len(parts), 3):
        out.append(_RUN.sub("\n", parts[k]))
        if k + 1 < len(parts):
            out.append(parts[k + 1])
    return "".join(out)
