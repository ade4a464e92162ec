"""Write a generated package: the source texts, one CSV per resource and the descriptor."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

from ...core import paths
from ...core.schema import load_resources
from ...curation import descriptor
from .articles import generate_articles
from .entities import Entities
from .tables import build_entities, build_sources, build_table
from .template import SynthError, load_template

CREATED = datetime(2025, 1, 1, tzinfo=UTC)   # fixed, so equal seeds give equal bytes


def _frame(cols: dict[str, list], fields: list[dict]) -> pl.DataFrame:
    series = []
    for f in fields:
        values = cols[f["name"]]
        if isinstance(values, np.ndarray):
            series.append(pl.Series(f["name"], values))
        else:
            series.append(pl.Series(f["name"], values, dtype=pl.Utf8))
    return pl.DataFrame(series)


def usage_problem(n: int, out_dir: Path) -> str | None:
    """Why a package of n articles cannot be written into out_dir, or None: it never overwrites."""
    if n < 1:
        return "--sources must be at least 1"
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        return f"{out_dir} is not an empty directory; synth.py never overwrites. Choose a new directory or empty this one."
    return None


def synthesize(n: int, out_dir: Path, seed: int = 0, package_dir: Path = paths.PACKAGE,
               schemas_dir: Path = paths.SCHEMAS) -> dict[str, int]:
    """Write a package of n articles into out_dir (which must be empty); return rows per table."""
    out_dir = Path(out_dir)
    problem = usage_problem(n, out_dir)
    if problem:
        raise SynthError(problem)
    tpl = load_template(package_dir, schemas_dir)
    ents = Entities(tpl, seed)
    arts = generate_articles(tpl, ents, n, seed)
    (out_dir / "data").mkdir(parents=True, exist_ok=True)
    (out_dir / "sources").mkdir(exist_ok=True)
    for text, fname in zip(arts.texts, arts.files):
        (out_dir / fname).write_bytes(text.encode("utf-8"))
    counts = {}
    for spec in load_resources(schemas_dir):
        if spec.name == "sources":
            cols = build_sources(tpl, arts)
        elif spec.name == "entities":
            cols = build_entities(tpl, ents, arts)
        else:
            cols = build_table(tpl, ents, arts, spec.name)
        frame = _frame(cols, spec.schema["fields"])
        frame.write_csv(out_dir / spec.path, line_terminator="\n")
        counts[spec.name] = frame.height
    descriptor.write(package_dir=out_dir, schemas_dir=schemas_dir, now=CREATED)
    return counts
