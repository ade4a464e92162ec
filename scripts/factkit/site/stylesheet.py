"""The site's own stylesheet as served: docs/assets/stylesheets/factkit.css, followed by the rules
of Material's palette stylesheet that the site's palette uses (mkdocs.yml `theme.palette`: its
schemes, primary and accent colours), written compactly.

Why (issue 11): every stylesheet in a page's head delays its first paint, and Material links its
palette stylesheet (12 KB, the rules of every colour it offers) beside its main one. The site uses
one primary colour and the light and dark schemes: their rules, about 4 KB, travel in our
stylesheet instead, and the page template (docs/overrides/main.html) leaves Material's palette
link out. The palette's rules are read from the installed theme at every build, never copied into
the repository, so a new Material brings its own.
"""
from __future__ import annotations

import re
from pathlib import Path

import material

SOURCE = "assets/stylesheets/factkit.css"  # under docs/, and where it is served
MATERIAL_STYLESHEETS = Path(material.__file__).resolve().parent / "templates" / "assets" / "stylesheets"
_ATTRIBUTE = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def palette_file() -> Path:
    """Material's palette stylesheet (its name carries a hash that changes with each release)."""
    found = sorted(MATERIAL_STYLESHEETS.glob("palette.*.min.css"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one palette.*.min.css in {MATERIAL_STYLESHEETS}, found {[p.name for p in found]}")
    return found[0]


def used_colours(palette: list[dict] | dict | None) -> dict[str, set[str]]:
    """The schemes, primary and accent colours a `theme.palette` setting names."""
    used: dict[str, set[str]] = {"scheme": {"default"}, "primary": set(), "accent": set()}
    for entry in palette if isinstance(palette, list) else [palette or {}]:
        for key in used:
            if entry.get(key):
                used[key].add(str(entry[key]).replace(" ", "-"))
    return used


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a stylesheet without comments."""
    out, depth, start, open_at = [], 0, 0, 0
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                out.append((css[start:open_at].strip(), css[open_at + 1:i]))
                start = i + 1
    return out


def palette_rules(css: str, used: dict[str, set[str]]) -> str:
    """The rules of a palette stylesheet whose selectors name only colours in `used` (or none: the
    rule that stills transitions while the scheme switches); a rule's other selectors are dropped,
    @media blocks kept around what they hold."""
    out = []
    for prelude, body in _blocks(_COMMENT.sub("", css)):
        if prelude.startswith("@"):
            inner = palette_rules(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        kept = [s for s in prelude.split(",") if all(v in used[k] for k, v in _ATTRIBUTE.findall(s))]
        if kept:
            out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def compact(css: str) -> str:
    """Comments out, every run of whitespace one space, none around braces and semicolons."""
    css = re.sub(r"\s+", " ", _COMMENT.sub("", css))
    return re.sub(r"\s*([{};])\s*", r"\1", css).strip()


def served(docs_dir: Path, palette: list[dict] | dict | None) -> str:
    """The palette's rules first, where Material's palette stylesheet stood: ours come after them."""
    ours = (docs_dir / SOURCE).read_text(encoding="utf-8")
    return palette_rules(palette_file().read_text(encoding="utf-8"), used_colours(palette)) + compact(ours) + "\n"
