#!/usr/bin/env python3
"""Fill the empty start and end offsets of mentions.csv and anchors.csv from each row's words and sentence_id.

  python scripts/fill_offsets.py [path/to/datapackage.json] [--occurrence ROW_ID=N ...]

A row is filled when its words (a mention's surface, an anchor's quote) occur exactly once, as
whole words, in its sentence. Otherwise it is left empty and listed with the candidates and their
offsets: pick one with --occurrence ROW_ID=N (the Nth in the sentence), or write longer words.
Then refresh the descriptor (`make descriptor` does both). Exit status: 0 every empty offset
filled; 1 some rows refused (the others are filled); 2 usage error (nothing is written).
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.checks.metadata import build_command
from factkit.core import paths
from factkit.curation.fill_offsets import FillError, fill


def occurrence(text: str) -> tuple[str, int]:
    row_id, _, n = text.rpartition("=")
    if not row_id or not n.isdigit() or int(n) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not ROW_ID=N with N from 1, e.g. src-2c5b7841-m012=2")
    return row_id, int(n)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("package", nargs="?", type=Path, default=paths.DESCRIPTOR, help="the package's datapackage.json, or its folder")
    parser.add_argument("--occurrence", type=occurrence, action="append", default=[], metavar="ROW_ID=N",
                        help="use the Nth whole-word occurrence in the sentence for this mention_id or anchor_id (repeatable)")
    args = parser.parse_args(argv)
    target = args.package / paths.DESCRIPTOR_NAME if args.package.is_dir() else args.package
    if not target.is_file():
        parser.error(f"no descriptor at {target}")
    try:
        outcome = fill(target, dict(args.occurrence))
    except FillError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for file, n in outcome.filled.items():
        print(f"{file}: filled the offsets of {n} row(s)")
    for refusal in outcome.refused:
        print(refusal.text(), file=sys.stderr)
    if outcome.filled:
        print(f"now refresh the descriptor: `{build_command(target)}`")
    if not outcome.filled and not outcome.refused:
        print("no empty offsets to fill")
    return 1 if outcome.refused else 0


if __name__ == "__main__":
    entry.run(main)
