"""Test set-up shared by every module.

- scripts/ is on sys.path through pyproject's pytest `pythonpath`; tests/ is added here so that the
  fixture helpers in tests/fixtures/ import as `fixtures.packages`.
- The test tiers (pyproject.toml declares the markers): a test that uses a built site is marked
  `site`, one that drives Chromium `browser` (both here, by the fixtures they use); a test that
  repeats a check the fast tier makes on a representative case is marked `slow` where it is
  written. `make test-fast` deselects all three.
- The real package's site and the payload package's site are built once per run, through the
  documented entry point `scripts/site.py`, and shared by every test that reads them.
- Under pytest-xdist each worker is one core's worth of work: polars keeps to one thread in it (and
  in the scripts it starts), instead of each worker's pool competing with the other worker.
- validate() checks the descriptor's metadata in a child process when a core looks idle
  (checks/metadata.py); in the tests it always checks it in-process (see metadata_in_process).
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

if os.environ.get("PYTEST_XDIST_WORKER"):  # set before any test module imports polars
    os.environ.setdefault("POLARS_MAX_THREADS", "1")

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from factkit.checks import metadata  # noqa: E402  (needs scripts/ on sys.path, set by pytest's pythonpath)
from factkit.core import paths  # noqa: E402
from factkit.site.build import mkdocs_env  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ENV = mkdocs_env()
# Fixtures that hand a test a site built from a package: using one (directly or through another
# fixture) puts the test in the `site` tier.
SITE_FIXTURES = {"real_site", "payload_site"}
# Chromium as the probe runs it: without the background-networking flags, it tries (and fails) to
# reach Google's hosts on this closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session", autouse=True)
def metadata_in_process():
    """The frictionless metadata check in the test process, never in a child per validate(): the
    child only pays off on an idle core, and its interpreter start and frictionless import (about
    0.3 s of CPU) would triple the cost of validating the small packages the tests build, by the
    hundred. test_validate_cli tests the child itself, and the validator run as a script still
    decides for itself."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(metadata, "_spare_core", lambda: False)
        yield


def build_site(package: Path, out: Path) -> Path:
    """Build a package's site with `scripts/site.py --package --out`; fail the test on any error."""
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "site.py"), "--package", str(package), "--out", str(out)],
                            capture_output=True, text=True, env=ENV, cwd=paths.ROOT, timeout=900)
    assert result.returncode == 0, f"site build of {package} failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def fault_runs(tmp_path_factory):
    """The one-fault packages of tests/test_validate_faults*.py, each built and validated once per
    run and read by every test about it (tests/fixtures/faults.py)."""
    from fixtures.faults import Runs

    return Runs(tmp_path_factory.mktemp("faults"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real package's site, built once per test run."""
    return build_site(paths.DESCRIPTOR, tmp_path_factory.mktemp("real-site") / "site")


@pytest.fixture(scope="session")
def payload_package(tmp_path_factory) -> Path:
    """A valid package whose every text cell holds hostile markup (tests/fixtures/payload/)."""
    from fixtures.payload.payload_package import write_payload_package

    return write_payload_package(tmp_path_factory.mktemp("payload") / "datapackage")


@pytest.fixture(scope="session")
def payload_site(payload_package, tmp_path_factory) -> Path:
    return build_site(payload_package, tmp_path_factory.mktemp("payload-site") / "site")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# The site's scripts load after the content's first paint (docs/overrides/partials/script-loader.html),
# so "load" comes before Material's bundle and ours have run; this says they have.
SCRIPTS_READY = "html[data-fk-scripts='ready']"


def visit(tab, url: str) -> None:
    """Open a page of the site and wait until its scripts have run."""
    tab.goto(url, wait_until="load")
    tab.wait_for_selector(SCRIPTS_READY, state="attached", timeout=15_000)


@contextmanager
def serving(directory: Path):
    """A built site served on a free 127.0.0.1 port, for as long as the block runs: its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def require_chromium() -> None:
    """Browser tests skip without Chromium only outside CI; in CI a missing browser fails."""
    if Path(CHROMIUM).is_file():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {CHROMIUM} is missing: install it (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} not found and CI is unset: browser tests skipped", allow_module_level=True)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright driving Debian's /usr/bin/chromium)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if SITE_FIXTURES & used:
            item.add_marker(pytest.mark.site)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
