"""The synthetic corpus generator: deterministic, faithful to the real package's shape, and valid
by our validator and by stock frictionless."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from factkit.checks.validate import validate
from factkit.core import paths
from factkit.core.csvio import read_rows
from factkit.core.schema import load_resources
from factkit.core.segment import split_sentences
from factkit.tools.synth import synthesize
from factkit.tools.synth.template import load_template
from fixtures import scripts

FRICTIONLESS = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless")


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "pkg"
    synthesize(40, out, seed=3)
    return out


def table(pkg: Path, name: str) -> list[dict]:
    return read_rows(pkg / "data" / f"{name}.csv")


def texts(pkg: Path) -> dict[str, str]:
    return {s["source_id"]: (pkg / s["path"]).read_bytes().decode("utf-8") for s in table(pkg, "sources")}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path):
    synthesize(12, tmp_path / "a", seed=5)
    synthesize(12, tmp_path / "b", seed=5)
    synthesize(12, tmp_path / "c", seed=6)
    a, b, c = (tree_digest(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c


def test_one_source_reproduces_the_real_package(tmp_path: Path):
    real_sources = read_rows(paths.DATA / "sources.csv")
    if len(real_sources) != 1:
        pytest.skip("the real package has several sources; only its first is the template")
    synthesize(1, tmp_path / "one")
    for spec in load_resources():
        made = (tmp_path / "one" / spec.path).read_bytes()
        if spec.name == "tombstones":  # ids retired by a release: a generated package has none
            assert made.decode("utf-8").splitlines() == [",".join(spec.field_names)]
            continue
        assert made == (paths.PACKAGE / spec.path).read_bytes(), spec.name


def test_rows_per_article_match_the_template(pkg: Path):
    tpl = load_template()
    sources = table(pkg, "sources")
    assert len(sources) == 40
    for spec in load_resources():
        if spec.name in ("sources", "entities"):
            continue
        per_article = 0 if spec.name == "tombstones" else len(tpl.tables[spec.name])
        assert len(table(pkg, spec.name)) == 40 * per_article, spec.name


def test_every_offset_and_quote_is_exact(pkg: Path):
    by_source = texts(pkg)
    for s in table(pkg, "sources"):
        data = (pkg / s["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == s["sha256"]
        assert int(s["bytes"]) == len(data) and int(s["characters"]) == len(data.decode("utf-8"))
        assert s["title"] == by_source[s["source_id"]].split("\n", 1)[0]
    for name, column in (("sentences", "text"), ("mentions", "surface"), ("anchors", "quote")):
        for row in table(pkg, name):
            text = by_source[row["source_id"]]
            assert text[int(row["start"]):int(row["end"])] == row[column], (name, row)
    sentences = table(pkg, "sentences")
    for sid, text in by_source.items():
        expected = [(f"{sid}-s{s.position:02d}", s.start, s.end, s.text) for s in split_sentences(text)]
        got = [(r["sentence_id"], int(r["start"]), int(r["end"]), r["text"]) for r in sentences if r["source_id"] == sid]
        assert got == expected, sid


def test_quoted_words_lie_in_their_anchors(pkg: Path):
    by_source = texts(pkg)
    anchored: dict[str, list[str]] = {}
    for a in table(pkg, "anchors"):
        anchored.setdefault(a["fact_id"], []).append(a["quote"])
    for c in table(pkg, "claims"):
        if c["quote"]:
            assert any(c["quote"] in q for q in anchored[c["claim_id"]]), c
    for q in table(pkg, "quantities"):
        assert any(q["verbatim"] in a for a in anchored[q["quantity_id"]]), q
    assert by_source


def test_dates_follow_each_article(pkg: Path):
    """Articles whose reference date moved carry no trace of the template's dates in their free text."""
    tpl = load_template()
    moved = {s["source_id"]: s["reference_date"] for s in table(pkg, "sources") if s["reference_date"] != tpl.ref.isoformat()}
    assert len(moved) > 30
    traces = [tpl.ref.isoformat(), f"{tpl.ref:%B} {tpl.ref.year}"]
    for name in ("events", "claims"):
        for row in table(pkg, name):
            if row["source_id"] in moved:
                cells = " ".join(v for v in row.values() if v)
                assert not any(t in cells for t in traces), row
    for e in table(pkg, "events"):
        if e["source_id"] in moved and e["date_precision"] == "day" and e["date_basis"] == "resolved":
            assert e["date_start"] <= moved[e["source_id"]]


def test_entities_have_hubs_and_a_long_tail(tmp_path: Path, pkg: Path):
    mentions = table(pkg, "mentions")
    sources_per_entity: dict[str, set] = {}
    for m in mentions:
        sources_per_entity.setdefault(m["entity_id"], set()).add(m["source_id"])
    spread = Counter({e: len(s) for e, s in sources_per_entity.items()})
    entity_types = {e["entity_id"]: e["entity_type"] for e in table(pkg, "entities")}
    hubs = [e for e, n in spread.items() if n >= 0.7 * 40]
    assert {entity_types[e] for e in hubs} >= {"country", "city", "news_agency"}
    assert sum(1 for n in spread.values() if n == 1) >= 20  # a long tail of entities seen once
    assert set(sources_per_entity) == set(entity_types)       # every entity is mentioned
    synthesize(120, tmp_path / "bigger", seed=3)
    assert len(table(tmp_path / "bigger", "entities")) > 1.5 * len(entity_types)


def test_tombstones_are_never_copied_into_generated_articles(tmp_path: Path):
    """Tombstones belong to a release, not to an article: a template package that retired an id
    gives a generated package without tombstones, where copies would repeat the id."""
    template = tmp_path / "template"
    shutil.copytree(paths.PACKAGE, template)
    path = template / "data" / "tombstones.csv"
    header = next(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    row = {"fact_id": "qty-retired-for-the-test", "resource": "quantities", "retired_in": "1.0.1", "reason": "Withdrawn for the test."}
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, restval="", lineterminator="\n").writerow(row)
    assert any(r["fact_id"] == row["fact_id"] for r in read_rows(path))
    assert len(load_template(template).tables["tombstones"]) == 0
    synthesize(3, tmp_path / "out", seed=2, package_dir=template)
    assert table(tmp_path / "out", "tombstones") == []
    report = validate(tmp_path / "out" / "datapackage.json")
    assert report.ok, report.to_text()


def test_output_passes_our_validator(pkg: Path):
    report = validate(pkg / "datapackage.json")
    assert report.ok, report.to_text()
    assert report.counts["mentions"] == len(table(pkg, "mentions"))


@pytest.mark.slow  # stock frictionless on a generated package; the fast tier runs it on the real one (test_validate_cli.py)
@pytest.mark.skipif(FRICTIONLESS is None, reason="the frictionless CLI is not installed")
def test_output_passes_stock_frictionless(tmp_path: Path):
    synthesize(6, tmp_path / "small", seed=11)
    done = subprocess.run([FRICTIONLESS, "validate", "--json", str(tmp_path / "small" / "datapackage.json")],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    errors = report["errors"] + [e for t in report["tasks"] for e in t["errors"]]
    assert report["valid"] and not errors, errors[:5]


def test_cli_refuses_a_non_empty_directory(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("precious", encoding="utf-8")
    done = scripts.run("synth.py", "--sources", "2", "--out", tmp_path, child=True)
    assert done.returncode == 2
    assert "not an empty directory" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_cli_writes_a_package(tmp_path: Path):
    out = tmp_path / "new"
    done = scripts.run("synth.py", "--sources", "3", "--out", out, "--seed", "1")
    assert done.returncode == 0, done.stderr
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [s.name for s in load_resources()]
    with (out / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 3
