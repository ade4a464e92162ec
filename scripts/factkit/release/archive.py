"""Deterministic zip archives: the same entries and date always give the same bytes.

Entry order is sorted, every timestamp is the release date at midnight, permissions are 0644 for
every file, there are no directory entries, comments or extra fields, and compression is DEFLATE at
level 9 (zlib's output for a given level is stable; the manifest records the zlib version used).
"""
from __future__ import annotations

import io
import zipfile
from datetime import date as Date

FILE_MODE = 0o100644  # regular file, rw-r--r--
UNIX = 3  # "made by" system: lets unzip apply FILE_MODE instead of its own default


def zip_bytes(entries: dict[str, bytes], day: str, prefix: str = "") -> bytes:
    """A zip of `entries` (name -> bytes), names sorted, each under `prefix/` when given."""
    when = Date.fromisoformat(day)
    if when.year < 1980:
        raise ValueError(f"zip timestamps start in 1980; release date {day} is earlier")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{prefix}/{name}" if prefix else name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()
