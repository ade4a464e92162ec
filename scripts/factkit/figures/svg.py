"""A tiny, safe SVG builder shared by every figure.

Safety rests on three rules, each enforced here rather than in each figure:
- every figure is rendered by a Jinja template with autoescaping on, so a label holding `<script>` or
  `" onload="` can only ever become text;
- every href is built by `Links` from a code-owned pattern and an id that matches ^[a-z0-9-]+$;
  an id that does not match gets no link at all (free text never reaches an href);
- the page-root prefix that makes links relative may only be a run of "../".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "figures"

SLUG = re.compile(r"[a-z0-9-]+")
ROOT = re.compile(r"(\.\./)*")

# Okabe & Ito (2008), the colour-blind-safe set, without black (it vanishes in dark mode).
# figures.css holds the colours as --fk-c0..6 (with lighter dark-mode variants); figures only
# ever name a class index, so the palette lives in one place.
PALETTE_SIZE = 7
SHAPES = ("circle", "square", "diamond", "triangle")


def safe_id(value: object) -> str | None:
    """The id itself if it is a plain slug, else None (the caller then draws no link)."""
    if isinstance(value, str) and SLUG.fullmatch(value):
        return value
    return None


# What an href may look like once built: a relative path and an optional slug fragment. No colon
# can appear, so no scheme (javascript:, data:, http:) can ever reach a figure.
SAFE_HREF = re.compile(r"[A-Za-z0-9_./-]*(#[a-z0-9-]+)?")


def checked(href: str | None) -> str | None:
    return href if href and SAFE_HREF.fullmatch(href) else None


class Links:
    """Where a figure's marks point. Subclasses say how an id becomes a path; this base class
    only lets validated slugs in and only lets colon-free relative hrefs out."""

    def _entity(self, slug: str) -> str:
        raise NotImplementedError

    def _event(self, slug: str) -> str:
        raise NotImplementedError

    def _sentence(self, slug: str) -> str:
        raise NotImplementedError

    def _claim(self, slug: str) -> str:
        raise NotImplementedError

    def _make(self, build, value: object) -> str | None:
        slug = safe_id(value)
        return checked(build(slug)) if slug else None

    def entity(self, entity_id: object) -> str | None:
        return self._make(self._entity, entity_id)

    def event(self, event_id: object) -> str | None:
        return self._make(self._event, event_id)

    def sentence(self, sentence_id: object) -> str | None:
        return self._make(self._sentence, sentence_id)

    def claim(self, claim_id: object) -> str | None:
        return self._make(self._claim, claim_id)


@dataclass(frozen=True)
class PatternLinks(Links):
    """Links from fixed patterns, for figures rendered outside the site (previews, tests).

    `root` is the relative path from the page that shows the figure to the site root.
    """

    root: str = ""
    entity_page: str = "entities/{id}.html"
    event_anchor: str = "timeline.html#{id}"
    sentence_anchor: str = "articles/{source}.html#{id}"
    claim_anchor: str = "claims.html#{id}"

    def __post_init__(self):
        if not ROOT.fullmatch(self.root):
            raise ValueError(f"figure link root must be a run of '../', got {self.root!r}")

    def _entity(self, slug):
        return self.root + self.entity_page.format(id=slug)

    def _event(self, slug):
        return self.root + self.event_anchor.format(id=slug)

    def _sentence(self, slug):
        source = slug.rsplit("-s", 1)[0]
        return self.root + self.sentence_anchor.format(id=slug, source=source)

    def _claim(self, slug):
        return self.root + self.claim_anchor.format(id=slug)


class SiteLinks(Links):
    """Links resolved by the reference site's page helpers (`factkit.site.helpers.Helpers`), which
    know where each page and each fact's canonical row live, relative to the page being built."""

    def __init__(self, helpers):
        self.h = helpers

    def _entity(self, slug):
        return self.h.entity(slug) if slug in self.h.data.entities else None

    def _event(self, slug):
        return self.h.fact(slug)

    def _sentence(self, slug):
        return self.h.sentence(slug) if slug in self.h.data.sentences else None

    def _claim(self, slug):
        return self.h.fact(slug)


def num(value: float) -> str:
    """Coordinates with one decimal, no trailing '.0': short, stable output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def whole(value: float) -> str:
    """Coordinates rounded to whole units, for the big figures: a unit is at most one screen pixel
    in their drawings, and the decimals were a tenth of the home page's network (issue 5)."""
    return str(round(value))


def humanise(code: str | None) -> str:
    """Enum codes read as words in labels ('former_commander_of' -> 'former commander of')."""
    return (code or "").replace("_", " ")


def clip(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str | None, width: int, lines: int = 2) -> list[str]:
    """Greedy word wrap into at most `lines` lines; the last one is clipped with an ellipsis."""
    words = " ".join((text or "").split()).split(" ")
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        out.append(current)
    if len(out) == lines:
        out[-1] = clip(out[-1], width)
    return [clip(line, width) for line in out[:lines]]


def text_width(text: str, size: float) -> float:
    """Rough rendered width of a label (average glyph ~0.56 em in the theme's sans-serif)."""
    return len(text) * size * 0.56


CACHE = Path(__file__).resolve().parents[3] / ".cache" / "jinja-figures"  # .cache/ is git-ignored


def _bytecode_cache():
    """Compiling the figure templates took a third of the figures' cost in a fresh `make site`;
    Jinja's bytecode cache keeps them compiled between builds (checked against the template
    source, so an edited template is compiled afresh). No cache when the folder is not writable."""
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(CACHE))
    except OSError:
        return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,  # every label is untrusted data
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["n"] = num
    env.filters["i"] = whole
    env.filters["human"] = humanise
    return env


def render(template: str, **context) -> Markup:
    """Render a figure template. The result is Markup because autoescaping already made it safe."""
    return Markup(environment().get_template(template).render(**context))


def type_styles(enum: list[str]) -> dict[str, dict]:
    """Colour class and shape per enum value, by position in the schema's enum.

    Colour cycles through 7 and shape through 4, so up to 28 values each get a distinct pair and
    neighbours in the enum differ in both: the legend never depends on colour alone.
    """
    return {
        value: {"colour": i % PALETTE_SIZE, "shape": SHAPES[i % len(SHAPES)], "label": humanise(value)}
        for i, value in enumerate(enum)
    }


def shape_path(shape: str, x: float, y: float, r: float, num=num) -> str:
    """An SVG path for a node marker centred on (x, y) with 'radius' r (equal visual weight);
    `num` formats the numbers (one decimal by default, `whole` for the big figures)."""
    if shape == "square":
        s = r * 0.88
        return f"M{num(x - s)} {num(y - s)}h{num(2 * s)}v{num(2 * s)}h{num(-2 * s)}z"
    if shape == "diamond":
        s = r * 1.2
        return f"M{num(x)} {num(y - s)}L{num(x + s)} {num(y)}L{num(x)} {num(y + s)}L{num(x - s)} {num(y)}z"
    if shape == "triangle":
        s = r * 1.25
        return f"M{num(x)} {num(y - s)}L{num(x + s * 0.95)} {num(y + s * 0.7)}L{num(x - s * 0.95)} {num(y + s * 0.7)}z"
    # circle as a path, so every marker is one element kind
    return (f"M{num(x - r)} {num(y)}a{num(r)} {num(r)} 0 1 0 {num(2 * r)} 0"
            f"a{num(r)} {num(r)} 0 1 0 {num(-2 * r)} 0z")
