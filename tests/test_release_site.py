"""The Releases page: every version, its files served byte for byte, its rendered diff (inert
whatever the cells hold), and tombstones that keep retired ids resolving. Built from two releases
cut in a temporary copy; the page is rendered through the site's own template environment."""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
import shutil

import pytest

import release as cli
from factkit.core import model, paths
from factkit.site import urls
from factkit.site.build import mkdocs_env
from factkit.site.plan import make_plan

PAYLOAD = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) {: onclick="alert(1)"}'


def _rewrite(root, name, change):
    path = root / "datapackage" / "data" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames), list(reader)
    rows = change(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _set_version(root, version):
    path = root / "datapackage" / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = version
    for res in data["resources"]:
        raw = (path.parent / res["path"]).read_bytes()
        res["bytes"], res["hash"] = len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    root = tmp_path_factory.mktemp("site") / "repo"
    root.mkdir()
    shutil.copytree(paths.PACKAGE, root / "datapackage")
    (root / "releases").mkdir()
    for name in ("LICENSE-DATA", "CITATION.cff", "CHANGELOG.md"):
        shutil.copy2(paths.ROOT / name, root / name)
    _set_version(root, "1.0.0")
    assert cli.main(["--root", str(root), "cut", "--date", "2024-12-09"]) == 0
    # 1.1.0: one entity description carries markup payloads, one relation retired for another.
    state = {}

    def poison(rows):
        state["entity"] = rows[0]["entity_id"]
        rows[0]["description"] = PAYLOAD
        return rows

    def retire(rows):
        state["retired"], state["successor"] = rows[-1]["relation_id"], rows[0]["relation_id"]
        return rows[:-1]

    _rewrite(root, "entities", poison)
    _rewrite(root, "relations", retire)
    _rewrite(root, "anchors", lambda rows: [a for a in rows if a["fact_id"] != state["retired"]])
    _rewrite(root, "tombstones", lambda rows: rows + [{"fact_id": state["retired"], "resource": "relations", "retired_in": "1.1.0",
                                                      "reason": "Merged into another relation for the test.", "superseded_by": state["successor"]}])
    _set_version(root, "1.1.0")
    assert cli.main(["--root", str(root), "cut", "--date", "2025-01-02"]) == 0
    package = model.load(root / "datapackage" / "datapackage.json")
    plan = make_plan(package, site_url="https://example.org/", repo_url="https://example.org/repo", site_name="t", options={"place_types": ["facility", "city", "country"]})
    return root, plan, state


def _page(plan):
    [spec] = [p for p in plan.pages if p.src_uri == urls.RELEASES]
    return spec.context(), plan.render(spec)


def test_every_release_is_listed_newest_first_with_its_files(two_releases):
    root, plan, _ = two_releases
    context, html = _page(plan)
    assert [r["version"] for r in context["releases"]] == ["1.1.0", "1.0.0"]
    for rec in context["releases"]:
        assert f'id="v{rec["version"].replace(".", "-")}"' in html
        for f in rec["files"]:
            assert f["sha256"] in html and f["name"] in html


def test_release_downloads_are_byte_identical_to_releases_folder(two_releases):
    root, plan, _ = two_releases
    served = {d.src_uri: d.content for d in plan.downloads if d.src_uri.startswith(urls.RELEASES_DIR + "/")}
    on_disk = {f"{urls.RELEASES_DIR}/{p.parent.name}/{p.name}": p.read_bytes() for p in (root / "releases").glob("*/*")}
    assert served == on_disk and len(served) == 16


def test_the_rendered_diff_is_inert_and_shows_the_change(two_releases):
    _, plan, state = two_releases
    _, html = _page(plan)
    assert state["entity"] in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", html, re.I), "no element may carry an event attribute from data"
    assert 'href="javascript:' not in html


def test_a_new_column_s_values_show_as_new_not_as_a_change_from_none(two_releases):
    _, plan, _ = two_releases
    context, _ = _page(plan)
    resource = {"resource": "mentions", "key": ["mention_id"], "status": "changed", "columns_added": ["claim_id"], "columns_removed": [],
                "columns_reordered": False, "added": [], "removed": [],
                "changed": [{"key": {"mention_id": "m1"}, "cells": {"claim_id": [None, "cl-quoting"]}}]}
    context["releases"][0]["resources"] = [resource]
    [spec] = [p for p in plan.pages if p.src_uri == urls.RELEASES]
    html = plan.render(dataclasses.replace(spec, context=lambda: context))
    assert "<em>(new column)</em> → <ins>cl-quoting</ins>" in html and "None" not in html


def test_a_retired_id_resolves_to_its_tombstone(two_releases):
    _, plan, state = two_releases
    _, html = _page(plan)
    assert plan.locator.get(state["retired"]) == f"{urls.RELEASES}#retired-{state['retired']}"
    assert f'id="retired-{state["retired"]}"' in html
    assert "Merged into another relation for the test." in html


def test_cite_this_gives_the_version_and_its_release_date(two_releases):
    _, plan, _ = two_releases
    [spec] = [p for p in plan.pages if p.src_uri == urls.HOME]
    html = plan.render(spec)
    assert "Version 1.1.0, released 2025-01-02 [Data set]" in html


@pytest.mark.site
def test_built_site_states_the_version_on_every_page_and_serves_verifiable_releases(two_releases, tmp_path):
    """Through the normal build (validation, mkdocs --strict): every page names the data version and
    its release date, and a release downloaded from the site passes `sha256sum -c`."""
    import subprocess
    import sys

    root, _, _ = two_releases
    out = tmp_path / "site"
    env = mkdocs_env()
    result = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "site.py"), "--package", str(root / "datapackage" / "datapackage.json"), "--out", str(out)],
                            capture_output=True, text=True, env=env, cwd=paths.ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p for p in out.rglob("*.html") if p.name != "404.html"]
    assert pages
    missing = [p.relative_to(out).as_posix() for p in pages if "This page describes version 1.1.0 of the data, released 2025-01-02." not in p.read_text(encoding="utf-8")]
    assert not missing, missing
    for version in ("1.0.0", "1.1.0"):
        folder = out / "releases" / version
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (root / "releases" / version).iterdir())
        if shutil.which("sha256sum"):
            check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr
