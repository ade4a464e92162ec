"""Reading and writing the package's CSV files in one canonical form (UTF-8, LF, minimal quoting)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _writer(buffer: io.StringIO, fieldnames: list[str]) -> csv.DictWriter:
    return csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n", extrasaction="raise")


def _cells(fieldnames: list[str], row: dict) -> dict:
    return {k: "" if row.get(k) is None else row[k] for k in fieldnames}


def to_csv_text(fieldnames: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = _writer(buffer, fieldnames)
    writer.writeheader()
    for row in rows:
        writer.writerow(_cells(fieldnames, row))
    return buffer.getvalue()


def row_text(fieldnames: list[str], row: dict) -> str:
    """One row in the canonical form, with its line end: what to_csv_text writes for it."""
    buffer = io.StringIO()
    _writer(buffer, fieldnames).writerow(_cells(fieldnames, row))
    return buffer.getvalue()


def write_rows(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    path.write_bytes(to_csv_text(fieldnames, rows).encode("utf-8"))


@dataclass
class Record:
    """One CSV record as it stands in the file: its exact text (line end included; several
    physical lines when a quoted cell holds a line break), its first physical line, its cells."""
    text: str
    line: int
    cells: list[str]


def records(text: str) -> list[Record]:
    """Every record of a CSV text, header first, each with its own bytes, so that a tool can
    rewrite one row and leave every other byte of the file as it was."""
    pending: list[str] = []

    def lines():
        for physical in io.StringIO(text, newline=""):
            pending.append(physical)
            yield physical

    found, line = [], 1
    for cells in csv.reader(lines()):
        found.append(Record("".join(pending), line, cells))
        line += len(pending)
        pending.clear()
    return found
