"""Where a repository keeps what releases read and write: the package, releases/, CHANGELOG.md,
CITATION.cff and the data licence. Tests point it at a copy; the site at the folder that holds the
package it builds.
"""
from __future__ import annotations

from pathlib import Path

from ..curation import descriptor
from .snapshot import LICENCE_NAME, Snapshot, from_directory


class Layout:
    def __init__(self, root: Path, package: Path | None = None):
        self.root = root
        self.package = package or root / "datapackage"
        self.releases = root / "releases"
        self.changelog = root / "CHANGELOG.md"
        self.citation = root / "CITATION.cff"
        self.licence = root / LICENCE_NAME

    @classmethod
    def of_package(cls, package_dir: Path) -> Layout:
        """The layout around a package folder: its parent plays the repository root (releases/ and
        the licence beside the package), as it does for the real package."""
        return cls(package_dir.parent, package_dir)

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
        if (schemas / "package.yaml").is_file() and not descriptor.is_fresh(self.package, schemas):
            return "datapackage/datapackage.json does not match schemas/ (a changed version or schema)"
        return None
