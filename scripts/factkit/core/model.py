"""The typed in-memory view of a data package that every consumer shares (checks, pages, exports).

`load()` assumes a package that has passed validation; it does no checking of its own beyond what
parsing needs. Types come from the Table Schemas inlined in the descriptor (generated from schemas/).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import paths
from .types import typed


def read_raw(path: Path) -> pl.DataFrame:
    """Every column as text, empty cells as null, nothing inferred."""
    return pl.read_csv(path, infer_schema=False, empty_string_is_null=True)


def cast_frame(frame: pl.DataFrame, schema: dict) -> pl.DataFrame:
    """Every field cast to its registered type (core/types.py), as the checks read it."""
    return frame.select([typed(f) for f in schema["fields"]])


@dataclass
class Package:
    descriptor_path: Path
    descriptor: dict
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.descriptor_path.parent

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    def schema(self, name: str) -> dict:
        for res in self.descriptor["resources"]:
            if res["name"] == name:
                return res["schema"]
        raise KeyError(name)

    def rows(self, name: str) -> list[dict]:
        return self.tables[name].to_dicts()


def load(descriptor_path: Path = paths.DESCRIPTOR) -> Package:
    descriptor_path = Path(descriptor_path)
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    package = Package(descriptor_path, descriptor)
    for res in descriptor["resources"]:
        raw = read_raw(descriptor_path.parent / res["path"])
        package.tables[res["name"]] = cast_frame(raw, res["schema"])
    for source in package.tables["sources"].iter_rows(named=True):
        package.texts[source["source_id"]] = (descriptor_path.parent / source["path"]).read_bytes().decode("utf-8")
    return package
