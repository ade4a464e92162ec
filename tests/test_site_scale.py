"""The site at more than one article (issue 5's synthetic corpus): long entity sections are split
over pages and never truncated, and pages stay small. Timing lives in the benchmark, not here."""
from __future__ import annotations

import collections
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factkit.core import paths
from factkit.site.build import mkdocs_env
from factkit.tools.bench.targets import SEARCH_BUDGET

ENV = mkdocs_env()
SOURCES = 10
pytestmark = pytest.mark.site  # builds the site of a 10-article corpus


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=ENV, cwd=paths.ROOT, timeout=900)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    package = root / "package"
    made = run(str(paths.ROOT / "scripts" / "synth.py"), "--sources", str(SOURCES), "--out", str(package), "--seed", "3")
    assert made.returncode == 0, made.stderr
    out = root / "site"
    built = run(str(paths.ROOT / "scripts" / "site.py"), "--package", str(package / "datapackage.json"), "--out", str(out))
    assert built.returncode == 0, built.stderr
    return package, out


def rows(package: Path, name: str) -> list[dict]:
    with (package / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def section_items(out: Path, entity_id: str, section: str, list_class: str) -> tuple[int, int]:
    """(rows listed for a section of an entity, number of pages that list them)."""
    pages = [p for p in sorted((out / "entities").glob(f"{entity_id}--*.html")) if f'<h2 id="{section}">' in p.read_text(encoding="utf-8")]
    if not pages:
        pages = [out / "entities" / f"{entity_id}.html"]
    total = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        block = re.search(rf'<h2 id="{section}">.*?<{list_class}[^>]*>(.*?)</{list_class}>', text, re.S)
        total += len(re.findall(r"<li[ >]", block.group(1))) if block else 0
    return total, len(pages)


def test_every_mention_of_every_entity_is_listed(corpus):
    package, out = corpus
    counts = collections.Counter(m["entity_id"] for m in rows(package, "mentions"))
    paged = 0
    for entity_id, expected in counts.items():
        listed, pages = section_items(out, entity_id, "mentions", "ol")
        assert listed == expected, entity_id
        paged += pages > 1
    assert paged >= 1, "no entity was long enough to need several pages: raise SOURCES"


def test_every_event_of_every_participant_is_listed(corpus):
    package, out = corpus
    events = {e["event_id"]: e for e in rows(package, "events")}
    expected = collections.Counter()
    for p in rows(package, "event_participants"):
        expected[p["entity_id"]] += 1
    for e in events.values():
        if e["place_id"]:
            expected[e["place_id"]] += 1
    for entity_id, n in expected.items():
        assert section_items(out, entity_id, "events", "ul")[0] == n, entity_id


def test_pages_stay_small(corpus):
    """Issue 5: no page over 100 KB, measured whole (theme, site HTML and inline SVG figures), the
    most-mentioned entity's page, the home page's network and every claims page included."""
    package, out = corpus
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.html")}
    assert max(sizes.values()) <= 100 * 1024, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
    top = collections.Counter(m["entity_id"] for m in rows(package, "mentions")).most_common(1)[0][0]
    assert f"entities/{top}.html" in sizes
    claims_pages = [name for name in sizes if re.fullmatch(r"claims(--\d+)?\.html", name)]
    assert len(claims_pages) > 1, "the corpus is big enough to split the claims over pages"
    assert "<svg" in (out / "index.html").read_text(encoding="utf-8"), "the home page's network is measured too"


def test_section_pages_are_not_in_the_navigation_and_link_back(corpus):
    _, out = corpus
    extra = sorted((out / "entities").glob("*--*.html"))
    assert extra
    home = (out / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav md-nav--primary"):]
    nav = nav[:nav.index("</nav>")]
    for page in extra:
        assert page.name not in nav
        entity_id = page.name.split("--", 1)[0]
        assert f'href="{entity_id}.html"' in page.read_text(encoding="utf-8")


def test_search_index_fits_its_budget_at_100_and_1000_sources(corpus, tmp_path):
    """Issue 13's budget for the index the browser loads, from the SOURCES-source site: the bytes of
    each kind of entry (a fact, an entity, an article) and of the rest (the pages Material reads
    and the nav pages' titles, which do not grow). At 100 and 1,000 sources a synthetic package has
    that many times the facts per source and one article a source, and the entities synth.py
    writes (counted by writing the package, without building its site). The benchmark measures the
    index at both sizes, without estimating."""
    import gzip

    from factkit.site.search import INDEX
    from factkit.tools.synth import synthesize

    package, out = corpus
    kinds = collections.defaultdict(list)
    for doc in json.loads((out / INDEX).read_bytes())["docs"]:
        page, _, fragment = doc["location"].partition("#")
        kind = ("fact" if fragment and doc["title"] == fragment else "entity" if re.fullmatch(r"entities/[^/]+\.html", page) and not fragment
                else "article" if re.fullmatch(r"articles/src-[^/]+\.html", page) else "rest")
        kinds[kind].append(json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode())
    mean = {kind: sum(len(d) + 1 for d in docs) / len(docs) for kind, docs in kinds.items()}
    # gzip: the fixed part as it compresses, the entries at the ratio they compress to at SOURCES
    # sources (they compress better the more there are, so the estimate errs on the large side).
    rest_raw = sum(len(d) + 1 for d in kinds["rest"])
    rest_gzip = len(gzip.compress(b",".join(kinds["rest"]), 9))
    entries = b",".join(d for kind in ("fact", "entity", "article") for d in kinds[kind])
    ratio = len(gzip.compress(entries, 9)) / len(entries)
    facts_per_source = len(kinds["fact"]) / SOURCES
    for n, budget in SEARCH_BUDGET.items():
        entities = synthesize(n, tmp_path / f"synth-{n}", seed=3)["entities"]
        grown = mean["fact"] * facts_per_source * n + mean["entity"] * entities + mean["article"] * n
        expected = {"raw": rest_raw + grown, "gzip": rest_gzip + grown * ratio}
        for kind, limit in budget.items():
            assert expected[kind] <= limit, f"{kind} search index at {n} sources: {expected[kind]:,.0f} bytes expected, budget {limit:,}"
