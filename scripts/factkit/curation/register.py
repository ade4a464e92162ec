"""Register a source text: copy it into the package, record it in sources.csv, regenerate sentences.csv.

sentences.csv is always regenerated from every registered text, so it can never drift from them.
The text keeps the file name it was given. Its title is the one given, or else its first line when
that line reads as a headline: no sentence end in it, and at most TITLE_MAX characters.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from ..core import paths, vocab
from ..core.csvio import read_rows, to_csv_text, write_rows
from ..core.schema import resource
from ..core.segment import has_sentence_end, sentence_rows

TITLE_MAX = 200
BYTE_ORDER_MARK = "\ufeff"
DEFAULT_PROVENANCE = "Supplied to the project as a plain-text file; URL and publisher unknown."
DEFAULT_RIGHTS = (
    "The text belongs to its publisher and is not covered by this package's licence; it is "
    "reproduced only so that every quote and offset can be checked."
)


class RegistrationError(Exception):
    pass


def default_source_id(text_path: Path, digest: str) -> str:
    match = re.fullmatch(r"\d+_([0-9a-f]{8,})", text_path.stem)
    return "src-" + (match.group(1)[:8] if match else digest[:8])


def reference_date_bases() -> list[str]:
    """The allowed values of sources.reference_date_basis, from its schema."""
    return vocab.enum(resource("sources").schema, "reference_date_basis")


def read_source_text(path: Path) -> str:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RegistrationError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start}); convert it to UTF-8 first") from None
    if not text.strip():
        raise RegistrationError(f"{path}: the file is empty" + (" (it holds only white space)" if text else ""))
    if text.startswith(BYTE_ORDER_MARK):
        raise RegistrationError(f"{path}: starts with a byte order mark, which every offset would count; save it as UTF-8 without BOM")
    return text


def headline(text: str) -> str:
    """The text's first line as its title, or RegistrationError saying why it is not one."""
    first = text.split("\n", 1)[0].strip()
    if not first:
        raise RegistrationError("the first line is empty, so it cannot be the title: give the title with --title")
    if has_sentence_end(first):
        raise RegistrationError(f"the first line ends a sentence ({first[:60]!r}...), so it is not taken as the title: give the title with --title")
    if len(first) > TITLE_MAX:
        raise RegistrationError(f"the first line has {len(first)} characters (more than {TITLE_MAX}), so it is not taken as the title: "
                                "give the title with --title")
    return first


def _check_path(path: str) -> None:
    pattern = vocab.constraint(resource("sources").schema, "path", "pattern")
    if pattern and not re.fullmatch(pattern, path):
        raise RegistrationError(f"the text would be stored as {path}, which does not fit sources.path ({pattern}): "
                                "rename the file (letters, digits, '_', '.' and '-', ending in .txt)")


def all_sentence_rows(package_dir: Path = paths.PACKAGE) -> list[dict]:
    rows = []
    for source in read_rows(package_dir / "data" / "sources.csv"):
        text = read_source_text(package_dir / source["path"])
        rows.extend(sentence_rows(source["source_id"], text))
    return rows


def sentences_csv_text(package_dir: Path = paths.PACKAGE) -> str:
    return to_csv_text(resource("sentences").field_names, all_sentence_rows(package_dir))


def register(
    text_path: Path,
    *,
    language: str,
    reference_date: str,
    reference_date_basis: str,
    reference_date_note: str,
    source_id: str | None = None,
    title: str | None = None,
    provenance: str = DEFAULT_PROVENANCE,
    rights: str = DEFAULT_RIGHTS,
    package_dir: Path = paths.PACKAGE,
) -> dict:
    text = read_source_text(text_path)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    source_id = source_id or default_source_id(text_path, digest)
    target = package_dir / paths.SOURCES.name / text_path.name
    row = {
        "source_id": source_id,
        "title": title.strip() if title is not None else headline(text),
        "language": language,
        "path": target.relative_to(package_dir).as_posix(),
        "sha256": digest,
        "bytes": len(data),
        "characters": len(text),
        "publisher": "",
        "published_on": "",
        "provenance": provenance,
        "rights": rights,
        "reference_date": reference_date,
        "reference_date_basis": reference_date_basis,
        "reference_date_note": reference_date_note,
    }
    _check_path(row["path"])
    if not row["title"]:
        raise RegistrationError("the title is empty: give one with --title")
    sources_csv = package_dir / "data" / "sources.csv"
    rows = read_rows(sources_csv) if sources_csv.exists() else []
    for existing in rows:
        if existing["path"] == row["path"] and existing["source_id"] != source_id:
            raise RegistrationError(f"{row['path']} is already registered as {existing['source_id']}")
    if target.exists() and target.read_bytes() != data:
        raise RegistrationError(f"{target} exists with different content; sources are never changed in place")
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(text_path, target)
    rows = [r for r in rows if r["source_id"] != source_id] + [row]
    write_rows(sources_csv, resource("sources").field_names, rows)
    (package_dir / "data" / "sentences.csv").write_bytes(sentences_csv_text(package_dir).encode("utf-8"))
    return row
