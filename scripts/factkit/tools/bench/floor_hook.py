"""The floor site's MkDocs hook (floor.py): after Markdown, each page's body becomes filler HTML of
the size recorded for it. Standard library only, so the floor measures Material, not us."""
from __future__ import annotations

import json

_sizes: dict[str, int] = {}


def filler(size: int, title: str) -> str:
    """`size` bytes: the page's heading (as our pages have theirs: Material adds none), then tables
    of linked rows under headings."""
    parts = [f"<h1>{title}</h1>\n"]
    used, section = len(parts[0]), 0
    while used < size:
        section += 1
        block = [f'<h2 id="s{section}">Section {section}</h2>\n<table>\n']
        for row in range(20):
            block.append(f'<tr><td><a href="#s{section}">row {row}</a></td><td>words of the row, a few of them, '
                         f"as a table cell holds</td><td>{section * 100 + row}</td></tr>\n")
        block.append("</table>\n")
        text = "".join(block)
        parts.append(text)
        used += len(text)
    return "".join(parts)[:size]


def on_config(config):
    with open(config.extra["floor_sizes"], encoding="utf-8") as handle:
        _sizes.update(json.load(handle))
    return config


def on_page_content(html, page, config, files):
    return filler(_sizes.get(page.file.src_uri, 0), page.title)
