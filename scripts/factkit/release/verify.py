"""Verifying releases/: a published release never changes.

`verify` checks each folder three ways: its files against SHA256SUMS and manifest.json; a rebuild
from its own archived package compared byte for byte; and git history, which must show every file
under releases/ added once and never modified or deleted afterwards (so editing an archive together
with its manifest and sums is still caught).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from .build import build_release
from .manifest import parse_sums, sha256, toolchain
from .names import MANIFEST, SUMS
from .snapshot import SnapshotError
from .store import Release, list_releases


def verify_files(release: Release) -> list[str]:
    """The folder's bytes against SHA256SUMS and the manifest; nothing missing, nothing extra."""
    where = str(release.path)
    problems = []
    try:
        manifest = release.manifest()
    except (OSError, ValueError) as exc:
        return [f"{where}: cannot read {MANIFEST} ({exc})"]
    try:
        sums = parse_sums((release.path / SUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{where}: cannot read {SUMS} ({exc})"]
    if manifest.get("version") != release.version:
        problems.append(f"{where}/{MANIFEST}: version {manifest.get('version')!r} does not match the folder name {release.version}")
    present = {p.name for p in release.path.iterdir() if p.is_file()}
    listed = {f["name"] for f in manifest.get("files", [])}
    for extra in sorted(present - set(sums) - {SUMS}):
        problems.append(f"{where}/{extra}: not listed in {SUMS}; a release folder holds only its published files")
    for name, digest in sorted(sums.items()):
        path = release.path / name
        if not path.is_file():
            problems.append(f"{where}/{name}: listed in {SUMS} but missing")
        elif sha256(path.read_bytes()) != digest:
            problems.append(f"{where}/{name}: sha256 does not match {SUMS}: the file was modified after release")
    for entry in manifest.get("files", []):
        path = release.path / entry["name"]
        if entry["name"] not in sums:
            problems.append(f"{where}/{entry['name']}: in {MANIFEST} but not in {SUMS}")
        if path.is_file():
            data = path.read_bytes()
            if sha256(data) != entry.get("sha256") or len(data) != entry.get("bytes"):
                problems.append(f"{where}/{entry['name']}: size or sha256 does not match {MANIFEST}")
    for name in sorted(set(sums) - listed - {MANIFEST}):
        problems.append(f"{where}/{name}: in {SUMS} but not in {MANIFEST}")
    return problems


def rebuild_problems(release: Release, previous: Release | None) -> list[str]:
    """Rebuild the release from its own archived package and compare every file byte for byte."""
    where = str(release.path)
    try:
        manifest = release.manifest()
        snapshot = release.snapshot()
        before = previous.snapshot() if previous is not None else None
        rebuilt = build_release(snapshot, manifest["date"], before)
    except (OSError, ValueError, KeyError, SnapshotError) as exc:
        return [f"{where}: cannot rebuild from its archive ({type(exc).__name__}: {exc})"]
    problems = []
    if snapshot.version != release.version:
        problems.append(f"{where}: the archived datapackage.json says version {snapshot.version}, the folder {release.version}")
    for name, data in sorted(rebuilt.items()):
        path = release.path / name
        if not path.is_file() or path.read_bytes() != data:
            problems.append(f"{where}/{name}: rebuilding from the archived package does not reproduce this file byte for byte")
    if problems:
        recorded, current = manifest.get("built_with", {}), toolchain()
        differ = {k: (recorded.get(k), v) for k, v in current.items() if recorded.get(k) != v}
        if differ:
            problems.append(f"{where}: built with {', '.join(f'{k} {a}' for k, (a, _) in differ.items())}; running {', '.join(f'{k} {b}' for k, (_, b) in differ.items())}: install the pinned versions (requirements.txt) to rebuild exactly")
    return problems


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False)


def history_problems(releases_dir: Path) -> tuple[list[str], str]:
    """(problems, note). Every file under releases/ must be added once and never touched again."""
    try:
        top = _git(releases_dir, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return [], "history not checked: git is not installed"
    if top.returncode != 0:
        return [], "history not checked: releases/ is not inside a git repository"
    root = Path(top.stdout.strip())
    spec = releases_dir.resolve().relative_to(root.resolve()).as_posix() or "."
    log = _git(root, "log", "--no-renames", "--reverse", "--format=commit %H", "--name-status", "--", spec)
    if log.returncode != 0:
        return [f"git log failed: {log.stderr.strip()}"], ""
    history: dict[str, list[tuple[str, str]]] = {}
    commit = ""
    for line in log.stdout.splitlines():
        if line.startswith("commit "):
            commit = line.split()[1][:12]
        elif line.strip():
            status, _, path = line.partition("\t")
            history.setdefault(path, []).append((status[:1], commit))
    problems = []
    for path, events in sorted(history.items()):
        first_status, first_commit = events[0]
        if first_status != "A":
            problems.append(f"{path}: history starts with status {first_status} in {first_commit}")
        for status, commit in events[1:]:
            verb = {"M": "modified", "D": "deleted", "A": "re-added"}.get(status, f"changed ({status})")
            problems.append(f"{path}: {verb} in commit {commit}, after commit {first_commit} added it; published releases never change")
    status = _git(root, "status", "--porcelain", "--untracked-files=no", "--", spec)
    for line in status.stdout.splitlines():
        problems.append(f"{line[3:]}: uncommitted change to a released file ({line[:2].strip()}); restore it with git")
    return problems, f"history checked: {len(history)} released file(s) in git"


def verify_all(releases_dir: Path, rebuild: bool = True, history: bool = True) -> tuple[list[str], list[str]]:
    """(problems, notes) for every release in releases_dir."""
    releases, problems = list_releases(releases_dir)
    notes = []
    for i, release in enumerate(releases):
        found = verify_files(release)
        if rebuild and not found:
            found += rebuild_problems(release, releases[i - 1] if i > 0 else None)
        problems += found
        notes.append(f"{release.version}: " + ("ok" if not found else f"{len(found)} problem(s)") + (" (files, sums, manifest, rebuild)" if rebuild else " (files, sums, manifest)"))
    if history:
        found, note = history_problems(releases_dir)
        problems += found
        if note:
            notes.append(note)
    return problems, notes
