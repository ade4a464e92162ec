"""docs/benchmarks.json, the one record of what the project's measuring tools found.

`make bench` owns the sections of its run (machine, synth, validate, site, targets); `make
lighthouse` owns the `lighthouse` section. Each tool rewrites only its own sections, through
`update`, so a Lighthouse run never drops the benchmark's figures, nor the other way round.
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
