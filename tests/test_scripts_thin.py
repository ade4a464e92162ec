"""The command-line scripts only parse arguments and call the package: each is short, and the
package never runs or imports one of them (the benchmark runs the package in fresh processes)."""
from __future__ import annotations

import ast

from factkit.core import paths

SCRIPTS = sorted((paths.ROOT / "scripts").glob("*.py"))
PACKAGE = sorted((paths.ROOT / "scripts" / "factkit").rglob("*.py"))
MAX_LINES = 60


def test_every_script_is_short():
    assert SCRIPTS
    long = {p.name: n for p in SCRIPTS if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"scripts over {MAX_LINES} lines (move the logic into scripts/factkit/): {long}"


def _joins_scripts(node: ast.AST) -> bool:
    """Whether a path join's left side goes through a "scripts" segment (paths.ROOT / "scripts" / ...)."""
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        if isinstance(node.right, ast.Constant) and node.right.value == "scripts":
            return True
        node = node.left
    return False


def test_the_package_never_imports_or_runs_a_script():
    stems = {p.stem for p in SCRIPTS}
    names = {p.name for p in SCRIPTS}
    found = []
    for module in PACKAGE:
        where = module.relative_to(paths.ROOT).as_posix()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [f"{where}: import {a.name}" for a in node.names if a.name.split(".")[0] in stems]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in stems:
                found.append(f"{where}: from {node.module} import ...")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.removeprefix("scripts/") in names and "/" in node.value:
                found.append(f"{where}: {node.value!r}")  # a command line such as [python, "scripts/site.py"]
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant)
                  and node.right.value in names and _joins_scripts(node.left)):
                found.append(f"{where}: ... / \"scripts\" / {node.right.value!r}")
    assert not found, found
