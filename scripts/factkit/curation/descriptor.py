"""Generate datapackage/datapackage.json from schemas/ and the CSV files, or refresh the sizes and
hashes of a package that stands alone.

The output is a pure function of its inputs except `created`, which is carried over from the
existing descriptor whenever nothing else changed, so regenerating an unchanged package is a no-op.
A package with a schemas/ folder beside it (this repository, or a copy) is regenerated from it; any
other package keeps its descriptor, inline schemas included, and only its files' `bytes` and `hash`
are brought up to date (`freshen`).
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


def _save(target: Path, fresh: dict, old: dict | None, now: datetime | None) -> bool:
    """Write `fresh`, keeping the old `created` when nothing else changed; True when it changed."""
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


def _read(target: Path) -> dict | None:
    if not target.exists():
        return None
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DescriptorError(f"{target}: not readable JSON ({exc}); restore it from git, or regenerate it from schemas/") from None


def write(package_dir: Path = paths.PACKAGE, schemas_dir: Path = paths.SCHEMAS, now: datetime | None = None) -> bool:
    """Write the descriptor; return True when its content changed."""
    target = package_dir / paths.DESCRIPTOR_NAME
    return _save(target, build(package_dir, schemas_dir), _read(target), now)


def stale_files(descriptor: dict, package_dir: Path) -> list[str]:
    """The resource paths whose file's size or sha256 differs from what the descriptor records."""
    stale = []
    for res in descriptor.get("resources", []):
        file = package_dir / res["path"] if isinstance(res, dict) and isinstance(res.get("path"), str) else None
        if file is not None and file.is_file():
            size, digest = file_digest(file)
            if (res.get("bytes"), res.get("hash")) != (size, f"sha256:{digest}"):
                stale.append(res["path"])
    return stale


def refresh(target: Path, now: datetime | None = None) -> list[str]:
    """Record the current size and sha256 of every file of a standalone package in its descriptor
    (nothing else changes); return the paths that were stale."""
    old = _read(target)
    if old is None:
        raise DescriptorError(f"no {paths.DESCRIPTOR_NAME} at {target}, and no schemas/ beside the package to generate one from")
    fresh = json.loads(json.dumps(old))
    stale = stale_files(fresh, target.parent)
    for res in fresh["resources"]:
        if res.get("path") in stale:
            size, digest = file_digest(target.parent / res["path"])
            res["bytes"], res["hash"] = size, f"sha256:{digest}"
    _save(target, fresh, old, now)
    return stale


def freshen(target: Path, check: bool = False) -> tuple[bool, Path | None]:
    """Bring the descriptor at `target` up to date (with check, only compare). Returns whether it
    was stale, and the schemas/ folder it is generated from (None: only sizes and hashes refreshed)."""
    package_dir = target.parent
    schemas_dir = paths.schemas_for(package_dir)
    if schemas_dir is not None:
        return (not is_fresh(package_dir, schemas_dir)) if check else write(package_dir, schemas_dir), schemas_dir
    if not check:
        return bool(refresh(target)), None
    old = _read(target)
    if old is None:
        raise DescriptorError(f"no {paths.DESCRIPTOR_NAME} at {target}")
    return bool(stale_files(old, package_dir)), None


def is_fresh(package_dir: Path = paths.PACKAGE, schemas_dir: Path = paths.SCHEMAS) -> bool:
    target = package_dir / paths.DESCRIPTOR_NAME
    if not target.exists():
        return False
    old = json.loads(target.read_text(encoding="utf-8"))
    return _without_created(old) == _without_created(build(package_dir, schemas_dir))
