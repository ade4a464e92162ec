"""Refusing what must never be opened or published: paths that leave the package, remote URLs,
and spreadsheet formulas hidden in text cells."""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

import polars as pl

from ..core.types import NUMBER_RE
from .metadata import is_remote

# A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_START = r"^[=+\-@\t\r]"


class Confinement:
    """Which relative paths may be opened as files of the package rooted at `root`.

    Checked before any file is touched: validation never follows a path out of the package and
    never touches the network (stock frictionless follows symlinks and echoes the target).
    Resolving symbolic links costs a system call per component of a path; a directory's
    resolution is kept for the run (a package's source texts share one folder), so each further
    path in it costs one lstat of its own."""

    def __init__(self, root: Path):
        self.root = root
        self.base = os.path.realpath(root)
        self._directories: dict[str, str] = {}

    def reason(self, rel: object) -> str | None:
        """Why `rel` may not be opened, or None if it may."""
        if not isinstance(rel, str) or not rel:
            return "the path is not a non-empty string"
        if "\x00" in rel:
            return "the path contains a NUL character"
        if is_remote(rel):
            return "the path is a URL; validation never touches the network, so every file must be inside the package"
        if rel.startswith(("/", "\\")) or PureWindowsPath(rel).drive or PurePosixPath(rel).is_absolute():
            return "the path is absolute; paths must be relative to datapackage.json"
        if ".." in re.split(r"[\\/]", rel):
            return "the path climbs out of the package with '..'"
        if "\\" in rel:
            return "the path uses backslashes; use '/' as in the Data Package spec"
        target = self._resolve(rel)
        if target != self.base and not target.startswith(self.base.rstrip(os.sep) + os.sep):
            return "the path resolves (through a symbolic link) to a file outside the package"
        return None

    def _resolve(self, rel: str) -> str:
        """os.path.realpath(root / rel), from the resolution of rel's directory when it is known."""
        head, _, name = rel.rpartition("/")
        if name in ("", ".", ".."):
            return os.path.realpath(os.path.join(self.root, rel))
        if head not in self._directories:
            self._directories[head] = os.path.realpath(os.path.join(self.root, head))
        full = os.path.join(self._directories[head], name)
        return os.path.realpath(full) if os.path.islink(full) else full


def unsafe_reason(root: Path, rel: object) -> str | None:
    """Why `rel` may not be opened as a file of the package rooted at `root`, or None if it may
    (for one path; a run that opens many keeps one Confinement)."""
    return Confinement(root).reason(rel)


def formula_ok(col: pl.Expr) -> pl.Expr:
    """True where a text cell is safe to open in a spreadsheet: it does not start like a formula,
    or the whole cell is a plain number (a negative value such as -5 is data, not a formula)."""
    return col.is_null() | ~col.str.contains(FORMULA_START) | col.str.contains(NUMBER_RE)
