"""The names of a release folder's files, and of the package archive the site serves.

A light module on purpose: the site reads these names on every build, and must not import the
exports (pyarrow) or the diff (daff) to learn that a release's diff is in `diff.json`.
"""
from __future__ import annotations

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
DIFF = "diff.json"
# A package archive that is not a release says so in its name: it never shares a name with one.
UNRELEASED = "unreleased"


# What each file of a release is, by the suffix that follows its stem (the manifest's descriptions).
PACKAGE_ZIP = ".zip"
CSV_ZIP = "-csv.zip"
SQLITE = ".sqlite"
JSON = ".json"
PARQUET_ZIP = "-parquet.zip"
DESCRIPTIONS = {
    PACKAGE_ZIP: "The data package: datapackage.json, every CSV, the source text and the data licence (canonical).",
    CSV_ZIP: "Only the CSV files, byte-identical to the package's, for spreadsheets.",
    SQLITE: "SQLite database: one table per resource, types, primary and foreign keys from the Table Schemas.",
    JSON: "JSON: the descriptor, every resource as typed row objects, and the source texts.",
    PARQUET_ZIP: "Parquet: one typed file per resource.",
}
DIFF_DESCRIPTION = "Row-level differences from the previous release, per resource, keyed by primary key."


def stem(name: str, version: str) -> str:
    """What every file of a release is named after: "damascus-facts-1.0.0"."""
    return f"{name}-{version}"


def archive_name(name: str, version: str) -> str:
    """The release's package archive, the canonical file of a release."""
    return stem(name, version) + PACKAGE_ZIP


def unreleased_stem(name: str, version: str) -> str:
    """The archive of a working package that is not a release: "damascus-facts-1.1.0-unreleased"."""
    return f"{stem(name, version) if version else name}-{UNRELEASED}"


def folder(zip_name: str) -> str:
    """The one top folder inside a zip: its file name without ".zip"."""
    return zip_name.removesuffix(".zip")


def release_files(name: str, version: str) -> dict[str, str]:
    """Every file of a release besides its manifest and sums -> what it holds."""
    base = stem(name, version)
    return {**{base + suffix: text for suffix, text in DESCRIPTIONS.items()}, DIFF: DIFF_DESCRIPTION}
