"""Small drawing helpers shared by every figure: text that fits (measured by metrics.py), marker
shapes, styles per enum value. Rendering is core/markup.py's (the one autoescaping environment);
links are links.py's."""
from __future__ import annotations

from ..core.markup import coord, humanize
from .metrics import fitting_length, text_width

# Okabe & Ito (2008), the colour-blind-safe set, without black (it vanishes in dark mode).
# factkit.css holds the colours as --fk-c0..6 (with lighter dark-mode variants); figures only
# ever name a class index, so the palette lives in one place.
PALETTE_SIZE = 7
SHAPES = ("circle", "square", "diamond", "triangle")


def clip(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit(text: str | None, width: float, size: float, bold: bool = False) -> str:
    """One line no wider than `width` at this font size (metrics.py), clipped with an ellipsis."""
    text = " ".join((text or "").split())
    if text_width(text, size, bold) <= width:
        return text
    return text[:fitting_length(text, width - text_width("…", size, bold), size, bold)].rstrip() + "…"


def wrap(text: str | None, width: float, size: float, lines: int = 2, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most `lines` lines no wider than `width`; the last one is clipped."""
    words = " ".join((text or "").split()).split(" ")
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size, bold) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        out.append(current)
    return [fit(line, width, size, bold) for line in out[:lines]]


def type_styles(enum: list[str]) -> dict[str, dict]:
    """Colour class and shape per enum value, by position in the schema's enum.

    Colour cycles through 7 and shape through 4, so up to 28 values each get a distinct pair and
    neighbours in the enum differ in both: the legend never depends on colour alone.
    """
    return {
        value: {"colour": i % PALETTE_SIZE, "shape": SHAPES[i % len(SHAPES)], "label": humanize(value)}
        for i, value in enumerate(enum)
    }


def shape_path(shape: str, x: float, y: float, r: float, num=coord) -> str:
    """An SVG path for a node marker centred on (x, y) with 'radius' r (equal visual weight);
    `num` formats the numbers (`coord` by default, `whole` for the big figures)."""
    if shape == "square":
        s = r * 0.88
        return f"M{num(x - s)} {num(y - s)}h{num(2 * s)}v{num(2 * s)}h{num(-2 * s)}z"
    if shape == "diamond":
        s = r * 1.2
        return f"M{num(x)} {num(y - s)}L{num(x + s)} {num(y)}L{num(x)} {num(y + s)}L{num(x - s)} {num(y)}z"
    if shape == "triangle":
        s = r * 1.25
        return f"M{num(x)} {num(y - s)}L{num(x + s * 0.95)} {num(y + s * 0.7)}L{num(x - s * 0.95)} {num(y + s * 0.7)}z"
    # circle as a path, so every marker is one element kind; its radius is exactly half the
    # diameter as written (a rounded radius longer than that draws two overlapping arcs: a pill)
    diameter = float(num(2 * r))
    radius = coord(diameter / 2)
    return (f"M{num(x - r)} {num(y)}a{radius} {radius} 0 1 0 {num(diameter)} 0"
            f"a{radius} {radius} 0 1 0 {num(-diameter)} 0z")
