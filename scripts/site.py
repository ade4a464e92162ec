#!/usr/bin/env python3
"""Build the reference site: validate the package, then `mkdocs build --strict` into a temporary
folder that replaces the output folder only when everything succeeded.

  python scripts/site.py [--package path/to/datapackage.json] [--out DIR]

Exit status: 0 built; 1 the package is invalid or the build failed (the previous site is left
untouched); 2 usage error.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.core import paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, default=paths.DESCRIPTOR, help="the package's datapackage.json (default: datapackage/datapackage.json)")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "site", help="where the site goes (default: site/)")
    args = parser.parse_args(argv)
    from factkit.site.build import SiteError, build_site

    package, out = entry.shown(args.package), entry.shown(args.out)
    print(f"validating {package}, then building the site into {out}/ (mkdocs build --strict) ...", flush=True)
    try:
        result = build_site(args.package, args.out)
    except SiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"The previous site in {out} (if any) was left untouched.", file=sys.stderr)
        return 1
    name, size = result.largest_page
    print(f"valid: {package}")
    print(f"built {out}/ in {result.seconds:.1f} s: {result.pages} pages, "
          f"{result.total_html_bytes / 1024:.0f} KB of HTML, largest page {name} ({size / 1024:.1f} KB)")
    return 0


if __name__ == "__main__":
    entry.run(main)
