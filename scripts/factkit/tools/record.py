"""Where the project's measuring tools record what they found: docs/benchmarks.json and the README.

`make bench` owns the sections of its run (machine, synth, validate, site, targets); `make
lighthouse` owns the `lighthouse` section. Each tool rewrites only its own sections, through
`update`, so a Lighthouse run never drops the benchmark's figures, nor the other way round. In
README.md each owns a generated block between two markers, rewritten by `replace_block`.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..core import paths

BENCHMARKS = paths.ROOT / "docs" / "benchmarks.json"


def read(path: Path = BENCHMARKS) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def update(sections: dict, path: Path = BENCHMARKS) -> None:
    """Replace `sections` (top-level keys) in the record, keeping every other tool's sections."""
    record = {**read(path), **sections}
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def replace_block(readme: Path, block: str, start: str, end: str) -> bool | None:
    """Put `block` (itself opening with `start` and closing with `end`) where the README's block
    between those markers is; the start marker is matched up to its bracketed note, so the note
    may change. True when the README changed, False when it already held the block, None when it
    has no such markers (nothing written)."""
    text = readme.read_text(encoding="utf-8")
    opening = start.split(" (")[0]
    if opening not in text or end not in text:
        return None
    head, rest = text.split(opening, 1)
    new = head + block + rest.split(end, 1)[1]
    if new == text:
        return False
    readme.write_text(new, encoding="utf-8")
    return True
