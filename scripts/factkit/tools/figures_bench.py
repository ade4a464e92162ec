"""How much time the figures add to a site build (a measurement, never a timed test).

    python -m factkit.tools.figures_bench [--package path/to/datapackage.json] [--out DIR]   (run from scripts/)

After a warm-up build, builds the site `rounds` times each way through the normal path
(validation included): as it is, and with every figure slot returning nothing; prints the median
build times, the time spent inside the figure
code, how many figures were drawn and their HTML bytes.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from markupsafe import Markup

from ..core import paths


def _build(descriptor: Path, out: Path) -> float:
    from ..site.build import build_site

    began = time.perf_counter()
    build_site(descriptor, out)
    return time.perf_counter() - began


def measure(descriptor: Path, workdir: Path, rounds: int = 3) -> dict:
    # Patch the site's slot function (templates reach it through Helpers.figure on every call).
    from ..site import figures as slots

    original = slots.figure
    spent = {"seconds": 0.0, "count": 0, "bytes": 0}

    from ..figures import deferred

    held = deferred.hold

    def hold(markup):  # count the figures' own bytes, not their placeholders
        spent["count"] += 1
        spent["bytes"] += len(markup)
        return held(markup)

    def timed(h, name, **details):
        began = time.perf_counter()
        result = original(h, name, **details)
        spent["seconds"] += time.perf_counter() - began
        return result

    times = {"with": [], "without": []}
    deferred.hold = hold
    try:
        _build(descriptor, workdir / "warm-up")  # imports and caches, so neither side pays them
        for i in range(rounds):
            slots.figure = lambda h, name, **details: Markup("")
            times["without"].append(_build(descriptor, workdir / f"without-{i}"))
            spent.update(seconds=0.0, count=0, bytes=0)
            slots.figure = timed
            times["with"].append(_build(descriptor, workdir / f"with-{i}"))
    finally:
        slots.figure = original
        deferred.hold = held
    return {"build_with_figures_s": statistics.median(times["with"]),
            "build_without_figures_s": statistics.median(times["without"]),
            "inside_figure_code_s": spent["seconds"], "figures": spent["count"], "figure_bytes": spent["bytes"]}


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
