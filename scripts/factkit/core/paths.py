"""Where things live in the repository. Every module asks here instead of building paths itself."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCHEMAS = ROOT / "schemas"
PACKAGE = ROOT / "datapackage"
DESCRIPTOR_NAME = "datapackage.json"
DESCRIPTOR = PACKAGE / DESCRIPTOR_NAME
DATA = PACKAGE / "data"
SOURCES = PACKAGE / "sources"
