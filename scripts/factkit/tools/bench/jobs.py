"""What one benchmarked process runs: `python -m factkit.tools.bench.jobs JOB ARGS...`.

    validate DESCRIPTOR            the validator, as scripts/validate.py runs it (exit 0 valid, 1 invalid)
    site DESCRIPTOR OUT            the site build, as scripts/site.py runs it (exit 0 built, 1 failed)
    synth N OUT SEED               a synthetic package, as scripts/synth.py writes it
    floor CONFIG OUT               the floor site (floor.py): bare Material, `mkdocs build` of CONFIG

Each job imports only the package modules its command line script imports, so a fresh process
times the same work, imports included, without the package ever running its scripts.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def validate(descriptor: str) -> int:
    from ...checks.validate import validate

    report = validate(Path(descriptor))
    print(report.to_text())
    return 0 if report.ok else 1


def site(descriptor: str, out: str) -> int:
    from ...site.build import SiteError, build_site

    try:
        result = build_site(Path(descriptor), Path(out))
    except SiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"site built in {result.out} in {result.seconds:.1f} s: {result.pages} pages")
    return 0


def synth(n: str, out: str, seed: str) -> int:
    from ..synth import SynthError, synthesize

    try:
        counts = synthesize(int(n), Path(out), seed=int(seed))
    except SynthError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {n} sources, {sum(counts.values()):,} rows")
    return 0


def floor(config: str, out: str) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=config, site_dir=out))
    print(f"floor site built in {out}")
    return 0


JOBS = {"validate": validate, "site": site, "synth": synth, "floor": floor}


def command(job: str, *args: object) -> list[str]:
    """The command line of a fresh process that runs `job` (in an environment with env())."""
    return [sys.executable, "-m", __name__, job, *map(str, args)]


def env() -> dict[str, str]:
    """What a job's environment adds: the folder that holds the factkit package, on PYTHONPATH
    (where running a script puts its own folder on sys.path)."""
    home = str(Path(__file__).resolve().parents[3])
    existing = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": home + (os.pathsep + existing if existing else "")}


if __name__ == "__main__":
    name, *arguments = sys.argv[1:] or [""]
    if name not in JOBS:
        print(f"usage: python -m {__spec__.name} {{{'|'.join(JOBS)}}} ARGS...", file=sys.stderr)
        sys.exit(2)
    sys.exit(JOBS[name](*arguments))
