"""Test set-up shared by every module.

- scripts/ is on sys.path through pyproject's pytest `pythonpath`; tests/ is added here so that the
  fixture helpers in tests/fixtures/ import as `fixtures.packages`.
- The test tiers (pyproject.toml declares the markers): a test that uses a built site is marked
  `site`, one that drives Chromium `browser`; `make test-fast` deselects both.
- The real package's site and the payload package's site are built once per run, through the
  documented entry point `scripts/site.py`, and shared by every test that reads them.
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

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from factkit.core import paths  # noqa: E402  (needs scripts/ on sys.path, set by pytest's pythonpath)

CHROMIUM = "/usr/bin/chromium"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# Fixtures that hand a test a site built from a package: using one (directly or through another
# fixture) puts the test in the `site` tier.
SITE_FIXTURES = {"real_site", "payload_site"}
# Chromium as the probe runs it: without the background-networking flags, it tries (and fails) to
# reach Google's hosts on this closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def build_site(package: Path, out: Path) -> Path:
    """Build a package's site with `scripts/site.py --package --out`; fail the test on any error."""
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "site.py"), "--package", str(package), "--out", str(out)],
                            capture_output=True, text=True, env=ENV, cwd=paths.ROOT, timeout=900)
    assert result.returncode == 0, f"site build of {package} failed:\n{result.stdout}\n{result.stderr}"
    return out


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
