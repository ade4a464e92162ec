"""Build every file of one release from a Snapshot: a pure function of the package's bytes, the
release date, the previous release's package and the toolchain (recorded in the manifest).

Cutting a release and rebuilding it from its own archive both call `build_release`, which is what
makes "rebuilding reproduces every file byte for byte" checkable.
"""
from __future__ import annotations

import json

from . import exports
from .archive import zip_bytes
from .diff import diff_snapshots
from .manifest import render_manifest, render_sums, toolchain
from .names import CSV_ZIP, DIFF, JSON, MANIFEST, PACKAGE_ZIP, PARQUET_ZIP, SQLITE, SUMS, release_files, stem
from .policy import assess
from .snapshot import Snapshot


def diff_document(previous: Snapshot | None, snapshot: Snapshot) -> dict:
    if previous is None:
        return {"version": snapshot.version, "previous": None, "bump": None, "changes": [], "problems": [], "resources": []}
    diffs = diff_snapshots(previous, snapshot)
    assessment = assess(previous, snapshot, diffs)
    return {
        "version": snapshot.version,
        "previous": previous.version,
        "bump": {"declared": assessment.declared.name if assessment.declared is not None else None, "required": assessment.required.name},
        "changes": [c.to_dict() for c in assessment.changes],
        "problems": assessment.problems,
        "resources": [d.to_dict() for d in diffs if not d.is_unchanged],
    }


def build_release(snapshot: Snapshot, day: str, previous: Snapshot | None) -> dict[str, bytes]:
    base = stem(snapshot.name, snapshot.version)
    files = {
        base + PACKAGE_ZIP: zip_bytes(snapshot.files, day, prefix=base),
        base + CSV_ZIP: exports.csv_zip(snapshot, day),
        base + SQLITE: exports.sqlite_bytes(snapshot),
        base + JSON: exports.json_bytes(snapshot),
        base + PARQUET_ZIP: exports.parquet_zip(snapshot, day),
        DIFF: (json.dumps(diff_document(previous, snapshot), indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
    }
    meta = {
        "name": snapshot.name,
        "title": snapshot.descriptor.get("title", ""),
        "version": snapshot.version,
        "date": day,
        "previous": previous.version if previous is not None else None,
        "descriptor_created": snapshot.descriptor.get("created", ""),
        "counts": {res["name"]: len(snapshot.table(res["name"])[1]) for res in snapshot.resources()},
        "built_with": toolchain(),
    }
    files[MANIFEST] = render_manifest(meta, files, release_files(snapshot.name, snapshot.version))
    files[SUMS] = render_sums(files)
    return files
