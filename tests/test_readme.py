"""README.md stays short and true (issue 12): activation before the first command that needs it, the
URL `make serve` really serves, every make target and script it names exists, and it points to the
validator's modules, the architecture page and the test tiers. (tests/test_repo_hygiene.py checks
the set-up commands and the table of joins; tests/test_readme_recipes.py runs the recipes.)"""
from __future__ import annotations

import re
import subprocess
from urllib.parse import urlsplit

from factkit.core import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
# The generated blocks (the benchmark's, Lighthouse's) are their tools', not the prose's: not counted.
PROSE = re.sub(r"<!-- (\w+):start.*?<!-- \1:end -->", "", README, flags=re.S)
MAX_PROSE_LINES = 170


def test_the_readme_is_short():
    assert len(PROSE.splitlines()) <= MAX_PROSE_LINES, "README.md grew: move details to docs/ (the site) and point to them"


def test_activation_comes_before_the_first_command_that_needs_the_environment():
    blocks = [(m.start(), m.group(1)) for m in re.finditer(r"```sh\n(.*?)```", README, re.DOTALL)]
    activation = next(at for at, body in blocks if body.strip() == "source .venv/bin/activate")
    needs_venv = [at for at, body in blocks if re.search(r"^(python|frictionless|csv\w+) ", body, re.M)]
    assert needs_venv and activation < min(needs_venv)


def served_url() -> str:
    from mkdocs.config import load_config

    config = load_config(config_file=str(paths.ROOT / "mkdocs.yml"))
    host, port = config.dev_addr
    return f"http://{host}:{port}{urlsplit(config.site_url).path}"


def test_make_serve_url_is_the_one_mkdocs_serves():
    url = served_url()
    assert url == "http://127.0.0.1:8000/damascus-facts/"
    assert url in README
    help_text = subprocess.run(["make", "help"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    assert f"preview the site on {url}," in help_text


def test_every_make_target_and_script_named_exists():
    targets = set(re.findall(r"^([a-z-]+):", (paths.ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert named and named <= targets, named - targets
    scripts = set(re.findall(r"scripts/([a-z_]+\.py)", README))
    assert scripts and all((paths.ROOT / "scripts" / s).is_file() for s in scripts), scripts


def test_it_points_to_the_checks_the_architecture_and_the_test_tiers():
    for pointer in ("scripts/factkit/checks/", "docs/architecture.md", "docs/curating.md", "docs/recipes.md",
                    "`make test-fast`", "`make test`", "`make lint`"):
        assert pointer in PROSE, pointer


def test_make_site_says_what_it_does():
    """Installing (pip's own progress on a terminal, quiet in a log), then site.py, which says that
    it validates and builds and how each went (its lines are shown by the curation guide's test)."""
    lines = subprocess.run(["make", "-n", "-W", "requirements.txt", "site"], cwd=paths.ROOT, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    said = next(i for i, line in enumerate(lines) if line.startswith('echo "installing the packages pinned in requirements.txt'))
    pip = next(i for i, line in enumerate(lines) if "pip install" in line)
    assert said < pip < lines.index(".venv/bin/python scripts/site.py")
    assert lines[pip].startswith("if [ -t 1 ]; then") and "--quiet" not in lines[pip] and "--quiet" in lines[pip + 1]
    assert any(line.startswith('echo "installed:') for line in lines[pip:])
