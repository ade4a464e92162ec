"""The benchmark's machinery (never its timings): each job is a fresh process running the package,
not a script; saved results re-render with the same targets; the README keeps everything outside
its generated block."""
from __future__ import annotations

import json
from pathlib import Path

from factkit.core import paths
from factkit.tools.bench import jobs, measure, report, results
from fixtures.packages import copy_package, set_cell


def run_job(tmp_path: Path, *args: object) -> tuple[int, str, float]:
    log = tmp_path / "logs" / f"{args[0]}.log"
    seconds, peak, code = measure.timed(jobs.command(*args), log, env=jobs.env())
    assert seconds > 0 and peak > 0
    return code, log.read_text(encoding="utf-8"), measure.timed.cpu


def broken_package(tmp_path: Path) -> Path:
    dp = copy_package(tmp_path)
    set_cell(dp, "anchors", lambda row: True, "quote", "words that are not in the text")
    return dp


def test_jobs_run_the_package_not_the_scripts():
    command = jobs.command("validate", paths.DESCRIPTOR)
    assert command[1:4] == ["-m", "factkit.tools.bench.jobs", "validate"]
    assert not any(part.endswith(".py") for part in command)


def test_the_validate_job_reports_and_exits_like_the_validator(tmp_path):
    code, text, cpu = run_job(tmp_path, "validate", paths.DESCRIPTOR)
    assert code == 0 and "valid:" in text and cpu > 0
    code, text, _ = run_job(tmp_path, "validate", broken_package(tmp_path))
    assert code == 1 and "anchors.csv" in text


def test_the_site_job_refuses_an_invalid_package_and_builds_nothing(tmp_path):
    out = tmp_path / "site"
    code, text, _ = run_job(tmp_path, "site", broken_package(tmp_path), out)
    assert code == 1 and "not valid" in text and "Traceback" not in text
    assert not out.exists()


def test_the_synth_job_writes_the_package_the_benchmark_measures(tmp_path):
    descriptor, seconds = measure.make_package(3, tmp_path, seed=0, log=lambda _: None)
    assert descriptor == tmp_path / "synth-3" / "datapackage.json" and seconds > 0
    assert measure.count_rows(descriptor) > 3 * measure.count_rows(paths.DESCRIPTOR) // 2


def test_saved_results_give_back_their_targets_and_tables():
    saved = json.loads((paths.ROOT / "docs" / "benchmarks.json").read_text(encoding="utf-8"))
    res = results.from_json([saved])
    assert res.targets == saved["targets"]
    again = results.from_json([results.to_json(res)])
    assert report.terminal(again) == report.terminal(res)
    assert report.readme_section(again) == report.readme_section(res)


def test_the_readme_changes_only_inside_its_generated_block(tmp_path):
    res = results.from_json([json.loads((paths.ROOT / "docs" / "benchmarks.json").read_text(encoding="utf-8"))])
    readme = tmp_path / "README.md"
    readme.write_text("# t\n\n## Benchmarks\n\nProse stays.\n\n## Next\n\nAlso stays.\n", encoding="utf-8")
    assert report.update_readme(res, readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# t\n\n## Benchmarks\n\nProse stays.\n\n" + report.README_START)
    assert text.endswith(report.README_END + "\n\n## Next\n\nAlso stays.\n")
    assert not report.update_readme(res, readme)
    assert readme.read_text(encoding="utf-8") == text


def test_page_kinds_name_every_page_family():
    from factkit.site.urls import page_kind

    assert [page_kind(p) for p in ("index.html", "articles/index.html", "articles/index--3.html", "articles/src-2c5b7841.html",
                                   "entities/index--2.html", "entities/russia.html", "entities/russia--12.html", "timeline--40.html",
                                   "claims.html", "method.html")] == [
        "home", "articles", "articles", "article", "entities", "entity", "entity, more rows", "timeline", "claims", "method"]


def test_the_floor_site_has_our_pages_their_sizes_our_nav_and_plugins(tmp_path):
    """The floor (tools/bench/floor.py) builds as many pages as ours, each body the size of ours,
    with mkdocs.yml's nav, theme and plugins, bare: no theme overrides, stylesheets, scripts or hook of ours."""
    import re

    import yaml

    from factkit.tools.bench import floor

    bodies = {"index.md": 3000, "claims.md": 50_000, "entities/russia--3.md": 20_000, "articles/index.md": 0}
    for nav_page in ("articles/index.md", "timeline.md", "entities/index.md", "places.md", "language.md", "dictionary.md", "errors.md",
                     "downloads.md", "releases.md", "versioning.md", "method.md", "benchmarks.md"):
        bodies.setdefault(nav_page, 1000)
    config_file = floor.write_project(bodies, tmp_path / "floor")
    ours, theirs = (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (paths.ROOT / "mkdocs.yml", config_file))
    assert theirs["nav"] == ours["nav"] and theirs["plugins"] == ours["plugins"] and theirs["markdown_extensions"] == ours["markdown_extensions"]
    assert "custom_dir" not in theirs["theme"] and "extra_css" not in theirs and "extra_javascript" not in theirs
    assert theirs["hooks"] == [str(floor.HOOK)]
    out = tmp_path / "site"
    seconds, peak, code = measure.timed(jobs.command("floor", config_file, out), tmp_path / "floor.log", env=jobs.env())
    assert code == 0, (tmp_path / "floor.log").read_text(encoding="utf-8")
    built = floor.page_bodies(out)
    assert set(built) == set(bodies)
    # the same bytes, give or take the theme's indentation around the body (ours is squeezed) and a heading
    assert all(size <= built[page] <= size + 200 for page, size in bodies.items()), {p: (built[p], bodies[p]) for p in bodies}
    assert re.search(r'<a href="#s1">row 0</a>', (out / "claims.html").read_text(encoding="utf-8"))


def test_a_warm_up_run_of_each_tool_is_not_recorded(tmp_path, monkeypatch):
    calls = []

    def fake_timed(cmd, log, timeout=None, env=None):
        calls.append(log.name)
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("304\n", encoding="utf-8")
        fake_timed.cpu = 0.1
        return 0.5, 10.0, 0

    monkeypatch.setattr(measure, "timed", fake_timed)
    runs = measure.validate_runs(paths.DESCRIPTOR, 1, 304, tmp_path, timeout=60, warm_up=True)
    assert [r.tool for r in runs] == ["ours", "frictionless", "polars-floor"] and all(r.ok for r in runs)
    assert calls == ["ours-1-warm-up.log", "ours-1.log", "frictionless-1-warm-up.log", "frictionless-1.log",
                     "polars-floor-1-warm-up.log", "polars-floor-1.log"]
    calls.clear()
    measure.validate_runs(paths.DESCRIPTOR, 1, 304, tmp_path, timeout=60)
    assert calls == ["ours-1.log", "frictionless-1.log", "polars-floor-1.log"]
