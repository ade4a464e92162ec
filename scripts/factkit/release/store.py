"""The releases/ folder: which releases it holds, in version order, and what each one's files are.

Light on purpose (no exports, no diff): the site lists releases on every build. Verifying them is
verify.py's work.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .names import MANIFEST, archive_name
from .policy import VersionError, parse_version
from .snapshot import Snapshot, from_zip


@dataclass(frozen=True)
class Release:
    version: str
    path: Path

    @property
    def key(self) -> tuple[int, int, int]:
        return parse_version(self.version)

    def manifest(self) -> dict:
        return json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))

    def package_zip(self) -> Path:
        return self.path / archive_name(self.manifest()["name"], self.version)

    def snapshot(self) -> Snapshot:
        return from_zip(self.package_zip())


def list_releases(releases_dir: Path) -> tuple[list[Release], list[str]]:
    """Releases in version order, and problems with entries that are not release folders."""
    releases, problems = [], []
    if not releases_dir.is_dir():
        return releases, problems
    for entry in sorted(releases_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in ("README.md",) or entry.name.endswith(".partial"):
            continue
        try:
            parse_version(entry.name)
        except VersionError:
            problems.append(f"{entry}: not a release folder (its name must be a version such as 1.0.0)")
            continue
        if not entry.is_dir():
            problems.append(f"{entry}: a release must be a folder")
            continue
        releases.append(Release(entry.name, entry))
    releases.sort(key=lambda r: r.key)
    return releases, problems


def latest(releases_dir: Path) -> Release | None:
    releases, _ = list_releases(releases_dir)
    return releases[-1] if releases else None


def of_version(releases_dir: Path, version: str) -> Release | None:
    """The release of exactly this version, or None when it is not released."""
    return next((r for r in list_releases(releases_dir)[0] if r.version == version), None)
