"""Dead code (issue 9): vulture, with the settings and whitelist in pyproject.toml and
vulture_whitelist.py, finds nothing unused in the layers listed here. The list grows to the whole
package as each layer is cleaned; every layer's findings are printed when the test fails."""
from __future__ import annotations

import subprocess
import sys

from factkit.core import paths

CLEAN = ("scripts/factkit/core/", "scripts/factkit/checks/", "scripts/factkit/curation/", "scripts/validate.py",
         "scripts/build_descriptor.py", "scripts/locate.py", "scripts/register_source.py", "tests/")


def test_no_dead_code_in_the_clean_layers():
    result = subprocess.run([sys.executable, "-m", "vulture"], cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 3), result.stderr  # 3: vulture found something
    findings = [line for line in result.stdout.splitlines() if line.startswith(CLEAN)]
    assert not findings, "\n".join(findings)
