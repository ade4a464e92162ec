#!/usr/bin/env python3
"""Write a synthetic fact package of N generated articles (for benchmarks and tests).

    python scripts/synth.py --sources 1000 --out /tmp/synth-1k [--seed 0]

Article 0 is the real article; the others are made from it with new names and dates (see
scripts/factkit/tools/synth/). The output passes scripts/validate.py and `frictionless validate`.
Exit 2 when DIR exists and is not empty, 1 when the real package cannot serve as a template.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.tools.synth import SynthError, synthesize
from factkit.tools.synth.write import usage_problem


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, required=True, metavar="N", help="number of articles (at least 1)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="new or empty directory for the package")
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same bytes (default 0)")
    args = parser.parse_args(argv)
    problem = usage_problem(args.sources, args.out)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        counts = synthesize(args.sources, args.out, seed=args.seed)
    except SynthError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rows = sum(counts.values())
    print(f"wrote {args.out / 'datapackage.json'}: {args.sources:,} sources, {rows:,} rows "
          f"({', '.join(f'{k} {v:,}' for k, v in counts.items())}) in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    entry.run(main)
