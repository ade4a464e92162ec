"""Labels that never collide (issue 11: at 1280 and 390 px no two visible labels of a figure may
share more than 2 px²).

A figure hands the placer its labels in order of importance, each with the spots where it could
go, best first. A label takes the first spot that stays inside the drawing and keeps GAP clear of
every label placed before it and of every mark the figure keeps clear (node markers). A label
with no free spot is drawn hidden at its first spot: it shows on hover and keyboard focus, and
its words stay in the figure's <title> and its table. Boxes come from metrics.py, so they hold
the rendered text in any of the fonts the site is likely drawn with.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .metrics import Box, text_box

# Clear space around every placed label, in the figure's units: at a phone's scale (about 0.85 of
# the drawing) still more than a browser's rounding of a text box to whole pixels.
GAP = 3.0


@dataclass(frozen=True)
class Spot:
    """Where a label could go: its anchor point (the first line's baseline), how it is anchored
    (SVG text-anchor), its lines and the box they fill."""

    x: float
    y: float
    anchor: str
    lines: tuple[str, ...]
    box: Box


def spot(lines: Iterable[str], x: float, baseline: float, size: float, anchor: str = "middle", leading: float = 0.0,
         bold: bool = False) -> Spot:
    lines = tuple(lines)
    return Spot(x, baseline, anchor, lines, text_box(list(lines), x, baseline, size, anchor, leading, bold))


class Placer:
    """Takes spots first come, first served; what is taken stays taken. Taken boxes are filed in a
    grid of CELL-unit squares, so a check reads only the boxes near the spot (the whole network
    places hundreds of labels, each trying a dozen spots)."""

    CELL = 64.0

    def __init__(self, bounds: Box, gap: float = GAP):
        self.bounds = bounds
        self.gap = gap
        self.grid: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _cells(self, box: Box):
        for i in range(int(box.x0 // self.CELL), int(box.x1 // self.CELL) + 1):
            for j in range(int(box.y0 // self.CELL), int(box.y1 // self.CELL) + 1):
                yield i, j

    def _take(self, box: Box) -> None:
        for cell in self._cells(box):
            self.grid[cell].append(box)

    def keep_clear(self, box: Box) -> None:
        """A mark no label may cover, though a label may touch it (a name beside its own marker)."""
        self._take(box.grown(-self.gap))

    def fits(self, box: Box) -> bool:
        inside = (self.bounds.x0 <= box.x0 and box.x1 <= self.bounds.x1 and self.bounds.y0 <= box.y0 and box.y1 <= self.bounds.y1)
        grown = box.grown(self.gap)
        return inside and not any(grown.meets(other) for cell in self._cells(grown) for other in self.grid.get(cell, ()))

    def place(self, spots: Iterable[Spot]) -> Spot | None:
        """The first spot that fits, now taken; None when none does (the label is then hidden)."""
        for candidate in spots:
            if self.fits(candidate.box):
                self._take(candidate.box)
                return candidate
        return None
