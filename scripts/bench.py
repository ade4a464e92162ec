#!/usr/bin/env python3
"""Benchmark the validator (against stock frictionless and the polars parse floor) and the site build.

    python scripts/bench.py            # full: validation at 1 (real), 100, 1,000, 10,000 sources; site at 1, 10, 100, 1,000
    python scripts/bench.py --quick    # about a minute: validation at 1 and 100, site at 1 and 10

Prints the tables, writes bench-results/latest.{csv,json} (and a timestamped copy); a full run
also rewrites the generated block of README.md's "Benchmarks" section and docs/benchmarks.json.
Exit 0 when every run completed (targets missed are reported, not failures), 1 otherwise.
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.core import paths
from factkit.tools.bench import measure, report, results


def sizes(text: str) -> tuple[int, ...]:
    return tuple(int(x.replace(",", "").replace("_", "")) for x in text.split(",") if x)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (about a minute); does not touch README.md")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "bench-results", help="results and scratch packages (default: bench-results/)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic packages (default 0)")
    parser.add_argument("--validate-sizes", type=sizes, help="comma-separated source counts for the validator part (1 = the real package)")
    parser.add_argument("--site-sizes", type=sizes, help="comma-separated source counts for the site part")
    parser.add_argument("--frictionless-timeout", type=float, default=3600, help="stop a frictionless run after this many seconds (default 3600)")
    parser.add_argument("--no-readme", action="store_true", help="never rewrite README.md or docs/benchmarks.json")
    parser.add_argument("--from-json", type=Path, nargs="+", metavar="RESULTS", help="re-render saved results (several merge), tables, targets and README, without measuring")
    args = parser.parse_args(argv)
    if args.from_json:
        res = results.from_json([json.loads(p.read_text(encoding="utf-8")) for p in args.from_json])
    else:
        try:
            res = measure.run(args.quick, args.out, args.seed, args.validate_sizes, args.site_sizes, args.frictionless_timeout)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(f"\n{report.terminal(res)}")
    latest = results.save(res, args.out)
    print(f"\nwrote {latest} and {latest.with_suffix('.csv')}")
    complete = not res.quick and (bool(args.from_json) or (args.validate_sizes is None and args.site_sizes is None))
    if complete and not args.no_readme:
        print("updated docs/benchmarks.json" + (" and README.md" if report.publish(res, paths.ROOT) else ""))
    failed = results.failures(res)
    if failed:
        print(f"{len(failed)} run(s) did not complete cleanly; see {args.out / 'work' / 'logs'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    entry.run(main)
