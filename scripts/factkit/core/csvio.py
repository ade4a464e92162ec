"""Reading and writing the package's CSV files in one canonical form (UTF-8, LF, minimal quoting)."""
from __future__ import annotations

import csv
import io
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def to_csv_text(fieldnames: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in fieldnames})
    return buffer.getvalue()


def write_rows(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    path.write_bytes(to_csv_text(fieldnames, rows).encode("utf-8"))
