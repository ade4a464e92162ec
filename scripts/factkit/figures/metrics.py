"""How much room a label takes, so that figures can place labels that never collide.

Figures are drawn at build time, without a browser; the theme's sans-serif is whatever the reader's
system gives (Material's font stack: -apple-system, Helvetica, Arial, sans-serif). So a label is
measured with the widest of the fonts it is likely to be drawn in: per character, the larger advance
of DejaVu Sans 2.37 (Debian's default sans-serif, and what `.ci/run` installs) and Liberation Sans
2.1 (what Debian's Chromium draws for Helvetica and Arial), regular and oblique; bold and bold
oblique apart. Other systems' fonts (Helvetica, Arial, San Francisco) are narrower. Kerning only
narrows a word, so a box computed here holds the rendered text.

The advances are the fonts' own hmtx entries, in thousandths of an em, rounded up.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters 32 (space) to 126 (~), in order.
_ASCII = {
    False: ("318 401 460 838 637 951 780 275 391 391 500 838 318 361 318 337 637 637 637 637 637 637 637 637 637 637 337 337 838 838 "
            "838 557 1016 685 687 723 771 667 611 778 752 295 500 667 558 863 749 788 667 788 723 667 611 732 685 989 686 667 686 391 "
            "337 391 838 557 500 613 635 550 635 616 353 635 634 278 278 580 278 975 634 612 635 635 412 521 393 634 592 818 592 592 "
            "525 637 337 637 838"),
    True: ("349 457 521 838 696 1002 873 307 458 458 523 838 380 416 380 366 696 696 696 696 696 696 696 696 696 696 400 400 838 838 "
           "838 611 1000 774 763 734 831 684 684 821 837 373 557 775 638 996 837 851 733 851 771 721 683 813 774 1104 771 725 726 458 "
           "366 458 838 557 500 675 716 593 716 679 436 716 712 343 343 666 343 1042 712 688 716 716 494 596 479 712 652 924 646 652 "
           "583 712 366 712 838"),
}
_PUNCTUATION = {  # (regular, bold)
    "‘": (318, 380), "’": (318, 380), "“": (519, 658), "”": (519, 658), "–": (557, 557), "—": (1000, 1000),
    "…": (1000, 1000), "•": (590, 640), "¶": (637, 637), "→": (1000, 1000), "×": (838, 838), "−": (838, 838),
}
_WIDTHS = {bold: {chr(32 + i): int(w) / 1000 for i, w in enumerate(table.split())} for bold, table in _ASCII.items()}
UNKNOWN = 1.0  # em: any other character (CJK, symbols) is taken to be a full em wide

# Above and below the baseline, in em: the larger of the two fonts' ascent and descent (hhea:
# 0.928 and 0.236 in DejaVu Sans), a little more because a browser rounds them up to whole pixels
# (DejaVu Sans at 11.5 px: a box 14 px high, not 13.4).
# The labels' font sizes, in px: factkit.css's .fk-label and .fk-label--edge (tests check they agree).
LABEL_SIZE = 13
EDGE_LABEL_SIZE = 11.5
ASCENT = 0.96
DESCENT = 0.27
# An oblique glyph's ink may pass its advance (Chromium's box of "head of state of" in DejaVu Sans
# Oblique is 0.16 em wider than its advances): this much more on each side.
OVERHANG = 0.17


def _advance(char: str, bold: bool) -> float:
    table = _WIDTHS[bold]
    if char in table:
        return table[char]
    if char in _PUNCTUATION:
        return _PUNCTUATION[char][bold] / 1000
    base = unicodedata.normalize("NFD", char)[:1]  # an accented letter is as wide as its letter
    return table.get(base, UNKNOWN)


@lru_cache(maxsize=1 << 16)
def em_width(text: str, bold: bool = False) -> float:
    """The width of a one-line label, in em (labels recur: names, "claim", predicates)."""
    return sum(_advance(c, bold) for c in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of a one-line label at this font size, in the figure's units."""
    return em_width(text, bold) * size


def fitting_length(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many of the text's first characters fit in `width` at this font size."""
    room, used = width / size, 0.0
    for i, char in enumerate(text):
        used += _advance(char, bold)
        if used > room:
            return i
    return len(text)


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in a figure's units: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    def grown(self, by: float) -> Box:
        return Box(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def meets(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def text_box(lines: list[str], x: float, baseline: float, size: float, anchor: str = "start", leading: float = 0.0,
             bold: bool = False) -> Box:
    """The box of a label of one or more lines: the first line's baseline at `baseline`, each next
    line `leading` lower, every line anchored at x ("start", "middle" or "end", as SVG's text-anchor)."""
    width = max(text_width(line, size, bold) for line in lines)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left - OVERHANG * size, baseline - ASCENT * size, left + width + OVERHANG * size,
               baseline + leading * (len(lines) - 1) + DESCENT * size)
