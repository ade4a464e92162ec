#!/usr/bin/env python3
"""Measure the site with Lighthouse beside a bare one-page Material site, in the same run.

    make lighthouse                      # installs the pinned Lighthouse (tests/tools), then runs this
    python scripts/lighthouse.py --runs 5
    python scripts/lighthouse.py --site site/ --no-record

Prints every run; writes the medians and every run to docs/benchmarks.json (its `lighthouse` section) and the README's
Lighthouse table (unless --no-record). Exit 0 measured, 1 a run failed or a tool is missing.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.tools import lighthouse


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds, each the bare site then our three pages (default 5)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--no-record", action="store_true", help="print only: leave docs/benchmarks.json and README.md alone")
    args = parser.parse_args(argv)
    try:
        record = lighthouse.measure(args.runs, args.site)
        print("\n" + lighthouse.table(record))
        if not args.no_record:
            lighthouse.publish(record)
            print("\nwrote the lighthouse section of docs/benchmarks.json and the README's Lighthouse table")
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    entry.run(main)
