"""Generate datapackage/datapackage.json from schemas/ and the CSV files.

The output is a pure function of its inputs except `created`, which is carried over from the
existing descriptor whenever nothing else changed, so regenerating an unchanged package is a no-op.
"""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from ..core import paths
from ..core.schema import load_package_meta, load_resources
from ..core.types import UnknownType, field_type

PROFILE = "tabular-data-package"


def file_digest(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


class DescriptorError(Exception):
    """The schemas cannot become a descriptor (the message names the file and field)."""


def _check_types(spec) -> None:
    for f in spec.schema.get("fields", []):
        try:
            field_type(f)
        except UnknownType as exc:
            raise DescriptorError(f"schemas/{spec.name}.yaml: {exc}") from None


def _resource_descriptor(spec, package_dir: Path) -> dict:
    _check_types(spec)
    size, digest = file_digest(package_dir / spec.path)
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "path": spec.path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{digest}",
        "schema": spec.schema,
    }


def build(package_dir: Path = paths.PACKAGE, schemas_dir: Path = paths.SCHEMAS) -> dict:
    meta = load_package_meta(schemas_dir)
    descriptor = {"profile": PROFILE}
    for key in ("name", "title", "description", "version", "homepage", "keywords", "licenses", "contributors", "sources"):
        if key in meta:
            descriptor[key] = meta[key]
    descriptor["created"] = None
    descriptor["resources"] = [_resource_descriptor(spec, package_dir) for spec in load_resources(schemas_dir)]
    return descriptor


def _without_created(descriptor: dict) -> dict:
    return {k: v for k, v in descriptor.items() if k != "created"}


def render(descriptor: dict) -> str:
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def write(package_dir: Path = paths.PACKAGE, schemas_dir: Path = paths.SCHEMAS, now: datetime | None = None) -> bool:
    """Write the descriptor; return True when its content changed."""
    target = package_dir / paths.DESCRIPTOR_NAME
    fresh = build(package_dir, schemas_dir)
    old = json.loads(target.read_text(encoding="utf-8")) if target.exists() else None
    if old is not None and _without_created(old) == _without_created(fresh) and old.get("created"):
        fresh["created"] = old["created"]
    else:
        moment = now or datetime.now(UTC)
        fresh["created"] = moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = render(fresh)
    changed = old is None or render(old) != text
    if changed:
        target.write_bytes(text.encode("utf-8"))
    return changed


def is_fresh(package_dir: Path = paths.PACKAGE, schemas_dir: Path = paths.SCHEMAS) -> bool:
    target = package_dir / paths.DESCRIPTOR_NAME
    if not target.exists():
        return False
    old = json.loads(target.read_text(encoding="utf-8"))
    return _without_created(old) == _without_created(build(package_dir, schemas_dir))
