#!/usr/bin/env python3
"""Regenerate datapackage/datapackage.json (bytes, hashes, inlined schemas) from schemas/ and the CSVs.

Run it after editing any CSV or schema:  python scripts/build_descriptor.py
With --check it changes nothing and exits 1 when the descriptor is stale.
"""
import argparse
import sys

from factkit.curation import descriptor


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the descriptor is stale, without writing")
    args = parser.parse_args(argv)
    try:
        return _run(args.check)
    except descriptor.DescriptorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run(check: bool) -> int:
    if check:
        if descriptor.is_fresh():
            print("datapackage/datapackage.json is up to date")
            return 0
        print("datapackage/datapackage.json is stale: run `python scripts/build_descriptor.py`", file=sys.stderr)
        return 1
    changed = descriptor.write()
    print("datapackage/datapackage.json " + ("updated" if changed else "already up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
