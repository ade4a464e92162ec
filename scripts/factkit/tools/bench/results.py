"""The benchmark's figures: one Run per validator run, one SiteRun per site build, and the whole
run's Results, saved as JSON and CSV and read back to re-render without measuring."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .targets import evaluate


@dataclass
class Run:
    tool: str
    sources: int
    rows: int
    seconds: float
    peak_mb: float
    exit: int
    ok: bool
    note: str = ""
    cpu_seconds: float = 0.0

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class SiteRun:
    sources: int
    seconds: float
    peak_mb: float
    exit: int
    cpu_seconds: float = 0.0
    pages: int = 0
    html_bytes: int = 0
    site_bytes: int = 0
    largest_page: str = ""
    largest_page_bytes: int = 0
    search_index_bytes: int = 0
    search_index_gzip_bytes: int = 0
    largest_by_kind: dict = field(default_factory=dict)  # page kind -> [page, bytes]
    floor_seconds: float = 0.0  # the floor site's build (floor.py); 0 when not built
    floor_cpu_seconds: float = 0.0
    floor_peak_mb: float = 0.0
    floor_pages: int = 0
    hub_entity: str = ""
    hub_mentions: int = 0
    hub_pages: int = 0
    hub_largest_bytes: int = 0
    note: str = ""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


@dataclass
class Results:
    machine: dict
    started: str
    quick: bool
    synth: list[dict] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    sites: list[SiteRun] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    finished: str = ""


def to_json(res: Results) -> dict:
    return {
        "machine": res.machine, "started": res.started, "finished": res.finished, "quick": res.quick,
        "synth": res.synth,
        "validate": [{**asdict(r), "rows_per_s": round(r.rows_per_s)} for r in res.runs],
        "site": [{**asdict(s), "pages_per_s": round(s.pages_per_s, 1)} for s in res.sites],
        "targets": res.targets,
    }


def to_csv(res: Results) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["part", "tool", "sources", "rows", "pages", "seconds", "cpu_seconds", "rows_per_s", "pages_per_s", "peak_mb", "html_bytes",
                     "largest_page", "largest_page_bytes", "search_index_bytes", "search_index_gzip_bytes", "exit", "note"])
    for r in res.runs:
        writer.writerow(["validate", r.tool, r.sources, r.rows, "", f"{r.seconds:.3f}", f"{r.cpu_seconds:.2f}", f"{r.rows_per_s:.0f}", "", f"{r.peak_mb:.1f}",
                         "", "", "", "", "", r.exit, r.note])
    for s in res.sites:
        writer.writerow(["site", "site.py", s.sources, "", s.pages, f"{s.seconds:.3f}", f"{s.cpu_seconds:.2f}", "", f"{s.pages_per_s:.1f}", f"{s.peak_mb:.1f}",
                         s.html_bytes, s.largest_page, s.largest_page_bytes, s.search_index_bytes, s.search_index_gzip_bytes, s.exit, s.note])
        if s.floor_seconds:
            writer.writerow(["site", "floor", s.sources, "", s.floor_pages, f"{s.floor_seconds:.3f}", f"{s.floor_cpu_seconds:.2f}", "", "",
                             f"{s.floor_peak_mb:.1f}", "", "", "", "", "", 0, ""])
    return buffer.getvalue()


def from_json(saved: list[dict]) -> Results:
    """Results as previous runs saved them (several runs merge: e.g. the validator and the site part
    run side by side), to re-render tables and re-check targets without re-measuring."""
    first = saved[0]
    res = Results(dict(first["machine"]), min(d["started"] for d in saved), any(d["quick"] for d in saved))
    res.finished = max(d.get("finished") or d["started"] for d in saved)
    loads = [d["machine"].get("load_at_start", [0])[0] for d in saved] + [d["machine"].get("load_at_end", [0])[0] for d in saved]
    res.machine["load_at_start"], res.machine["load_at_end"] = [min(loads)], [max(loads)]
    if len(saved) > 1:
        res.machine["merged_runs"] = [
            f"{d['started']} ({', '.join(p for p, key in (('validation', 'validate'), ('site', 'site')) if d.get(key))})" for d in saved]
    run_fields = Run.__dataclass_fields__
    site_fields = SiteRun.__dataclass_fields__
    for data in saved:
        res.synth += data.get("synth", [])
        res.runs += [Run(**{k: v for k, v in r.items() if k in run_fields}) for r in data.get("validate", [])]
        res.sites += [SiteRun(**{k: v for k, v in s.items() if k in site_fields}) for s in data.get("site", [])]
    res.runs.sort(key=lambda r: r.sources)
    res.sites.sort(key=lambda s: s.sources)
    res.targets = evaluate(res)
    return res


def save(res: Results, out_dir: Path) -> Path:
    """latest.json and latest.csv in out_dir, and a copy of each named by the run's end; returns latest.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = res.finished.replace(" ", "T").replace(":", "").replace("UTC", "Z")
    data = json.dumps(to_json(res), indent=2) + "\n"
    for name in (f"bench-{stamp}", "latest"):
        (out_dir / f"{name}.json").write_text(data, encoding="utf-8")
        (out_dir / f"{name}.csv").write_text(to_csv(res), encoding="utf-8")
    return out_dir / "latest.json"


def failures(res: Results) -> list:
    """The runs that did not complete cleanly (a missed target is not a failure)."""
    return [r for r in res.runs if not r.ok] + [s for s in res.sites if s.exit != 0]
