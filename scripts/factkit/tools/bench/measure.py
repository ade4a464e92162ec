"""Measuring: every job is a whole fresh process (interpreter start and imports count), timed by
wall clock, its peak memory taken from the kernel's accounting of that child (wait4's ru_maxrss)."""
from __future__ import annotations

import csv
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from ...core import paths
from ...site.build import mkdocs_env
from ...site.search import INDEX
from ...site.urls import page_kind
from . import floor, jobs
from .results import Results, Run, SiteRun, to_json
from .targets import evaluate

PY = sys.executable
FRICTIONLESS = shutil.which("frictionless", path=str(Path(PY).parent)) or shutil.which("frictionless") or "frictionless"
FULL_VALIDATE = (1, 100, 1000, 10000)
FULL_SITE = (1, 10, 100, 1000)
QUICK_VALIDATE = (1, 100)
QUICK_SITE = (1, 10)
# The floor site (floor.py) is built beside ours from this many sources up.
FLOOR_FROM = 10
# The parse floor: what reading every CSV of the package with polars costs in a fresh process.
POLARS_FLOOR = (
    "import json, sys, pathlib, polars as pl\n"
    "d = pathlib.Path(sys.argv[1])\n"
    "desc = json.loads(d.read_text(encoding='utf-8'))\n"
    "print(sum(pl.read_csv(d.parent / r['path'], infer_schema=False).height for r in desc['resources']))\n"
)


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    versions = {}
    for pkg in ("polars", "frictionless", "mkdocs", "mkdocs-material"):
        try:
            from importlib.metadata import version
            versions[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing package is reported as such
            versions[pkg] = "not installed"
    return {
        "cpu": model or platform.processor() or "unknown",
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        **versions,
    }


def timed(cmd: list[str], log: Path, timeout: float | None = None, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Run cmd as a fresh process; return (wall seconds, peak RSS in MB, exit status).
    The child's CPU seconds (user + system) are kept in timed.cpu: on a shared machine they are
    steadier than wall time."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**mkdocs_env(), **(env or {})}
    with log.open("wb") as out:
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=paths.ROOT)
        deadline = None if timeout is None else began + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    timed.cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def count_rows(descriptor: Path) -> int:
    desc = json.loads(descriptor.read_text(encoding="utf-8"))
    total = 0
    for res in desc["resources"]:
        with (descriptor.parent / res["path"]).open(encoding="utf-8", newline="") as handle:
            total += sum(1 for _ in csv.reader(handle)) - 1
    return total


def make_package(n: int, work: Path, seed: int, log) -> tuple[Path, float]:
    if n == 1:
        return paths.DESCRIPTOR, 0.0
    out = work / f"synth-{n}"
    if out.exists():
        shutil.rmtree(out)
    seconds, peak, code = timed(jobs.command("synth", n, out, seed), work / "logs" / f"synth-{n}.log", env=jobs.env())
    if code:
        raise RuntimeError(f"synthesising {n} sources failed; see {work / 'logs' / f'synth-{n}.log'}")
    log(f"  synthesised {n:,} sources in {seconds:.1f} s")
    return out / "datapackage.json", seconds


def validate_runs(descriptor: Path, n: int, rows: int, work: Path, timeout: float, warm_up: bool = False) -> list[Run]:
    """Each tool once on the package. With `warm_up`, each first runs once unrecorded: a first run
    after other work read polars and frictionless from disk (3.4 s for ours on the real package,
    against 0.7 s on the next), a cost no later run pays."""
    logs = work / "logs"
    tools = {
        "ours": jobs.command("validate", descriptor),
        "frictionless": [FRICTIONLESS, "validate", str(descriptor)],
        "polars-floor": [PY, "-c", POLARS_FLOOR, str(descriptor)],
    }
    runs = []
    for tool, cmd in tools.items():
        if warm_up:
            timed(cmd, logs / f"{tool}-{n}-warm-up.log", timeout if tool == "frictionless" else None, env=jobs.env() if tool == "ours" else None)
        log = logs / f"{tool}-{n}.log"
        seconds, peak, code = timed(cmd, log, timeout if tool == "frictionless" else None, env=jobs.env() if tool == "ours" else None)
        text = log.read_text(encoding="utf-8", errors="replace")
        note = ""
        if tool == "frictionless" and seconds >= timeout:
            note = f"killed after {timeout:.0f} s"
        ok = code == 0
        if tool == "polars-floor" and ok and text.strip().splitlines()[-1] != str(rows):
            ok, note = False, f"read {text.strip().splitlines()[-1]} rows, expected {rows}"
        runs.append(Run(tool, n, rows, seconds, peak, code, ok, note, round(timed.cpu, 2)))
    return runs


def site_run(descriptor: Path, n: int, work: Path) -> SiteRun:
    out = work / f"site-{n}"
    if out.exists():
        shutil.rmtree(out)
    seconds, peak, code = timed(jobs.command("site", descriptor, out), work / "logs" / f"site-{n}.log", env=jobs.env())
    run = SiteRun(n, seconds, peak, code, round(timed.cpu, 2))
    if code or not out.is_dir():
        run.note = f"the site build exited {code}; see {work / 'logs' / f'site-{n}.log'}"
        return run
    pages = [p for p in out.rglob("*.html") if p.name != "404.html"]
    run.pages = len(pages)
    sizes = {p: p.stat().st_size for p in pages}
    run.html_bytes = sum(sizes.values())
    run.site_bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    if sizes:
        largest = max(sizes, key=sizes.get)
        run.largest_page, run.largest_page_bytes = str(largest.relative_to(out)), sizes[largest]
    for page, size in sorted(sizes.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        name = page.relative_to(out).as_posix()
        run.largest_by_kind.setdefault(page_kind(name), [name, size])
    index = out / INDEX
    if index.exists():
        data = index.read_bytes()
        run.search_index_bytes, run.search_index_gzip_bytes = len(data), len(gzip.compress(data, 9))
    # The most-mentioned entity: its pages must stay small however many mentions it has.
    counts: dict[str, int] = {}
    with (descriptor.parent / "data" / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            counts[row["entity_id"]] = counts.get(row["entity_id"], 0) + 1
    if counts:
        hub = max(counts, key=counts.get)
        run.hub_entity, run.hub_mentions = hub, counts[hub]
        hub_pages = [p for p in pages if p.stem == hub or p.stem.startswith(hub + "--")]
        run.hub_pages = len(hub_pages)
        run.hub_largest_bytes = max((sizes[p] for p in hub_pages), default=0)
    if n >= FLOOR_FROM:
        floor_run(run, out, work)
    shutil.rmtree(out)
    return run


def floor_run(run: SiteRun, ours: Path, work: Path) -> None:
    """Build the floor site (floor.py) for our site in `ours` as a fresh process, into `run`."""
    project, out = work / f"floor-{run.sources}", work / f"floor-site-{run.sources}"
    for folder in (project, out):
        if folder.exists():
            shutil.rmtree(folder)
    config = floor.write_project(floor.page_bodies(ours), project)
    seconds, peak, code = timed(jobs.command("floor", config, out), work / "logs" / f"floor-{run.sources}.log", env=jobs.env())
    if code == 0:
        run.floor_seconds, run.floor_cpu_seconds, run.floor_peak_mb = round(seconds, 2), round(timed.cpu, 2), peak
        run.floor_pages = sum(1 for p in out.rglob("*.html") if p.name != "404.html")
    else:
        run.note = f"the floor build exited {code}; see {work / 'logs' / f'floor-{run.sources}.log'}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)


def run(quick: bool, out_dir: Path, seed: int = 0, validate_sizes=None, site_sizes=None, frictionless_timeout: float = 3600,
        log=print) -> Results:
    validate_sizes = (QUICK_VALIDATE if quick else FULL_VALIDATE) if validate_sizes is None else validate_sizes
    site_sizes = (QUICK_SITE if quick else FULL_SITE) if site_sizes is None else site_sizes
    res = Results(machine(), datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), quick)
    work = out_dir / "work"
    work.mkdir(parents=True, exist_ok=True)
    packages: dict[int, Path] = {}
    row_counts: dict[int, int] = {}

    def save_partial() -> None:
        # A long run leaves its figures so far in partial.json, so an interrupted run is not lost.
        (out_dir / "partial.json").write_text(json.dumps(to_json(res), indent=2) + "\n", encoding="utf-8")

    def package(n: int) -> Path:
        if n not in packages:
            descriptor, seconds = make_package(n, work, seed, log)
            packages[n] = descriptor
            row_counts[n] = count_rows(descriptor)
            if n > 1:
                res.synth.append({"sources": n, "seconds": round(seconds, 2), "rows": row_counts[n]})
        return packages[n]

    for n in validate_sizes:
        descriptor = package(n)
        rows = row_counts[n]
        log(f"validate: {n:,} sources, {rows:,} rows")
        for r in validate_runs(descriptor, n, rows, work, frictionless_timeout, warm_up=n == validate_sizes[0]):
            res.runs.append(r)
            save_partial()
            log(f"  {r.tool:13} {r.seconds:8.2f} s  {r.rows_per_s:>12,.0f} rows/s  {r.peak_mb:8,.0f} MB  {'ok' if r.ok else 'FAILED ' + str(r.exit)} {r.note}")
    for n in site_sizes:
        descriptor = package(n)
        s = site_run(descriptor, n, work)
        res.sites.append(s)
        save_partial()
        log(f"site: {n:,} sources: {s.seconds:.1f} s, {s.pages:,} pages, {s.html_bytes / 1e6:.1f} MB HTML {s.note}")
    for n, descriptor in packages.items():
        if n > 1:
            shutil.rmtree(descriptor.parent, ignore_errors=True)
    res.machine["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    res.finished = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    res.targets = evaluate(res)
    return res
