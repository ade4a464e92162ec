#!/usr/bin/env python3
"""Versioned releases of the data package: check the version bump, cut, verify, diff, changelog.

  python scripts/release.py check       exit 1 when the declared version is too small for the changes
  python scripts/release.py cut         validate, then freeze releases/<version>/ (refuses to reuse a version)
  python scripts/release.py verify      re-verify every release: sums, manifest, byte-for-byte rebuild, git history
  python scripts/release.py diff [A] [B]  row-level diff between two releases (default: latest vs working)
  python scripts/release.py changelog   regenerate CHANGELOG.md from releases/ (--check: exit 1 if stale)
Exit codes: 0 ok, 1 a check failed (each reason is printed), 2 usage error.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.core import paths
from factkit.release import commands
from factkit.release.layout import Layout

CALLS = {
    "check": lambda a: (commands.check, {}),
    "cut": lambda a: (commands.cut, {"date": a.date}),
    "verify": lambda a: (commands.verify, {"rebuild": not a.no_rebuild, "history": not a.no_history}),
    "diff": lambda a: (commands.diff, {"old": a.old, "new": a.new, "as_json": a.json}),
    "changelog": lambda a: (commands.changelog, {"check": a.check}),
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=paths.ROOT, help="repository root holding datapackage/ and releases/ (default: this repository)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="exit 1 when the declared version is not large enough for the changes since the latest release")
    cut = sub.add_parser("cut", help="validate and freeze the working package as releases/<version>/")
    cut.add_argument("--date", help="release date YYYY-MM-DD (default: the date of the descriptor's `created`)")
    verify = sub.add_parser("verify", help="re-verify every release (sums, manifest, rebuild, git history)")
    verify.add_argument("--no-rebuild", action="store_true", help="skip the byte-for-byte rebuild")
    verify.add_argument("--no-history", action="store_true", help="skip the git history check")
    diff = sub.add_parser("diff", help="row-level diff between two versions ('working' is the working package)")
    diff.add_argument("old", nargs="?", help="a released version (default: the latest)")
    diff.add_argument("new", nargs="?", default="working", help="a released version or 'working' (default)")
    diff.add_argument("--json", action="store_true", help="machine-readable output")
    log = sub.add_parser("changelog", help="regenerate CHANGELOG.md from releases/")
    log.add_argument("--check", action="store_true", help="exit 1 when CHANGELOG.md is stale, without writing")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    command, options = CALLS[args.command](args)
    outcome = commands.run(command, Layout(args.root.resolve()), **options)
    for stream, text in outcome.lines:
        print(text, file=sys.stderr if stream == "err" else sys.stdout)
    return outcome.code


if __name__ == "__main__":
    entry.run(main)
