"""Dead code (issue 9): vulture, with the settings and whitelist in pyproject.toml and
tests/vulture_whitelist.py, finds nothing unused anywhere in scripts/ and tests/; the findings are printed when the test fails."""
from __future__ import annotations

import subprocess
import sys

from factkit.core import paths

CLEAN = ("scripts/", "tests/")


def test_no_dead_code():
    result = subprocess.run([sys.executable, "-m", "vulture"], cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 3), result.stderr  # 3: vulture found something
    findings = [line for line in result.stdout.splitlines() if line.startswith(CLEAN)]
    assert not findings, "\n".join(findings)
