"""Validate a data package: the one entry point for the CLI, the site build and the benchmark.

    from factkit.validate import validate
    report = validate("datapackage/datapackage.json")
    report.ok, report.errors, report.coverage, report.counts

Stages, in order: the descriptor (JSON, frictionless metadata validation, safe paths); each file
(present, non-empty, UTF-8, size and hash, header); the cells, derived from the Table Schemas
(pandera over polars); keys; provenance; semantics; coverage. Row checks never use frictionless:
it checks about 20k rows/s, ours are vectorised.
"""
from __future__ import annotations

import threading
from pathlib import Path

from .report import Report


def validate(descriptor_path: str | Path) -> Report:
    from .checks import coverage, fields, keys, provenance, semantics, structure
    from .checks.context import Context

    path = Path(descriptor_path)
    ctx = Context(path, Report(str(descriptor_path)))
    if not _guard(ctx, "descriptor", lambda: structure.load_descriptor(ctx)):
        return ctx.report.finish()
    # frictionless (about 0.5 s to import and run) checks the metadata in a worker thread while the
    # files are read and checked; its findings join the report afterwards.
    metadata: dict = {}

    def metadata_worker():
        try:
            metadata["problems"] = structure.metadata_problems(ctx.descriptor, ctx.root)
        except Exception as exc:  # noqa: BLE001  (reported as internal-error below)
            metadata["crash"] = exc

    worker = threading.Thread(target=metadata_worker, name="frictionless-metadata", daemon=True)
    worker.start()
    stages = [
        ("files", lambda: structure.check_resources(ctx)),
        ("fields", lambda: fields.check(ctx)),
        ("keys", lambda: keys.check(ctx)),
        ("sources", lambda: provenance.check_sources(ctx)),
        ("sentences", lambda: provenance.check_sentences(ctx)),
        ("mentions", lambda: provenance.check_offsets(ctx, "mentions", "mention_id", "surface")),
        ("anchors", lambda: provenance.check_offsets(ctx, "anchors", "anchor_id", "quote")),
        ("facts", lambda: semantics.check_anchors(ctx)),
        ("events", lambda: semantics.check_events(ctx)),
        ("claims", lambda: semantics.check_claims(ctx)),
        ("hops", lambda: semantics.check_hops(ctx)),
        ("quantities", lambda: semantics.check_quantities(ctx)),
    ]
    for name, stage in stages:
        _guard(ctx, name, stage)
    worker.join()
    if "crash" in metadata:
        _guard(ctx, "metadata", lambda: (_ for _ in ()).throw(metadata["crash"]))
    _guard(ctx, "metadata", lambda: structure.report_metadata(ctx, metadata.get("problems", [])))
    result = _guard(ctx, "coverage", lambda: coverage.check(ctx))
    ctx.report.coverage = result if isinstance(result, dict) else None
    return ctx.report.finish()


def _guard(ctx, name: str, stage):
    """Run one stage; a crash becomes an internal-error naming the stage, and the others still run.
    Tests (fuzzing included) assert that this never happens: each check must handle its input."""
    try:
        return stage()
    except Exception as exc:  # noqa: BLE001  (last line of defence; never shown as a traceback)
        ctx.add("internal-error", ctx.descriptor_name, f"the {name} check crashed: {type(exc).__name__}: {str(exc)[:300]}",
                "this is a bug in the validator: please report it with the input that caused it")
        return None
