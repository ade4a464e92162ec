"""Validate a data package: the one entry point for the CLI, the site build and the benchmark.

    from factkit.checks.validate import validate
    report = validate("datapackage/datapackage.json")
    report.ok, report.errors, report.coverage, report.counts

Stages, in order: the descriptor (JSON, frictionless metadata validation, safe paths); each file
(present, non-empty, UTF-8, size and hash, header); the cells, derived from the Table Schemas
(pandera over polars); keys; provenance; semantics; dates, hedges and quoted mentions read
against the text; coverage. Row checks never use frictionless:
it checks about 20k rows/s, ours are vectorised.
"""
from __future__ import annotations

import threading
from pathlib import Path

from ..core import offsets
from .report import Report

# The checks that read the source texts, and frictionless' metadata check when it runs in this
# process: Python work that, after the files are read, runs on a thread of its own beside the other
# checks (mostly polars work, with the GIL released). Every check's findings reach the report in the
# order of the list below (Context.recording/replay).
TEXT_STAGES = {"sources", "sentences", "mentions", "anchors", "quoted mentions", "coverage", "metadata"}


def validate(descriptor_path: str | Path) -> Report:
    from . import metadata  # standard library only: nothing heavy before the child starts

    path = Path(descriptor_path)
    descriptor, error = metadata.read_descriptor(path)
    # frictionless checks the metadata in a child process while the files are read and checked
    # here; its findings join the report afterwards (see checks/metadata.py).
    pending = metadata.start(descriptor, path.parent) if descriptor is not None else None
    from . import coverage, dates, fields, hedges, keys, provenance, quotes, semantics, structure  # polars from here on
    from .context import Context

    ctx = Context(path, Report(str(descriptor_path)))
    if error:
        code, message, hint, line = error
        ctx.add(code, ctx.descriptor_name, message, hint, line=line)
        return ctx.report.finish()
    ctx.descriptor = descriptor
    stages = [
        ("files", lambda: structure.check_resources(ctx)),
        ("fields", lambda: fields.check(ctx)),
        ("keys", lambda: keys.check(ctx)),
        ("sources", lambda: provenance.check_sources(ctx)),
        ("sentences", lambda: provenance.check_sentences(ctx)),
        *[(name, lambda name=name, words=words: provenance.check_offsets(ctx, name, words)) for name, words in offsets.WORDS.items()],
        ("facts", lambda: semantics.check_anchors(ctx)),
        ("events", lambda: semantics.check_events(ctx)),
        ("claims", lambda: semantics.check_claims(ctx)),
        ("hops", lambda: semantics.check_hops(ctx)),
        ("quantities", lambda: semantics.check_quantities(ctx)),
        ("dates", lambda: dates.check(ctx)),
        ("hedges", lambda: hedges.check(ctx)),
        ("quoted mentions", lambda: quotes.check(ctx)),
        ("coverage", lambda: coverage.check(ctx)),
        ("metadata", lambda: structure.report_metadata(ctx, pending.result())),
    ]
    name, stage = stages[0]
    _guard(ctx, name, stage)  # the files, which every other check reads
    findings = {name: [] for name, _ in stages[1:]}
    results = {}

    def run(names: list[str]) -> None:
        for name, stage in stages[1:]:
            if name in names:
                with ctx.recording() as findings[name]:
                    results[name] = _guard(ctx, name, stage)

    texts = threading.Thread(target=run, args=([n for n in findings if n in TEXT_STAGES],))
    texts.start()
    run([n for n in findings if n not in TEXT_STAGES])
    texts.join()
    for name in findings:
        ctx.replay(findings[name])
    ctx.report.coverage = results.get("coverage") if isinstance(results.get("coverage"), dict) else None
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
