"""Keep CITATION.cff's `version` and `date-released` equal to the latest release.

A surgical edit of two top-level keys: the rest of the file (owned elsewhere) is left byte for byte.
"""
from __future__ import annotations

import re
from pathlib import Path


def _set_key(text: str, key: str, value: str, after: str) -> str:
    line = f'{key}: "{value}"' if key == "date-released" else f"{key}: {value}"
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(line, text, count=1)
    anchor = re.compile(rf"^{re.escape(after)}:.*$", re.MULTILINE).search(text)
    if anchor is None:
        return text.rstrip("\n") + "\n" + line + "\n"
    return text[: anchor.end()] + "\n" + line + text[anchor.end():]


def update(path: Path, version: str, day: str) -> bool:
    """Set version and date-released; return True when the file changed."""
    if not path.is_file():
        return False
    old = path.read_text(encoding="utf-8")
    new = _set_key(_set_key(old, "version", version, "title"), "date-released", day, "version")
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def read(path: Path) -> dict[str, str]:
    found = {}
    if path.is_file():
        for key in ("version", "date-released"):
            match = re.search(rf"^{key}:\s*\"?([^\"\n]*)\"?\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
            if match:
                found[key] = match.group(1).strip()
    return found
