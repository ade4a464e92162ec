"""Where things live in the repository. Every module asks here instead of building paths itself."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCHEMAS = ROOT / "schemas"
PACKAGE = ROOT / "datapackage"
DESCRIPTOR = PACKAGE / "datapackage.json"
DATA = PACKAGE / "data"
SOURCES = PACKAGE / "sources"
