#!/usr/bin/env python3
"""Print where words occur in the package's source texts: source, sentence and code-point offsets, ready
for anchors.csv or mentions.csv (or leave the offsets empty there and run fill_offsets.py).

  python scripts/locate.py "up to 11 vessels"
  python scripts/locate.py --source src-2c5b7841 "Russia"

Every source is searched unless --source is given; words match as whole words ("Syria" is not
found inside "Syrian"). One line per hit; `occurrence` counts the hits in their sentence (what
fill_offsets.py --occurrence takes). Exit status: 0 found, 1 not found, 2 usage error.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.core import paths
from factkit.curation.locate import LocateError, locate, read_sources


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("words", help="the exact words, as in the text (curly quotes included)")
    parser.add_argument("--source", help="search this source only (default: every source)")
    parser.add_argument("--package", type=Path, default=paths.DESCRIPTOR, help="the package's datapackage.json (default: datapackage/datapackage.json)")
    args = parser.parse_args(argv)
    try:
        hits = locate(read_sources(args.package), args.words, args.source)
    except LocateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("source_id,sentence_id,start,end,occurrence")
    for hit in hits:
        print(f"{hit.source_id},{hit.sentence_id},{hit.start},{hit.end},{hit.occurrence}")
    return 0


if __name__ == "__main__":
    entry.run(main)
