"""Repository hygiene: the files around the package say what the package and the tools really do.

Checks that git can never rewrite the hashed bytes, that requirements.txt pins exactly what the
environment runs, that the README's set-up and table of joins match the Makefile and the schemas,
that CITATION.cff carries the package's version, and that the CI entry points are well formed.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE_META = yaml.safe_load((SCHEMAS / "package.yaml").read_text(encoding="utf-8"))

# Installed with the interpreter or by venv, never pinned.
BOOTSTRAP = {"pip", "setuptools", "wheel"}


def git(*args: str) -> str:
    assert shutil.which("git"), "git is needed to check .gitattributes"
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def requirement_lines() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def pins() -> dict[str, Version]:
    result = {}
    for line in requirement_lines():
        req = Requirement(line)
        (spec,) = req.specifier
        result[canonicalize_name(req.name)] = Version(spec.version)
    return result


# --- .gitattributes -------------------------------------------------------------------------------

def hashed_paths() -> list[str]:
    """Every file whose bytes a hash pins, plus paths of files that releases will add."""
    paths = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "datapackage" / "data").glob("*.csv"))]
    paths += [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "datapackage" / "sources").glob("*.txt"))]
    paths += ["datapackage/datapackage.json", "releases/1.0.0/SHA256SUMS", "releases/1.0.0/manifest.json",
              "releases/1.0.0/damascus-facts-1.0.0.zip", "tests/fixtures/any/data/anything.csv"]
    return paths


def test_gitattributes_marks_every_hashed_file_minus_text():
    paths = hashed_paths()
    assert any(p.endswith(".csv") and p.startswith("datapackage/data/") for p in paths)
    assert any(p.startswith("datapackage/sources/") for p in paths)
    out = git("check-attr", "text", "--", *paths)
    attrs = dict(line.rsplit(": text: ", 1) for line in out.splitlines())
    wrong = {p: v for p, v in attrs.items() if v != "unset"}
    assert not wrong, f"these paths must be -text in .gitattributes (git would rewrite their line endings): {wrong}"
    assert set(attrs) == set(paths)


def test_code_is_not_minus_text():
    """-text is for hashed data only; source code keeps normal line-ending handling."""
    out = git("check-attr", "text", "--", "scripts/validate.py", "README.md", "Makefile")
    assert all(line.endswith(": text: unspecified") for line in out.splitlines()), out


# --- requirements.txt -----------------------------------------------------------------------------

def test_requirements_pin_every_line_exactly():
    lines = requirement_lines()
    assert lines, "requirements.txt is empty"
    bad = [line for line in lines if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!-]+", line)]
    assert not bad, f"every requirement must be an exact pin 'name==version': {bad}"
    names = [canonicalize_name(line.split("==")[0]) for line in lines]
    assert len(names) == len(set(names)), "a package is pinned twice"
    keys = [line.split("==")[0].lower() for line in lines]
    assert keys == sorted(keys), "keep requirements.txt sorted by package name (as pip freeze writes it)"


def test_mkdocs_is_pinned_below_2():
    version = pins().get("mkdocs")
    assert version is not None, "mkdocs must be pinned"
    assert Version("1.6.1") <= version < Version("2"), f"mkdocs {version}: the site needs mkdocs>=1.6.1,<2"


def test_tools_the_makefile_and_readme_run_are_pinned():
    missing = {"mkdocs", "mkdocs-material", "frictionless", "csvkit", "pytest", "pyyaml"} - set(pins())
    assert not missing, f"not pinned in requirements.txt: {sorted(missing)}"


def test_environment_runs_exactly_the_pins():
    """Catches a package installed by hand and not pinned, or a pin that the environment does not run."""
    installed = {canonicalize_name(d.metadata["Name"]): Version(d.version) for d in metadata.distributions()}
    pinned = pins()
    differ = {n: (str(v), str(installed.get(n))) for n, v in pinned.items() if installed.get(n) != v}
    assert not differ, f"pinned vs installed differ (run `make test` to resync .venv): {differ}"
    unpinned = sorted(set(installed) - set(pinned) - BOOTSTRAP)
    assert not unpinned, f"installed but not in requirements.txt (pin them): {unpinned}"


# --- README ---------------------------------------------------------------------------------------

def test_readme_gives_the_two_setup_commands():
    block = re.search(r"## Set up\n.*?```sh\n(.*?)```", README, re.DOTALL)
    assert block, "README.md needs a '## Set up' section with a sh block"
    assert block.group(1).split("\n")[:-1] == ["make site", "make test"]


def readme_join_table() -> dict[str, tuple[list[str], set[tuple[str, str]]]]:
    section = README.split("## The tables and how they join", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`")
        keys = re.findall(r"`([a-z_]+)`", cells[2])
        joins = set(re.findall(r"`([a-z_]+)` → ([a-z_]+)", cells[3]))
        rows[name] = (keys, joins)
    return rows


def test_readme_table_of_joins_matches_the_schemas():
    table = readme_join_table()
    resources = [r["name"] for r in PACKAGE_META["resources"]]
    assert list(table) == resources, "the README's table lists the resources of schemas/package.yaml, in order"
    for name in resources:
        schema = yaml.safe_load((SCHEMAS / f"{name}.yaml").read_text(encoding="utf-8"))
        pk = schema["primaryKey"] if isinstance(schema["primaryKey"], list) else [schema["primaryKey"]]
        fks = set()
        for fk in schema.get("foreignKeys", []):
            fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            fks |= {(field, fk["reference"]["resource"]) for field in fields}
        keys, joins = table[name]
        assert keys == pk, f"README: key of {name} is {keys}, schema says {pk}"
        assert joins == fks, f"README: joins of {name} are {sorted(joins)}, schema says {sorted(fks)}"


# --- CITATION.cff, licences -----------------------------------------------------------------------

def test_citation_carries_the_package_version_and_licence():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == str(PACKAGE_META["version"]), "CITATION.cff version != schemas/package.yaml"
    assert citation["title"] == PACKAGE_META["title"]
    assert citation["license"] == PACKAGE_META["licenses"][0]["name"]
    assert citation["authors"] and citation["message"]


def test_data_licence_file_is_the_declared_licence():
    assert PACKAGE_META["licenses"][0]["name"] == "CC-BY-4.0"
    text = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in text
    assert "Section 8 -- Interpretation." in text, "LICENSE-DATA should hold the full legal code"
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


# --- Makefile, CI ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "target, command",
    [
        ("site", ".venv/bin/python scripts/site.py"),
        ("test", ".venv/bin/python -m pytest"),
        ("validate", ".venv/bin/python scripts/validate.py"),
        ("descriptor", ".venv/bin/python scripts/build_descriptor.py"),
        ("bench", ".venv/bin/python scripts/bench.py"),
        ("release", ".venv/bin/python scripts/release.py cut"),
        ("serve", ".venv/bin/mkdocs serve"),
    ],
)
def test_make_target_runs_its_command(target, command):
    assert shutil.which("make"), "GNU make is needed"
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert command in result.stdout.splitlines(), f"`make {target}` should run `{command}`:\n{result.stdout}"


def test_make_test_runs_the_release_checks_on_the_repository():
    lines = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    for command in (".venv/bin/python scripts/build_descriptor.py --check",
                    ".venv/bin/python scripts/release.py check",
                    ".venv/bin/python scripts/release.py verify"):
        assert command in lines, f"`make test` should run `{command}`"
        assert lines.index(command) < lines.index(".venv/bin/python -m pytest")


def test_make_site_builds_through_the_validating_site_script():
    # scripts/site.py refuses to build an invalid package (tests/test_site_build.py shows it), so
    # `make site` runs it alone instead of validating twice.
    lines = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    assert ".venv/bin/python scripts/site.py" in lines


def test_makefile_silences_the_mkdocs_2_notice():
    out = subprocess.run(["make", "-pn", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert re.search(r"^NO_MKDOCS_2_WARNING := 1$", out, re.M)
    assert re.search(r"^DISABLE_MKDOCS_2_WARNING := true$", out, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "export NO_MKDOCS_2_WARNING" in makefile and "export DISABLE_MKDOCS_2_WARNING" in makefile


def test_ci_run_is_valid_bash_and_executable():
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")], capture_output=True).returncode == 0
    staged = git("ls-files", "-s", ".ci/run").split()
    assert staged and staged[0] == "100755", f".ci/run must be committed executable: {staged}"
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in text and "make test" in text
    assert re.search(r"apt-get install[^\n]*", text) and "chromium" in text


def test_workflow_runs_both_validators_on_python_311():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    assert any("pip install -r requirements.txt" in r for r in runs)
    assert "python scripts/validate.py" in runs
    assert "frictionless validate datapackage/datapackage.json" in runs
    assert "python scripts/release.py check" in runs


def test_lint_imports_runs_as_is_from_the_repository_root():
    """`lint-imports` with no PYTHONPATH, as a curator with the venv activated runs it: the venv's
    .pth file (Makefile) puts scripts/ on the path where pyproject.toml's root_package lives."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
