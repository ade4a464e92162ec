"""Where things live in the repository. Every module asks here instead of building paths itself."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCHEMAS = ROOT / "schemas"
PACKAGE_META_NAME = "package.yaml"  # in schemas/: package metadata and the order of resources
PACKAGE = ROOT / "datapackage"
DESCRIPTOR_NAME = "datapackage.json"
DESCRIPTOR = PACKAGE / DESCRIPTOR_NAME
DATA = PACKAGE / "data"
SOURCES = PACKAGE / "sources"


def schemas_for(package_dir: Path) -> Path | None:
    """The schemas/ folder beside a package folder, as in this repository (or a copy of it), or None
    for a package that stands alone and carries its schemas only inline in its datapackage.json."""
    candidate = Path(package_dir).resolve().parent / SCHEMAS.name
    return candidate if (candidate / PACKAGE_META_NAME).is_file() else None
