"""The curation guide, docs/curating.md, run end to end (issue 12): every command block of the guide,
in order and verbatim, in a copy of the repository, on the invented article kept in
tests/fixtures/curating/. It ends with a valid package and a built site that has the new article's
page. A step is an HTML comment marker, a ```sh block and, optionally, right after it, a ```text
block with what the step prints (stdout and stderr, as a terminal shows them); a line "..." in it
stands for any number of lines:

    <!-- step: register -->                  (or <!-- step: fill-mentions, exit 1 --> for a step that fails on purpose)
    ```sh
    python scripts/register_source.py ...
    ```
    ```text
    registered src-port-alder as ...
    ```

The copy gets its own .venv: links to this environment's interpreter and packages, with its own
up-to-date stamp, so `make` in the copy never runs pip (nothing is ever installed into the shared
environment) and never touches this repository. The guide's `source .venv/bin/activate` (a plain
block, not a step) is what the steps' PATH and VIRTUAL_ENV stand for.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from factkit.core import paths
from factkit.release.store import latest
from fixtures import scripts

GUIDE = paths.ROOT / "docs" / "curating.md"
ARTICLE_PAGE = Path("site") / "articles" / "src-port-alder.html"
STEP = re.compile(
    r"<!-- step: (?P<name>[a-z0-9-]+)(?:, exit (?P<exit>\d+))? -->[ \t]*\n"
    r"```sh\n(?P<command>.*?)\n```[ \t]*\n"
    r"(?:```text\n(?P<output>.*?)```)?",
    re.DOTALL,
)
ELISION = "..."
# Set by `make test` for its own children; a make inside the copy must start afresh.
MAKE_VARIABLES = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")


@dataclass(frozen=True)
class Step:
    name: str
    command: str
    exit: int
    output: str | None


def read_steps(text: str) -> list[Step]:
    return [Step(m["name"], m["command"], int(m["exit"] or 0), m["output"]) for m in STEP.finditer(text)]


def matches(expected: str, actual: str) -> bool:
    """Whether `actual` is `expected`, where a line "..." in expected stands for any lines."""
    parts = [re.escape(part) for part in expected.split(ELISION + "\n")]
    return re.fullmatch("(?:.*\n)*?".join(parts), actual) is not None


def copy_repository(target: Path) -> Path:
    """The repository's files (tracked, or new and not ignored) as they are in the working tree."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=paths.ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = paths.ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    venv = target / ".venv"
    venv.mkdir()
    real = Path(sys.prefix)
    for part in ("bin", "lib", "lib64", "include", "pyvenv.cfg"):
        if (real / part).exists():
            (venv / part).symlink_to(real / part)
    (venv / ".requirements-installed").touch()  # newer than the copy's requirements.txt (copied with its old mtime)
    return target


def run(step: Step, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in MAKE_VARIABLES}
    env.update(PATH=os.pathsep.join([str(cwd / ".venv" / "bin"), env.get("PATH", "")]), PYTHONUNBUFFERED="1",
               PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8", VIRTUAL_ENV=str(cwd / ".venv"))
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step.command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", timeout=600, stdin=subprocess.DEVNULL)


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
STEPS = read_steps(GUIDE_TEXT)


def test_every_command_block_of_the_guide_is_a_step():
    assert len(STEPS) >= 10
    assert GUIDE_TEXT.count("```sh\n") == len(STEPS), "a ```sh block of docs/curating.md without its step marker would go untested"
    assert len({s.name for s in STEPS}) == len(STEPS)


def test_the_elision_matches_lines_and_only_lines():
    assert matches("a\n...\nd\n", "a\nb\nc\nd\n") and matches("a\n...\nd\n", "a\nd\n")
    assert not matches("a\n...\nd\n", "a\nb\nc\n") and not matches("a\nd\n", "a\nb\nd\n")


def test_the_bump_step_sets_the_version_the_release_check_asks_for(tmp_path):
    """The guide's bump lines when a bump is due: the article registered (new rows) while the working
    version is the released one. (The end-to-end run takes whichever case the repository is in.)"""
    repo = copy_repository(tmp_path / "repo")
    released = latest(repo / "releases").version
    for name in ("schemas/package.yaml", "CITATION.cff"):
        file = repo / name
        file.write_text(re.sub(r"(?m)^version: .*$", f"version: {released}", file.read_text(encoding="utf-8")), encoding="utf-8")
    [register, bump] = [s for s in STEPS if s.name in ("register", "bump")]
    assert run(register, repo).returncode == 0
    assert scripts.run("release.py", "--root", repo, "check").returncode == 1  # a bump is due (checked in this process)
    result = run(bump, repo)
    assert result.returncode == 0, result.stdout
    version = re.search(r"(?m)^version: (.*)$", (repo / "schemas" / "package.yaml").read_text(encoding="utf-8")).group(1)
    assert version != released and f"version: {version}\n" in (repo / "CITATION.cff").read_text(encoding="utf-8")


@pytest.mark.site  # it builds a whole site
def test_the_guide_runs_end_to_end(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    for step in STEPS:
        result = run(step, repo)
        assert result.returncode == step.exit, f"step {step.name} exited {result.returncode}, not {step.exit}:\n{result.stdout}"
        if step.output is not None:
            assert matches(step.output, result.stdout), f"step {step.name} printed something else than the guide shows:\n{result.stdout}"
    final = subprocess.run([sys.executable, "scripts/validate.py"], cwd=repo, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0 and "coverage: 19/19 sentences (100%)" in final.stdout, final.stdout + final.stderr
    page = (repo / ARTICLE_PAGE).read_text(encoding="utf-8")
    assert "Ferries return to Port Alder after the storm" in page and "Lakeside Gazette" in page
    assert not (paths.ROOT / "datapackage" / "sources" / "port-alder.txt").exists()  # the real repository is untouched
