"""Shared helpers for the figure tests: build a site once, pull the figures out of its HTML,
and read the package's CSVs with the csv module (independently of factkit's loader)."""
from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG_NS = "{http://www.w3.org/2000/svg}"
FIGURE_RE = re.compile(r'<figure class="fk-figure[^"]*"[^>]*>.*?</figure>', re.S)
ID_RE = re.compile(r'\bid="([^"]+)"')

# Pages that carry figures in the real package's site, and which figures they carry.
FIGURE_PAGES = {
    "index.html": {"network", "coverage"},
    "timeline.html": {"timeline"},
    "claims.html": {"chains"},
    "entities/abu-mohammed-al-jolani.html": {"network"},
    "articles/src-2c5b7841.html": {"coverage"},
}


def csv_rows(package_dir: Path, resource: str) -> list[dict]:
    with (package_dir / "data" / f"{resource}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def figures(html: str) -> list[ET.Element]:
    """Every figure on a page, parsed as XML: this also proves the markup is well formed."""
    return [ET.fromstring(block) for block in FIGURE_RE.findall(html)]


def figures_of(site: Path, page: str, kind: str) -> list[ET.Element]:
    html = (site / page).read_text(encoding="utf-8")
    return [f for f in figures(html) if f.get("data-figure") == kind]


def tag(element: ET.Element) -> str:
    return element.tag.replace(SVG_NS, "")


def svg_of(figure: ET.Element) -> ET.Element:
    found = figure.find(f".//{SVG_NS}svg")
    assert found is not None, "figure without an <svg>"
    return found


def hrefs(element: ET.Element) -> list[str]:
    out = []
    for el in element.iter():
        for name, value in el.attrib.items():
            if name in ("href", "{http://www.w3.org/1999/xlink}href"):
                out.append(value)
    return out


def resolve(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative href on `page` points to."""
    path, _, fragment = href.partition("#")
    target = (site / page).parent / path if path else site / page
    return target.resolve(), fragment


def page_ids(path: Path, cache: dict) -> set[str]:
    if path not in cache:
        cache[path] = set(ID_RE.findall(path.read_text(encoding="utf-8")))
    return cache[path]


def unsafe_bits(svg: ET.Element) -> list[str]:
    """Anything in an SVG that could run code: script or foreignObject elements, on* attributes,
    hrefs with a scheme (javascript:, data:, http:) or any colon at all."""
    problems = []
    for el in svg.iter():
        name = tag(el).lower()
        if name in ("script", "foreignobject", "iframe", "object", "embed", "use"):
            problems.append(f"element <{name}>")
        for attr, value in el.attrib.items():
            local = attr.split("}")[-1].lower()
            if local.startswith("on"):
                problems.append(f"attribute {local}= on <{name}>")
            if local in ("href", "src") and ":" in value:
                problems.append(f"{local}={value!r} on <{name}>")
            if local == "style" and ("url(" in value or "expression" in value):
                problems.append(f"style={value!r} on <{name}>")
    return problems


