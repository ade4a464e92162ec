"""The whole package as one zip, as the site's Downloads page serves it, from the release's writer.

When the working package is released (a release of its version exists, and its archive holds
exactly the working files), the zip is that frozen archive, byte for byte. Otherwise it is the
same writer's zip of the working files, named `<name>-<version>-unreleased.zip`: a file that is
not a release never takes a release's name, so two different files never share one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .archive import zip_bytes
from .layout import Layout
from .names import PACKAGE_ZIP, unreleased_stem
from .snapshot import Snapshot, from_zip
from .store import of_version

# The zip format's first day, for a descriptor without a usable `created` date.
ZIP_EPOCH = "1980-01-01"


@dataclass(frozen=True)
class PackageArchive:
    name: str                # the zip's file name
    content: bytes
    version: str             # the working package's version
    released: bool           # True: this is release `version`'s archive, byte for byte
    version_released: bool   # a release of `version` exists (when not `released`, its files differ from the working ones)


def _day(working: Snapshot) -> str:
    """The working package's `created` date, so the same package always gives the same zip."""
    try:
        return working.created_date if date.fromisoformat(working.created_date).isoformat() >= ZIP_EPOCH else ZIP_EPOCH
    except ValueError:
        return ZIP_EPOCH


def package_archive(layout: Layout, working: Snapshot | None = None) -> PackageArchive:
    working = working if working is not None else layout.working()
    release = of_version(layout.releases, working.version)
    if release is not None:
        frozen = release.package_zip()
        if frozen.is_file() and from_zip(frozen).files == working.files:
            return PackageArchive(frozen.name, frozen.read_bytes(), working.version, True, True)
    top = unreleased_stem(working.name, working.version)
    return PackageArchive(top + PACKAGE_ZIP, zip_bytes(working.files, _day(working), prefix=top), working.version, False, release is not None)
