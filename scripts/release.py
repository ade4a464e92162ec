#!/usr/bin/env python3
"""Versioned releases of the data package: check the version bump, cut, verify, diff, changelog.

  python scripts/release.py check       exit 1 when the declared version is too small for the changes
  python scripts/release.py cut         validate, then freeze releases/<version>/ (refuses to reuse a version)
  python scripts/release.py verify      re-verify every release: sums, manifest, byte-for-byte rebuild, git history
  python scripts/release.py diff [A] [B]  row-level diff between two releases (default: latest vs working)
  python scripts/release.py changelog   regenerate CHANGELOG.md from releases/ (--check: exit 1 if stale)

Exit codes: 0 ok, 1 a check failed (each reason is printed), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import date as Date
from pathlib import Path

from factkit.core import paths
from factkit.release import changelog, citation
from factkit.release.build import build_release
from factkit.release.diff import diff_snapshots
from factkit.release.policy import Bump, VersionError, assess, next_versions, parse_version
from factkit.release.snapshot import LICENCE_NAME, Snapshot, SnapshotError, from_directory
from factkit.release.store import latest, list_releases, verify_all


class Layout:
    """Where a repository keeps what releases read and write (tests point it at a copy)."""

    def __init__(self, root: Path):
        self.root = root
        self.package = root / "datapackage"
        self.releases = root / "releases"
        self.changelog = root / "CHANGELOG.md"
        self.citation = root / "CITATION.cff"
        self.licence = root / LICENCE_NAME

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def working(self) -> Snapshot:
        return from_directory(self.package, self.licence)

    def stale_descriptor(self, working: Snapshot) -> str | None:
        """Why datapackage.json does not reflect schemas/ and the CSVs (version included), or None."""
        stale = working.check_hashes()
        if stale:
            return "; ".join(stale)
        schemas = self.root / "schemas"
        if (schemas / "package.yaml").is_file():
            from factkit.curation import descriptor

            if not descriptor.is_fresh(self.package, schemas):
                return "datapackage/datapackage.json does not match schemas/ (a changed version or schema)"
        return None


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _assessment_lines(assessment) -> list[str]:
    lines = [f"  {c.line()}" for c in assessment.changes]
    lines += [f"  PROBLEM  {p}" for p in assessment.problems]
    return lines


def cmd_check(layout: Layout, args) -> int:
    working = layout.working()
    try:
        parse_version(working.version)
    except VersionError as exc:
        return _fail(f"{layout.rel(layout.package)}/datapackage.json: {exc}; set `version` in schemas/package.yaml")
    stale = layout.stale_descriptor(working)
    if stale:
        return _fail(f"the descriptor is stale: {stale}; run `python scripts/build_descriptor.py`")
    release = latest(layout.releases)
    if release is None:
        print(f"release check: nothing released yet; working version {working.version} (the first release is diffed against nothing)")
        return 0
    old = release.snapshot()
    assessment = assess(old, working, diff_snapshots(old, working))
    required, declared = assessment.required, assessment.declared
    print(f"release check: working version {working.version} against the latest release {old.version} ({layout.rel(release.path)})")
    for line in _assessment_lines(assessment):
        print(line)
    if assessment.ok:
        if not assessment.changes:
            print(f"ok: no change since {old.version}" + ("" if declared is Bump.NONE else f"; version {working.version} is ready to cut"))
        else:
            print(f"ok: the changes need a {required.name} bump; {working.version} is a {declared.name} bump")
        return 0
    if declared is not None and declared < required:
        wanted = next_versions(old.version)[required]
        print(f"FAIL: the changes need a {required.name} bump, but {working.version} is " + ("the released version itself" if declared is Bump.NONE else f"only a {declared.name} bump") + f" from {old.version}", file=sys.stderr)
        print(f"fix: set `version: {wanted}` in schemas/package.yaml, then run `python scripts/build_descriptor.py`", file=sys.stderr)
    else:
        print(f"FAIL: {len(assessment.problems)} problem(s) listed above", file=sys.stderr)
    return 1


def _validate(layout: Layout) -> str | None:
    """None when the package is valid, else the report text."""
    descriptor = layout.package / "datapackage.json"
    try:
        from factkit.checks.validate import validate
    except ImportError:  # the validator is another module's work; never cut without some validation
        from frictionless import validate as stock

        report = stock(str(descriptor))
        print("warning: factkit.validate is not available: validated with stock frictionless only", file=sys.stderr)
        return None if report.valid else "\n".join(f"{e.type}: {e.message}" for task in report.tasks for e in task.errors)
    report = validate(descriptor)
    if report.ok:
        print("\n".join(report.to_text().splitlines()[-2:]))
        return None
    return report.to_text()


def cmd_cut(layout: Layout, args) -> int:
    working = layout.working()
    try:
        parse_version(working.version)
    except VersionError as exc:
        return _fail(f"{exc}; set `version` in schemas/package.yaml and run `python scripts/build_descriptor.py`")
    stale = layout.stale_descriptor(working)
    if stale:
        return _fail(f"the descriptor is stale: {stale}; run `python scripts/build_descriptor.py`")
    target = layout.releases / working.version
    if target.exists():
        return _fail(f"version {working.version} is already released ({layout.rel(target)}); releases never change: bump `version` in schemas/package.yaml")
    problems = _validate(layout)
    if problems:
        print(problems, file=sys.stderr)
        return _fail("the package does not validate; nothing was released")
    day = args.date or working.created_date
    try:
        Date.fromisoformat(day)
    except ValueError:
        return _fail(f"release date {day!r} is not YYYY-MM-DD (pass --date, or regenerate the descriptor so it has `created`)")
    releases, bad = list_releases(layout.releases)
    if bad:
        return _fail("; ".join(bad))
    previous = releases[-1] if releases else None
    before = previous.snapshot() if previous else None
    if before is not None:
        assessment = assess(before, working, diff_snapshots(before, working))
        if not assessment.ok:
            for line in _assessment_lines(assessment):
                print(line, file=sys.stderr)
            return _fail(f"version {working.version} does not fit the changes since {before.version} (run `python scripts/release.py check`); nothing was released")
    files = build_release(working, day, before)
    # Prove reproducibility before publishing: rebuild from the archive just built.
    import io

    from factkit.release.snapshot import from_zip

    stem = f"{working.name}-{working.version}"
    rebuilt = build_release(from_zip(io.BytesIO(files[f"{stem}.zip"])), day, before)
    if rebuilt != files:
        differ = sorted(n for n in files if rebuilt.get(n) != files[n])
        return _fail(f"rebuilding from the new archive does not reproduce {', '.join(differ)}; nothing was released")
    partial = layout.releases / f"{working.version}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    for name, data in files.items():
        (partial / name).write_bytes(data)
    partial.rename(target)
    changelog.write(layout.releases, layout.changelog)
    citation.update(layout.citation, working.version, day)
    print(f"released {working.version} ({day}) into {layout.rel(target)}:")
    for name in sorted(files):
        print(f"  {len(files[name]):>10,}  {name}")
    print(f"updated {layout.rel(layout.changelog)} and {layout.rel(layout.citation)}")
    paths_to_commit = [layout.rel(target), layout.rel(layout.changelog), layout.rel(layout.citation), layout.rel(layout.package / "datapackage.json"), "schemas/package.yaml"]
    print(f"next: git add {' '.join(paths_to_commit)} && git commit -m 'Release {working.version}' -- {' '.join(paths_to_commit)}")
    return 0


def cmd_verify(layout: Layout, args) -> int:
    problems, notes = verify_all(layout.releases, rebuild=not args.no_rebuild, history=not args.no_history)
    if not changelog.is_fresh(layout.releases, layout.changelog):
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
        print(note)
    for problem in problems:
        print(f"  PROBLEM  {problem}", file=sys.stderr)
    if not releases:
        print("no release yet: nothing to verify")
    return 1 if problems else 0


def _resolve(layout: Layout, name: str) -> Snapshot:
    if name == "working":
        return layout.working()
    for release in list_releases(layout.releases)[0]:
        if release.version == name:
            return release.snapshot()
    raise SnapshotError(f"no release {name} in {layout.rel(layout.releases)} (and not 'working')")


def cmd_diff(layout: Layout, args) -> int:
    newest = latest(layout.releases)
    old_name = args.old or (newest.version if newest else None)
    if old_name is None:
        return _fail("nothing released yet: name two versions, or cut a release first")
    old, new = _resolve(layout, old_name), _resolve(layout, args.new)
    diffs = diff_snapshots(old, new)
    if args.json:
        print(json.dumps([d.to_dict() for d in diffs if not d.is_unchanged], indent=2, ensure_ascii=False))
        return 0
    assessment = assess(old, new, diffs)
    print(f"diff {old.version} -> {new.version} (required bump {assessment.required.name})")
    for line in _assessment_lines(assessment):
        print(line)
    for d in diffs:
        if not d.is_unchanged:
            print("\n".join(changelog._resource_lines(d.to_dict())))
    return 0


def cmd_changelog(layout: Layout, args) -> int:
    if args.check:
        if changelog.is_fresh(layout.releases, layout.changelog):
            print(f"{layout.rel(layout.changelog)} is up to date")
            return 0
        return _fail(f"{layout.rel(layout.changelog)} is stale: run `python scripts/release.py changelog`")
    changed = changelog.write(layout.releases, layout.changelog)
    print(f"{layout.rel(layout.changelog)} " + ("updated" if changed else "already up to date"))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=paths.ROOT, help="repository root holding datapackage/ and releases/ (default: this repository)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="exit 1 when the declared version is not large enough for the changes since the latest release")
    cut = sub.add_parser("cut", help="validate and freeze the working package as releases/<version>/")
    cut.add_argument("--date", help="release date YYYY-MM-DD (default: the date of the descriptor's `created`)")
    verify = sub.add_parser("verify", help="re-verify every release (sums, manifest, rebuild, git history)")
    verify.add_argument("--no-rebuild", action="store_true", help="skip the byte-for-byte rebuild")
    verify.add_argument("--no-history", action="store_true", help="skip the git history check")
    diff = sub.add_parser("diff", help="row-level diff between two versions ('working' is the working package)")
    diff.add_argument("old", nargs="?", help="a released version (default: the latest)")
    diff.add_argument("new", nargs="?", default="working", help="a released version or 'working' (default)")
    diff.add_argument("--json", action="store_true", help="machine-readable output")
    log = sub.add_parser("changelog", help="regenerate CHANGELOG.md from releases/")
    log.add_argument("--check", action="store_true", help="exit 1 when CHANGELOG.md is stale, without writing")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    layout = Layout(args.root.resolve())
    command = {"check": cmd_check, "cut": cmd_cut, "verify": cmd_verify, "diff": cmd_diff, "changelog": cmd_changelog}[args.command]
    try:
        return command(layout, args)
    except (SnapshotError, VersionError, OSError, ValueError) as exc:
        return _fail(str(exc))


if __name__ == "__main__":
    sys.exit(main())
