"""The benchmark's targets (issue 5's), each with its measured value and whether it was met."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # results.py calls evaluate: a runtime import would be circular
    from .results import Results

def evaluate(res: Results) -> list[dict]:
    """Issue 5's targets, each with the measured value and whether it was met."""
    by = {(r.tool, r.sources): r for r in res.runs}
    out = []

    def target(name, value, goal, met, unit="", cpu=None):
        """cpu: the same figure computed from CPU seconds instead of wall seconds (None when not a time)."""
        out.append({"target": name, "measured": value, "goal": goal, "met": bool(met), "unit": unit, "cpu_measured": cpu})

    real_ours, real_fl = by.get(("ours", 1)), by.get(("frictionless", 1))
    if real_ours:
        target("real package: validate.py wall time", round(real_ours.seconds, 2), "< 1.5 s", real_ours.seconds < 1.5, "s",
               round(real_ours.cpu_seconds, 2))
    if real_ours and real_fl:
        ratio = real_ours.seconds / real_fl.seconds
        target("real package: ours / frictionless time", round(ratio, 2), "<= 2x", ratio <= 2, "x",
               round(real_ours.cpu_seconds / real_fl.cpu_seconds, 2) if real_fl.cpu_seconds else None)
    for n, goal in ((1000, 3), (10000, 10)):
        ours, fl = by.get(("ours", n)), by.get(("frictionless", n))
        if ours and fl:
            speed = fl.seconds / ours.seconds
            target(f"{n:,} sources: speed-up over frictionless", round(speed, 1), f">= {goal}x", speed >= goal and ours.ok and fl.ok, "x",
                   round(fl.cpu_seconds / ours.cpu_seconds, 1) if ours.cpu_seconds else None)
    ours, floor = by.get(("ours", 10000)), by.get(("polars-floor", 10000))
    if ours:
        target("10,000 sources: rows/s end to end", round(ours.rows_per_s), ">= 500,000", ours.rows_per_s >= 500_000, "rows/s",
               round(ours.rows / ours.cpu_seconds) if ours.cpu_seconds else None)
        target("10,000 sources: peak memory", round(ours.peak_mb), "< 2,048 MB", ours.peak_mb < 2048, "MB")
    if ours and floor:
        ratio = ours.seconds / floor.seconds
        target("10,000 sources: ours / polars parse floor", round(ratio, 1), "<= 5x", ratio <= 5, "x",
               round(ours.cpu_seconds / floor.cpu_seconds, 1) if floor.cpu_seconds else None)
    sites = {s.sources: s for s in res.sites if not s.note}
    if 1 in sites:
        target("real package: site build (make site after an edit)", round(sites[1].seconds, 1), "< 5 s", sites[1].seconds < 5, "s",
               round(sites[1].cpu_seconds, 1))
    if all(k in sites for k in (10, 100, 1000)):
        a, b, c = sites[10], sites[100], sites[1000]
        early = (b.seconds - a.seconds) / max(1, b.pages - a.pages)
        late = (c.seconds - b.seconds) / max(1, c.pages - b.pages)
        ratio = late / early if early > 0 else float("inf")
        cpu_early = (b.cpu_seconds - a.cpu_seconds) / max(1, b.pages - a.pages)
        cpu_late = (c.cpu_seconds - b.cpu_seconds) / max(1, c.pages - b.pages)
        target(f"site: marginal s/page 100->1,000 ({late * 1000:.1f} ms) over 10->100 ({early * 1000:.1f} ms)", round(ratio, 2), "<= 1.5x",
               ratio <= 1.5, "x", round(cpu_late / cpu_early, 2) if cpu_early > 0 else None)
    if sites:
        worst = max(sites.values(), key=lambda s: s.largest_page_bytes)
        target(f"site: largest page ({worst.largest_page}, {worst.sources:,} sources)", round(worst.largest_page_bytes / 1024, 1),
               "<= 100 KB", worst.largest_page_bytes <= 100 * 1024, "KB")
    return out
