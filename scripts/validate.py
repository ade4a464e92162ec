#!/usr/bin/env python3
"""Validate a damascus-facts data package: descriptor, files, cells, keys, provenance, semantics, coverage.

  python scripts/validate.py [path/to/datapackage.json] [--json]
  python scripts/validate.py --codes

Exit status: 0 valid, 1 invalid (any error, a missing resource file included), 2 usage error.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.core import paths


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2, with the usage line and no traceback
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        sys.exit(2)


def main(argv=None) -> int:
    parser = _Parser(description=__doc__.splitlines()[0], epilog="Exit status: 0 valid, 1 invalid, 2 usage error.")
    parser.add_argument("descriptor", nargs="?", help="path to datapackage.json, or the directory holding it (default: datapackage/datapackage.json)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (errors, counts, coverage)")
    parser.add_argument("--codes", action="store_true", help="print the error catalogue instead (code, tab, title; a retired code's "
                        "title starts with '[retired] '); meanings and fixes: scripts/factkit/checks/catalogue.py")
    args = parser.parse_args(argv)
    if args.codes:
        if args.descriptor or args.json:
            parser.error("--codes takes no descriptor and no --json")
        from factkit.checks.catalogue import listing

        print(listing())
        return 0
    path = Path(args.descriptor or entry.shown(paths.DESCRIPTOR))
    if path.is_dir():
        path = path / paths.DESCRIPTOR_NAME
    if not path.is_file():
        parser.error(f"no descriptor at {path}")
    from factkit.checks.validate import validate

    report = validate(path)
    print(report.to_json() if args.json else report.to_text())
    return 0 if report.ok else 1


if __name__ == "__main__":
    entry.run(main)
