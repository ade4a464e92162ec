"""How much time the figures add to a site build (a measurement, never a timed test).

    python -m factkit.tools.figures_bench [--package path/to/datapackage.json] [--out DIR] [--rounds N]   (run from scripts/)

After a warm-up build, builds the site `rounds` times each way through the normal path
(validation included): with its figures, and without them (`build_site(figures=False)`); prints
the median build times, what the figures add, and how many figures the built pages hold and
their bytes (counted between the markers the site puts around every figure).
"""
from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from ..core import paths
from ..site.build import build_site
from ..site.figures import END, START

FIGURE = re.compile(re.escape(START) + "(.*?)" + re.escape(END), re.S)


def _build(descriptor: Path, out: Path, figures: bool) -> float:
    began = time.perf_counter()
    build_site(descriptor, out, figures=figures)
    return time.perf_counter() - began


def figures_in(site: Path) -> tuple[int, int]:
    """(figures, their bytes) on every page of a built site."""
    found = [m.group(1).encode("utf-8") for page in site.rglob("*.html") for m in FIGURE.finditer(page.read_text(encoding="utf-8"))]
    return len(found), sum(len(f) for f in found)


def measure(descriptor: Path, workdir: Path, rounds: int = 3) -> dict:
    _build(descriptor, workdir / "warm-up", True)  # imports and caches, so neither side pays them
    times: dict[bool, list[float]] = {True: [], False: []}
    for i in range(rounds):
        for figures in (False, True):
            times[figures].append(_build(descriptor, workdir / f"{'with' if figures else 'without'}-{i}", figures))
    count, size = figures_in(workdir / "with-0")
    with_, without = statistics.median(times[True]), statistics.median(times[False])
    return {"build_with_figures_s": with_, "build_without_figures_s": without, "figures_add_s": with_ - without,
            "figures": count, "figure_bytes": size}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, default=paths.DESCRIPTOR)
    parser.add_argument("--out", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind; medians are printed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="figures-bench-") as tmp:
        result = measure(args.package, args.out or Path(tmp), args.rounds)
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
