"""docs/architecture.md stays a true map: every module or folder it names exists, every layer of
the import-linter contract is drawn, and every module of the package is reachable from the table
(its own row, or its folder's)."""
from __future__ import annotations

import re
import tomllib

from factkit.core import paths

DOC = (paths.ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = paths.ROOT / "scripts" / "factkit"
# Paths the map gives from the repository root; any other path is inside scripts/factkit/.
ROOT_FOLDERS = ("scripts/", "tests/", "schemas/", "docs/", "datapackage/")


def named_paths() -> set[str]:
    """Paths the map names in code spans: `core/types.py`, `figures/`, `scripts/validate.py`..."""
    found = set()
    for span in re.findall(r"`([^`\s]+)`", DOC):
        if re.fullmatch(r"[a-z_]+/([a-z_]+(/|\.py))?", span):
            found.add(span)
    return found


def test_every_named_module_exists():
    missing = []
    for name in named_paths():
        where = paths.ROOT / name if name.startswith(ROOT_FOLDERS) else PACKAGE / name
        if not where.exists():
            missing.append(name)
    assert not missing, f"docs/architecture.md names modules that do not exist: {sorted(missing)}"


def test_every_layer_of_the_contract_is_drawn():
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    layers = {name.strip().removeprefix("factkit.") for entry in contract["layers"] for name in entry.split("|")}
    drawn = re.search(r"## Layers\n.*?```text\n(.*?)```", DOC, re.S).group(1)
    assert all(re.search(rf"\b{layer}\b", drawn) for layer in layers), layers


def test_every_module_is_on_the_map():
    named = named_paths()
    unmapped = []
    for module in sorted(PACKAGE.rglob("*.py")):
        rel = module.relative_to(PACKAGE).as_posix()
        if module.name == "__init__.py" or rel.count("/") == 0:
            continue
        folder = rel.split("/")[0] + "/"
        subfolder = "/".join(rel.split("/")[:2]) + "/"
        if not ({rel, folder, subfolder} & named):
            unmapped.append(rel)
    assert not unmapped, f"modules docs/architecture.md does not place (add a row, or name their folder): {unmapped}"
