"""A frozen view of one data package: its files' exact bytes, read from a directory or a release zip.

Releases are built from a Snapshot and only from it, so building from the working tree and
rebuilding from an archived zip go through the same code and must give the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

DESCRIPTOR_NAME = "datapackage.json"
# The data licence's legal code travels inside every archive (it sits at the repository root).
LICENCE_NAME = "LICENSE-DATA"


class SnapshotError(Exception):
    """A package that cannot be read as a release input; the message says what and how to fix it."""


def _safe_name(name: str, where: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise SnapshotError(f"{where}: unsafe file name {name!r} (absolute, '..' or backslash); refusing to read it")
    return path.as_posix()


@dataclass
class Snapshot:
    files: dict[str, bytes]
    origin: str = ""
    _tables: dict = field(default_factory=dict, repr=False)

    @property
    def descriptor(self) -> dict:
        try:
            return json.loads(self.files[DESCRIPTOR_NAME].decode("utf-8"))
        except KeyError:
            raise SnapshotError(f"{self.origin}: no {DESCRIPTOR_NAME}; run `python scripts/build_descriptor.py`") from None

    @property
    def name(self) -> str:
        return self.descriptor.get("name", "package")

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @property
    def created_date(self) -> str:
        return str(self.descriptor.get("created", ""))[:10]

    def resources(self) -> list[dict]:
        return list(self.descriptor.get("resources", []))

    def resource(self, name: str) -> dict | None:
        for res in self.resources():
            if res["name"] == name:
                return res
        return None

    def table(self, name: str) -> tuple[list[str], list[list[str]]]:
        """(header, rows) of a resource's CSV, every cell as the exact text in the file."""
        if name not in self._tables:
            res = self.resource(name)
            if res is None:
                raise SnapshotError(f"{self.origin}: no resource named {name!r}")
            data = self.files.get(res["path"])
            if data is None:
                raise SnapshotError(f"{self.origin}: resource {name!r} names {res['path']}, which is not in the package")
            reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
            rows = list(reader)
            if not rows:
                raise SnapshotError(f"{self.origin}: {res['path']} is empty (it needs at least a header line)")
            self._tables[name] = (rows[0], rows[1:])
        return self._tables[name]

    def records(self, name: str) -> list[dict[str, str]]:
        header, rows = self.table(name)
        return [dict(zip(header, row)) for row in rows]

    def check_hashes(self) -> list[str]:
        """Resources whose bytes or sha256 no longer match the descriptor (a stale descriptor)."""
        import hashlib

        stale = []
        for res in self.resources():
            data = self.files.get(res["path"])
            if data is None:
                stale.append(f"{res['path']}: listed in {DESCRIPTOR_NAME} but missing")
                continue
            digest = "sha256:" + hashlib.sha256(data).hexdigest()
            if res.get("bytes") not in (None, len(data)) or res.get("hash") not in (None, digest):
                stale.append(f"{res['path']}: bytes/hash in {DESCRIPTOR_NAME} do not match the file")
        return stale


def from_directory(package_dir: Path, licence: Path | None = None) -> Snapshot:
    """Every regular file under package_dir (the package as published), plus the data licence."""
    package_dir = Path(package_dir)
    if not (package_dir / DESCRIPTOR_NAME).is_file():
        raise SnapshotError(f"{package_dir}: no {DESCRIPTOR_NAME}; run `python scripts/build_descriptor.py`")
    files: dict[str, bytes] = {}
    for path in sorted(package_dir.rglob("*")):
        rel = path.relative_to(package_dir).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(rel).parts) or "__pycache__" in rel:
            continue  # editor and OS litter is not part of the package
        if path.is_symlink():
            raise SnapshotError(f"{path}: symbolic links are not allowed in a package; replace it with the file")
        if path.is_file():
            files[_safe_name(rel, str(package_dir))] = path.read_bytes()
    if licence is not None and Path(licence).is_file():
        files[LICENCE_NAME] = Path(licence).read_bytes()
    return Snapshot(files, origin=str(package_dir))


def from_zip(zip_path: Path) -> Snapshot:
    """The package inside a release archive (entries under one top folder, which is stripped)."""
    files: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = _safe_name(info.filename, str(zip_path))
                parts = PurePosixPath(name).parts
                if len(parts) < 2:
                    raise SnapshotError(f"{zip_path}: entry {name!r} is not inside the archive's top folder")
                files[PurePosixPath(*parts[1:]).as_posix()] = archive.read(info)
    except zipfile.BadZipFile as exc:
        raise SnapshotError(f"{zip_path}: not a readable zip archive ({exc})") from None
    return Snapshot(files, origin=str(zip_path))
