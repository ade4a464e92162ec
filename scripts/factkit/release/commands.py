"""The release commands (check, cut, verify, diff, changelog) as functions over a Layout.

Each returns an Outcome: the lines to print, in order, each for stdout or stderr, and the exit
status (0 ok, 1 a check failed, every reason printed). `scripts/release.py` parses the arguments,
calls one of these through `run` and prints the outcome.
"""
from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date

from ..checks.validate import validate
from . import changelog as log
from . import citation
from .build import build_release
from .diff import diff_snapshots
from .layout import Layout
from .names import archive_name
from .policy import Assessment, Bump, VersionError, assess, next_versions, parse_version
from .snapshot import Snapshot, SnapshotError, from_zip
from .store import latest, list_releases, of_version
from .verify import verify_all

DESCRIPTOR_FIX = "run `python scripts/build_descriptor.py`"


@dataclass
class Outcome:
    lines: list[tuple[str, str]] = field(default_factory=list)  # (stream: "out" | "err", text)
    code: int = 0

    def out(self, text: str) -> None:
        self.lines.append(("out", text))

    def err(self, text: str) -> None:
        self.lines.append(("err", text))

    def fail(self, message: str) -> Outcome:
        self.err(f"error: {message}")
        self.code = 1
        return self


def run(command: Callable[..., Outcome], layout: Layout, **options) -> Outcome:
    """Call a command; a package or release that cannot be read is a failure with its message."""
    try:
        return command(layout, **options)
    except (SnapshotError, VersionError, OSError, ValueError) as exc:
        return Outcome().fail(str(exc))


def _assessment_lines(assessment: Assessment) -> list[str]:
    lines = [f"  {c.line()}" for c in assessment.changes]
    lines += [f"  PROBLEM  {p}" for p in assessment.problems]
    return lines


def _unready(layout: Layout, working) -> str | None:
    """Why the working package cannot be checked or cut as it is: its version, or a stale descriptor."""
    try:
        parse_version(working.version)
    except VersionError as exc:
        return f"{layout.rel(layout.package)}/datapackage.json: {exc}; set `version` in schemas/package.yaml and {DESCRIPTOR_FIX}"
    stale = layout.stale_descriptor(working)
    return f"the descriptor is stale: {stale}; {DESCRIPTOR_FIX}" if stale else None


def check(layout: Layout) -> Outcome:
    result = Outcome()
    working = layout.working()
    if problem := _unready(layout, working):
        return result.fail(problem)
    release = latest(layout.releases)
    if release is None:
        result.out(f"release check: nothing released yet; working version {working.version} (the first release is diffed against nothing)")
        return result
    old = release.snapshot()
    assessment = assess(old, working, diff_snapshots(old, working))
    required, declared = assessment.required, assessment.declared
    result.out(f"release check: working version {working.version} against the latest release {old.version} ({layout.rel(release.path)})")
    for line in _assessment_lines(assessment):
        result.out(line)
    if assessment.ok:
        if not assessment.changes:
            result.out(f"ok: no change since {old.version}" + ("" if declared is Bump.NONE else f"; version {working.version} is ready to cut"))
        else:
            result.out(f"ok: the changes need a {required.name} bump; {working.version} is a {declared.name} bump")
        return result
    result.code = 1
    if declared is not None and declared < required:
        wanted = next_versions(old.version)[required]
        result.err(f"FAIL: the changes need a {required.name} bump, but "
                   + (f"the version is still {old.version}, the latest release's" if declared is Bump.NONE
                      else f"{working.version} is only a {declared.name} bump from {old.version}"))
        result.err(f"fix: set `version: {wanted}` in schemas/package.yaml, then run `python scripts/build_descriptor.py`")
    else:
        result.err(f"FAIL: {len(assessment.problems)} problem(s) listed above")
    return result


def cut(layout: Layout, date: str | None = None) -> Outcome:
    result = Outcome()
    working = layout.working()
    if problem := _unready(layout, working):
        return result.fail(problem)
    target = layout.releases / working.version
    if target.exists():
        return result.fail(f"version {working.version} is already released ({layout.rel(target)}); releases never change: bump `version` in schemas/package.yaml")
    report = validate(layout.package / "datapackage.json")
    if not report.ok:
        result.err(report.to_text())
        return result.fail("the package does not validate; nothing was released")
    for line in report.to_text().splitlines()[-2:]:
        result.out(line)
    day = date or working.created_date
    try:
        Date.fromisoformat(day)
    except ValueError:
        return result.fail(f"release date {day!r} is not YYYY-MM-DD (pass --date, or regenerate the descriptor so it has `created`)")
    releases, bad = list_releases(layout.releases)
    if bad:
        return result.fail("; ".join(bad))
    before = releases[-1].snapshot() if releases else None
    if before is not None:
        assessment = assess(before, working, diff_snapshots(before, working))
        if not assessment.ok:
            for line in _assessment_lines(assessment):
                result.err(line)
            return result.fail(f"version {working.version} does not fit the changes since {before.version} (run `python scripts/release.py check`); nothing was released")
    files = build_release(working, day, before)
    # Prove reproducibility before publishing: rebuild from the archive just built.
    rebuilt = build_release(from_zip(io.BytesIO(files[archive_name(working.name, working.version)])), day, before)
    if rebuilt != files:
        differ = sorted(n for n in files if rebuilt.get(n) != files[n])
        return result.fail(f"rebuilding from the new archive does not reproduce {', '.join(differ)}; nothing was released")
    partial = layout.releases / f"{working.version}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    for name, data in files.items():
        (partial / name).write_bytes(data)
    partial.rename(target)
    log.write(layout.releases, layout.changelog)
    citation.update(layout.citation, working.version, day)
    result.out(f"released {working.version} ({day}) into {layout.rel(target)}:")
    for name in sorted(files):
        result.out(f"  {len(files[name]):>10,}  {name}")
    result.out(f"updated {layout.rel(layout.changelog)} and {layout.rel(layout.citation)}")
    to_commit = " ".join([layout.rel(target), layout.rel(layout.changelog), layout.rel(layout.citation),
                          layout.rel(layout.package / "datapackage.json"), "schemas/package.yaml"])
    result.out(f"next: git add {to_commit} && git commit -m 'Release {working.version}' -- {to_commit}")
    return result


def verify(layout: Layout, rebuild: bool = True, history: bool = True) -> Outcome:
    result = Outcome()
    problems, notes = verify_all(layout.releases, rebuild=rebuild, history=history)
    if not log.is_fresh(layout.releases, layout.changelog):
        problems.append(f"{layout.rel(layout.changelog)} is not the one generated from releases/: run `python scripts/release.py changelog`")
    releases, _ = list_releases(layout.releases)
    if layout.citation.is_file():
        # CITATION.cff follows the version being worked on (tests/test_repo_hygiene.py), and `cut`
        # writes the release date beside it: a date-released must be the date of that release.
        cff = citation.read(layout.citation)
        dates = {r.version: r.manifest().get("date") for r in releases}
        if "date-released" in cff and dates.get(cff.get("version")) != cff["date-released"]:
            problems.append(f"{layout.rel(layout.citation)}: date-released {cff['date-released']} is not the date of a release {cff.get('version')} "
                            f"({dates.get(cff.get('version')) or 'not released'}); `cut` writes both")
    for note in notes:
        result.out(note)
    for problem in problems:
        result.err(f"  PROBLEM  {problem}")
    if not releases:
        result.out("no release yet: nothing to verify")
    result.code = 1 if problems else 0
    return result


def _resolve(layout: Layout, name: str) -> Snapshot:
    if name == "working":
        return layout.working()
    release = of_version(layout.releases, name)
    if release is None:
        raise SnapshotError(f"no release {name} in {layout.rel(layout.releases)} (and not 'working')")
    return release.snapshot()


def diff(layout: Layout, old: str | None = None, new: str = "working", as_json: bool = False) -> Outcome:
    result = Outcome()
    newest = latest(layout.releases)
    old_name = old or (newest.version if newest else None)
    if old_name is None:
        return result.fail("nothing released yet: name two versions, or cut a release first")
    before, after = _resolve(layout, old_name), _resolve(layout, new)
    diffs = diff_snapshots(before, after)
    if as_json:
        result.out(json.dumps([d.to_dict() for d in diffs if not d.is_unchanged], indent=2, ensure_ascii=False))
        return result
    assessment = assess(before, after, diffs)
    result.out(f"diff {before.version} -> {after.version} (required bump {assessment.required.name})")
    for line in _assessment_lines(assessment):
        result.out(line)
    for d in diffs:
        if not d.is_unchanged:
            result.out("\n".join(log.resource_lines(d.to_dict())))
    return result


def changelog(layout: Layout, check: bool = False) -> Outcome:
    result = Outcome()
    name = layout.rel(layout.changelog)
    if check:
        if log.is_fresh(layout.releases, layout.changelog):
            result.out(f"{name} is up to date")
            return result
        return result.fail(f"{name} is stale: run `python scripts/release.py changelog`")
    changed = log.write(layout.releases, layout.changelog)
    result.out(f"{name} " + ("updated" if changed else "already up to date"))
    return result
