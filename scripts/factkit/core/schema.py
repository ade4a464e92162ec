"""schemas/ is the one source of truth for every resource, field, type and constraint.

This module reads it once; the descriptor, the row checks and the data dictionary are all
derived from what it returns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from . import paths

# libyaml's parser where PyYAML has it (the pinned wheels do): the same documents, parsed about nine
# times faster than by the pure-Python SafeLoader. Every command that reads the schemas pays for it.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    title: str
    description: str
    schema: dict

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]


@cache
def load_package_meta(schemas_dir: Path = paths.SCHEMAS) -> dict:
    with (schemas_dir / paths.PACKAGE_META_NAME).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=LOADER)


def load_resources(schemas_dir: Path = paths.SCHEMAS) -> list[ResourceSpec]:
    meta = load_package_meta(schemas_dir)
    specs = []
    for entry in meta["resources"]:
        with (schemas_dir / f"{entry['name']}.yaml").open(encoding="utf-8") as handle:
            schema = yaml.load(handle, Loader=LOADER)
        specs.append(ResourceSpec(entry["name"], entry["title"], entry["description"], schema))
    return specs


def resource(name: str, schemas_dir: Path = paths.SCHEMAS) -> ResourceSpec:
    for spec in load_resources(schemas_dir):
        if spec.name == name:
            return spec
    raise KeyError(name)
