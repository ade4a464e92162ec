#!/usr/bin/env python3
"""Register a source article in the package (one command): copy the text in under its own file name, add
its row to sources.csv, regenerate sentences.csv from every text, and refresh datapackage.json.

Example:
  python scripts/register_source.py article.txt --language en --reference-date 2024-12-08 \\
      --reference-date-basis external --reference-date-note "The Sunday on which Damascus fell."

The title is --title, or else the text's first line when it reads as a headline (no sentence end,
at most 200 characters). Exit status: 0 registered, 1 refused (the reason is printed), 2 usage error.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scripts/, also under python -I
from factkit.core import entry

entry.require_packages()
from factkit.core import paths
from factkit.curation import descriptor
from factkit.curation.register import RegistrationError, reference_date_bases, register


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("text", type=Path, help="the article as a UTF-8 plain-text file")
    parser.add_argument("--language", required=True, help="ISO 639-1 code, e.g. en")
    parser.add_argument("--reference-date", required=True, help="ISO date that relative dates are resolved from")
    parser.add_argument("--reference-date-basis", choices=reference_date_bases(), required=True)
    parser.add_argument("--reference-date-note", required=True)
    parser.add_argument("--title", help="the article's title (default: its first line, when that reads as a headline)")
    parser.add_argument("--id", dest="source_id", help="source id (default: src- and 8 hex digits from the file name or content)")
    parser.add_argument("--package", type=Path, default=paths.DESCRIPTOR, help="the package's datapackage.json (default: datapackage/datapackage.json)")
    args = parser.parse_args(argv)
    if not args.text.is_file():
        parser.error(f"no such file: {args.text}")
    try:
        row = register(args.text, language=args.language, reference_date=args.reference_date, reference_date_basis=args.reference_date_basis,
                       reference_date_note=args.reference_date_note, source_id=args.source_id, title=args.title, package_dir=args.package.parent)
        descriptor.freshen(args.package)
    except (RegistrationError, descriptor.DescriptorError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"registered {row['source_id']} as {row['path']} ({row['characters']:,} characters), titled {row['title']!r}; "
          "sentences.csv and datapackage.json refreshed")
    return 0


if __name__ == "__main__":
    entry.run(main)
