"""The benchmark's targets (issues 5 and 13), each with its measured value and whether it was met.
Ratios are of figures measured in the same run; a GB is 1,024 MB (peak memory is in MiB)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # results.py calls evaluate: a runtime import would be circular
    from .results import Results

VALIDATE_AT, SITE_AT = 10_000, 1_000
SEARCH_BUDGET = {100: {"raw": 1_000_000}, 1000: {"raw": 8_000_000, "gzip": 1_500_000}}  # bytes (MB = 10^6)
PAGE_BUDGET_KB = 100


def evaluate(res: Results) -> list[dict]:
    by = {(r.tool, r.sources): r for r in res.runs}
    out = []

    def target(issue, name, value, goal, met, unit="", cpu=None):
        """cpu: the same figure computed from CPU seconds instead of wall seconds (None when not a time)."""
        out.append({"issue": issue, "target": name, "measured": value, "goal": goal, "met": bool(met), "unit": unit, "cpu_measured": cpu})

    def ratio(a: float, b: float) -> float | None:
        return round(a / b, 2) if b else None

    real_ours, real_fl = by.get(("ours", 1)), by.get(("frictionless", 1))
    if real_ours:
        target(13, "real package: validate.py wall time", round(real_ours.seconds, 2), "< 1 s", real_ours.seconds < 1, "s",
               round(real_ours.cpu_seconds, 2))
    if real_ours and real_fl:
        r = real_ours.seconds / real_fl.seconds
        target(13, "real package: ours / frictionless time", round(r, 2), "<= 1x", r <= 1, "x", ratio(real_ours.cpu_seconds, real_fl.cpu_seconds))
    for n, goal in ((1000, 3), (10000, 10)):
        ours, fl = by.get(("ours", n)), by.get(("frictionless", n))
        if ours and fl:
            speed = fl.seconds / ours.seconds
            target(5, f"{n:,} sources: speed-up over frictionless", round(speed, 1), f">= {goal}x", speed >= goal and ours.ok and fl.ok, "x",
                   ratio(fl.cpu_seconds, ours.cpu_seconds))
    ours, floor = by.get(("ours", VALIDATE_AT)), by.get(("polars-floor", VALIDATE_AT))
    if ours and floor:
        r = ours.seconds / floor.seconds
        cpu = ratio(ours.cpu_seconds, floor.cpu_seconds)
        target(13, f"{VALIDATE_AT:,} sources: ours / polars parse floor", round(r, 1), "<= 3x", r <= 3, "x", cpu)
        target(13, f"{VALIDATE_AT:,} sources: ours / polars parse floor, at the very least", round(r, 1), "<= 5x", r <= 5, "x", cpu)
    if ours:
        target(13, f"{VALIDATE_AT:,} sources: rows/s end to end", round(ours.rows_per_s), ">= 500,000", ours.rows_per_s >= 500_000, "rows/s",
               round(ours.rows / ours.cpu_seconds) if ours.cpu_seconds else None)
        target(13, f"{VALIDATE_AT:,} sources: peak memory", round(ours.peak_mb), "< 1,024 MB", ours.peak_mb < 1024, "MB")

    sites = {s.sources: s for s in res.sites if not s.note}
    if 1 in sites:
        target(5, "real package: site build (make site after an edit)", round(sites[1].seconds, 1), "< 5 s", sites[1].seconds < 5, "s",
               round(sites[1].cpu_seconds, 1))
    for n in (100, SITE_AT):
        s = sites.get(n)
        if s and s.floor_seconds:
            r = s.seconds / s.floor_seconds
            target(13, f"{n:,} sources: site build / bare Material floor", round(r, 2), "<= 1x", r <= 1, "x", ratio(s.cpu_seconds, s.floor_cpu_seconds))
    s = sites.get(SITE_AT)
    if s:
        target(13, f"{SITE_AT:,} sources: site build wall time", round(s.seconds, 1), "< 180 s", s.seconds < 180, "s", round(s.cpu_seconds, 1))
        target(13, f"{SITE_AT:,} sources: site build peak memory", round(s.peak_mb), "< 1,229 MB (1.2 GB)", s.peak_mb < 1.2 * 1024, "MB")
    for n, budget in SEARCH_BUDGET.items():
        s = sites.get(n)
        for kind, limit in budget.items() if s else ():
            size = s.search_index_bytes if kind == "raw" else s.search_index_gzip_bytes
            target(13, f"{n:,} sources: search index, {kind}", round(size / 1e6, 2), f"<= {limit / 1e6:g} MB", size <= limit, "MB")
    if all(k in sites for k in (10, 100, SITE_AT)):
        a, b, c = sites[10], sites[100], sites[SITE_AT]
        early = (b.seconds - a.seconds) / max(1, b.pages - a.pages)
        late = (c.seconds - b.seconds) / max(1, c.pages - b.pages)
        r = late / early if early > 0 else float("inf")
        cpu_early = (b.cpu_seconds - a.cpu_seconds) / max(1, b.pages - a.pages)
        cpu_late = (c.cpu_seconds - b.cpu_seconds) / max(1, c.pages - b.pages)
        target(5, f"site: marginal s/page 100->1,000 ({late * 1000:.1f} ms) over 10->100 ({early * 1000:.1f} ms)", round(r, 2), "<= 1.5x",
               r <= 1.5, "x", round(cpu_late / cpu_early, 2) if cpu_early > 0 else None)
    if sites:
        worst = max(sites.values(), key=lambda s: s.largest_page_bytes)
        target(13, f"site: largest page ({worst.largest_page}, {worst.sources:,} sources)", round(worst.largest_page_bytes / 1024, 1),
               f"<= {PAGE_BUDGET_KB} KB", worst.largest_page_bytes <= PAGE_BUDGET_KB * 1024, "KB")
    return out
