#!/usr/bin/env python3
"""Regenerate a package's datapackage.json (bytes, hashes, inlined schemas) after editing a CSV or a schema.

  python scripts/build_descriptor.py [path/to/datapackage.json] [--check]

The default is datapackage/datapackage.json, generated from schemas/. A package elsewhere is
generated from the schemas/ folder beside it when there is one (a copy of this repository);
otherwise only the sizes and hashes its descriptor records are refreshed. With --check nothing is
written, and the exit status is 1 when the descriptor is stale.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.checks.metadata import build_command
from factkit.core import paths
from factkit.curation import descriptor


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", type=Path, default=paths.DESCRIPTOR,
                        help="the package's datapackage.json, or its folder (default: datapackage/datapackage.json)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the descriptor is stale, without writing")
    args = parser.parse_args(argv)
    target = args.package / paths.DESCRIPTOR_NAME if args.package.is_dir() else args.package
    if not target.parent.is_dir():
        parser.error(f"no package folder at {target.parent}")
    try:
        stale, schemas = descriptor.freshen(target, check=args.check)
    except descriptor.DescriptorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    name = entry.shown(target)
    if args.check:
        if stale:
            print(f"{name} is stale: run `{build_command(target)}`", file=sys.stderr)
        else:
            print(f"{name} is up to date")
        return 1 if stale else 0
    how = f"generated from {entry.shown(schemas)}/" if schemas else "sizes and hashes refreshed (no schemas/ beside it: its inline schemas stay)"
    print(f"{name} " + (f"updated, {how}" if stale else "already up to date"))
    return 0


if __name__ == "__main__":
    entry.run(main)
