"""manifest.json and SHA256SUMS: what a release folder holds, with sizes and checksums.

SHA256SUMS uses bare file names in GNU coreutils format ("<hex>  <name>"), so that
`sha256sum -c SHA256SUMS` works inside the release folder.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import zlib

from .names import SUMS


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def toolchain() -> dict[str, str]:
    """The libraries whose output bytes a release depends on: rebuilding byte for byte needs the same."""
    import daff  # heavy: imported only when a release is built
    import pyarrow

    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "sqlite": sqlite3.sqlite_version,
        "pyarrow": pyarrow.__version__,
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "daff": getattr(daff, "VERSION", "unknown"),
    }


def render_manifest(meta: dict, files: dict[str, bytes], descriptions: dict[str, str]) -> bytes:
    entries = [
        {"name": name, "bytes": len(files[name]), "sha256": sha256(files[name]), "description": descriptions.get(name, "")}
        for name in sorted(files)
    ]
    return (json.dumps({**meta, "files": entries}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_sums(files: dict[str, bytes]) -> bytes:
    return "".join(f"{sha256(files[name])}  {name}\n" for name in sorted(files)).encode("utf-8")


def parse_sums(text: str) -> dict[str, str]:
    """name -> hex digest; raises ValueError naming the first malformed line."""
    out = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name or "/" in name:
            raise ValueError(f"{SUMS} line {number} is not '<sha256>  <bare file name>': {line!r}")
        out[name] = digest
    return out
