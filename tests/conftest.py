"""Test set-up: scripts/ is on sys.path through pyproject's pytest pythonpath; tests/ is added here
so that the fixture helpers in tests/fixtures/ import as `fixtures.packages`."""
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
