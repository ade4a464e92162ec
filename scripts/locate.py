#!/usr/bin/env python3
"""Print the sentence id and code-point offsets of a quote, ready to paste into anchors.csv or mentions.csv.

Example:  python scripts/locate.py "up to 11 vessels"
          python scripts/locate.py --occurrence 2 "in 2015"
"""
import argparse
import sys

from factkit.core import paths
from factkit.core.csvio import read_rows
from factkit.core.segment import sentence_id
from factkit.curation.locate import LocateError, locate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quote", help="the exact words, as in the text (curly quotes included)")
    parser.add_argument("--source", help="source id (default: the only source, or required when several)")
    parser.add_argument("--occurrence", type=int, help="which match to use when the quote occurs more than once (from 1)")
    args = parser.parse_args(argv)
    sources = read_rows(paths.DATA / "sources.csv")
    if args.source:
        sources = [s for s in sources if s["source_id"] == args.source]
        if not sources:
            parser.error(f"no source with id {args.source}")
    elif len(sources) > 1:
        parser.error("several sources are registered: pass --source")
    source = sources[0]
    text = (paths.PACKAGE / source["path"]).read_bytes().decode("utf-8")
    try:
        where = locate(text, args.quote, args.occurrence)
    except LocateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("source_id,sentence_id,start,end")
    print(f"{source['source_id']},{sentence_id(source['source_id'], where.sentence_position)},{where.start},{where.end}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
