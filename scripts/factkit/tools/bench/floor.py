"""The site build's floor (issue 13): bare Material building as many pages as our site has, each
the size of ours, with the same nav and plugins (search, offline) and none of our content
generation. Our build should never be slower.

Each page's body is filler HTML of the size of our page's body (the HTML inside its article
element), put in after Markdown as ours is (floor_hook.py), so the theme, the search plugin and
the writing see the same bytes. The filler is tables of linked rows under headings, like our
pages. The project is written before the floor's timed process runs `mkdocs build` on it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ...core import paths

HOOK = Path(__file__).with_name("floor_hook.py")
SIZES = "floor-sizes.json"
_ARTICLE = re.compile(rb'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def page_bodies(site: Path) -> dict[str, int]:
    """docs path (x/y.md) -> bytes of the body of each page of a built site."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        body = _ARTICLE.search(page.read_bytes())
        if body and page.name != "404.html":
            out[page.relative_to(site).with_suffix(".md").as_posix()] = len(body.group(1))
    return out


def write_project(bodies: dict[str, int], root: Path, config_file: Path = paths.ROOT / "mkdocs.yml") -> Path:
    """A MkDocs project in root: our mkdocs.yml's theme, nav, plugins and Markdown settings, with
    bare Material (no theme overrides, stylesheets or scripts of ours) and the floor's hook instead
    of ours; one page per entry of `bodies`. Returns its mkdocs.yml."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    docs = root / "docs"
    for src, _size in bodies.items():
        page = docs / src
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {Path(src).stem}\n", encoding="utf-8")
    (root / SIZES).write_text(json.dumps(bodies), encoding="utf-8")
    config["theme"].pop("custom_dir", None)
    for key in ("extra_css", "extra_javascript", "watch", "exclude_docs", "validation", "strict"):
        config.pop(key, None)
    config["extra"] = {"floor_sizes": str(root / SIZES)}
    config["docs_dir"] = str(docs)
    config["hooks"] = [str(HOOK)]
    out = root / "mkdocs.yml"
    out.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return out
