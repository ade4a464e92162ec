"""Run every recipe of the documentation and compare its output with the output the page shows.

The recipes live in docs/recipes.md (the site's "Answering questions" page; issue 12 moved them out
of README.md, which may hold recipes too). A recipe is an HTML comment marker, a ```sh block with
the command, then a ```text block with what the command prints:

    <!-- recipe: claims-chain -->
    ```sh
    csvjoin ... | csvcut ...
    ```
    ```text
    ...expected output...
    ```

Each recipe runs in bash (with -e and pipefail) from the repository root, with the directory of the
running Python (the project's .venv/bin, where csvkit lives) first on PATH. When the data changes on
purpose, refresh the expected outputs with `.venv/bin/python tests/test_readme_recipes.py --update`
and read the diff before committing it: it is what the readers of those pages will see.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = (ROOT / "README.md", ROOT / "docs" / "recipes.md")

# The marker, the command block, anything that is not a fence (a line of prose), the output block.
RECIPE = re.compile(
    r"<!-- recipe: (?P<name>[a-z0-9-]+) -->[ \t]*\n"
    r"```sh\n(?P<command>.*?)\n```[ \t]*\n"
    r"(?P<between>(?:(?!```).)*?)"
    r"```text\n(?P<output>.*?)```",
    re.DOTALL,
)
MARKER = re.compile(r"<!-- recipe: ")


@dataclass(frozen=True)
class Recipe:
    name: str
    command: str
    expected: str
    output_span: tuple[int, int]
    page: Path


def read_recipes(text: str, page: Path) -> list[Recipe]:
    return [
        Recipe(m["name"], m["command"], m["output"], m.span("output"), page)
        for m in RECIPE.finditer(text)
    ]


def run(recipe: Recipe) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", recipe.command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


TEXTS = {page: page.read_text(encoding="utf-8") for page in PAGES}
RECIPES = [recipe for page, text in TEXTS.items() for recipe in read_recipes(text, page)]


def test_every_marker_is_a_complete_recipe():
    """A marker whose blocks are malformed would silently drop its recipe from the run below."""
    for page, text in TEXTS.items():
        markers, parsed = len(MARKER.findall(text)), len(read_recipes(text, page))
        assert markers == parsed, f"{page.name} has {markers} '<!-- recipe: ' markers but only {parsed} parse as marker + ```sh block + ```text block"
    names = [r.name for r in RECIPES]
    assert len(names) == len(set(names)), f"recipe names repeat: {names}"


def test_recipes_cover_the_questions_the_pages_promise():
    """docs/recipes.md promises csvkit answers with csvjoin/csvcut, csvsort and a csvsql --query join,
    and how to check a release's checksums."""
    assert len(RECIPES) >= 3, "the pages should hold at least three recipes"
    commands = [r.command for r in RECIPES]
    assert any("csvjoin" in c and "csvcut" in c for c in commands), "no recipe joins with csvjoin and csvcut"
    assert any("csvsort" in c for c in commands), "no recipe sorts with csvsort"
    assert any("csvsql" in c and "--query" in c and re.search(r"\bJOIN\b", c, re.I) for c in commands), (
        "no recipe joins tables with csvsql --query"
    )
    assert any("sha256sum -c" in c for c in commands), "no recipe checks a release's SHA256SUMS"


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_recipe_prints_what_the_readme_shows(recipe: Recipe):
    result = run(recipe)
    assert result.returncode == 0, f"recipe {recipe.name} exited {result.returncode}:\n{result.stderr}"
    assert result.stderr == "", f"recipe {recipe.name} wrote to stderr:\n{result.stderr}"
    assert result.stdout, f"recipe {recipe.name} printed nothing"
    assert result.stdout == recipe.expected, (
        f"recipe {recipe.name} prints something else than {recipe.page.name} shows; if the data changed on "
        "purpose, run `.venv/bin/python tests/test_readme_recipes.py --update` and review the diff"
    )


def update_pages() -> int:
    """Rewrite each recipe's expected output with what it prints now (for intended data changes)."""
    for page, original in TEXTS.items():
        text = original
        for recipe in sorted(read_recipes(text, page), key=lambda r: r.output_span[0], reverse=True):
            result = run(recipe)
            if result.returncode != 0 or result.stderr:
                print(f"recipe {recipe.name} failed:\n{result.stderr}", file=sys.stderr)
                return 1
            start, end = recipe.output_span
            text = text[:start] + result.stdout + text[end:]
        if text != original:
            page.write_text(text, encoding="utf-8")
            print(f"{page.relative_to(ROOT)}: expected outputs refreshed; review `git diff {page.relative_to(ROOT)}`")
        else:
            print(f"{page.relative_to(ROOT)}: every recipe already prints what it shows")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        print("usage: python tests/test_readme_recipes.py --update", file=sys.stderr)
        sys.exit(2)
    sys.exit(update_pages())
