"""Labels are data, so they are untrusted. Two checks:
- every free-text value the figures draw (names, summaries, quotes, verbs, hedges, predicates,
  exemption reasons, titles) and even the ids are replaced in memory by hostile payloads, and
  every figure is rendered: the markup parses, holds no script, no on* attribute and no href with
  a colon, and the payload survives only as text;
- the site of the payload package (tests/fixtures/payload) is built through the normal
  validate-then-build path and its figures are checked the same way.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import polars as pl
import pytest

from factkit.core import model, paths
from factkit.figures import Figures, Links
from factkit.figures.links import checked
from fixtures.links import PatternLinks
from fixtures.payload.payload_package import PAYLOADS
from test_figures_support import SVG_NS, figures, hrefs, unsafe_bits

HOSTILE = "<script>alert(1)</script> \" onload=\"alert(1)\" ' onmouseover='x' javascript:alert(1) {: onclick=x } ]]> &amp;"


def poisoned_package():
    package = model.load(paths.DESCRIPTOR)
    t = package.tables

    def spoil(name, *columns):
        t[name] = t[name].with_columns([(pl.col(c).cast(pl.Utf8).fill_null("") + pl.lit(" " + HOSTILE)).alias(c) for c in columns])
    spoil("entities", "name", "entity_type")
    spoil("events", "summary")
    spoil("claims", "summary", "quote", "mode")
    spoil("claim_hops", "verb", "hedges")
    spoil("relations", "predicate")
    spoil("sources", "title")
    first = t["sentences"]["sentence_id"][0]
    t["sentence_exemptions"] = pl.DataFrame({"sentence_id": [first], "reason": [HOSTILE]})
    # An id that is not a slug must never become a link: it is drawn without one.
    bad_id = "javascript:alert(1)"
    t["entities"] = t["entities"].with_columns(pl.when(pl.col("entity_id") == "tass").then(pl.lit(bad_id)).otherwise(pl.col("entity_id")).alias("entity_id"))
    t["claim_hops"] = t["claim_hops"].with_columns(pl.when(pl.col("entity_id") == "tass").then(pl.lit(bad_id)).otherwise(pl.col("entity_id")).alias("entity_id"))
    return package


def rendered(package) -> list[str]:
    """Every figure the library draws for a package: each kind, for every entity, claim and source."""
    figures_ = Figures(package)
    to = PatternLinks()
    out = [figures_.network(to), figures_.timeline(to, package.rows("events"))]
    out += [figures_.coverage(to, sid) for sid in package.tables["sources"]["source_id"].to_list()]
    out += [figures_.neighbourhood(to, eid) for eid in package.tables["entities"]["entity_id"].to_list()]
    out += [figures_.chain(to, cid) for cid in package.tables["claims"]["claim_id"].to_list()]
    return [str(m) for m in out if str(m)]


def test_hostile_labels_stay_inert_in_every_figure():
    blocks = rendered(poisoned_package())
    assert len(blocks) > 10
    texts = []
    for block in blocks:
        root = ET.fromstring(block)  # well formed, whatever the labels hold
        assert unsafe_bits(root) == [], unsafe_bits(root)
        for href in hrefs(root):
            assert "javascript" not in href.lower() and ":" not in href
        texts.extend("".join(el.itertext()) for el in root.iter())
        assert "<script" not in block and "onload=\"" not in block, "raw payload reached the markup"
    joined = "\n".join(texts)
    # the payload is still there, as text a reader can see
    assert "<script>alert(1)</script>" in joined
    assert '" onload="alert(1)"' in joined


def test_an_id_that_is_not_a_slug_gets_no_link():
    package = poisoned_package()
    block = str(Figures(package).network(PatternLinks()))
    root = ET.fromstring(block)
    node = next(a for a in root.iter(f"{SVG_NS}a") if a.get("data-entity") == "javascript:alert(1)")
    assert node.get("href") is None


class _Hostile(Links):
    """Links whose every path is a script: the base class must refuse them all."""

    def _entity(self, slug):
        return f"javascript:alert('{slug}')"

    _event = _sentence = _claim = _entity


def test_links_reject_anything_but_slugs_and_relative_paths():
    to = PatternLinks()
    assert to.entity("hts") == "entities/hts.html"
    for bad in ("javascript:alert(1)", "HTS", "a b", "../x", "x#y", "", None, 7):
        assert to.entity(bad) is None
    with pytest.raises(ValueError):
        PatternLinks(root="javascript:")
    assert checked("entities/x.html#a-b") == "entities/x.html#a-b"
    for bad in ("javascript:alert(1)", "data:text/html,x", "http://x", "x.html#A B", "a\"b"):
        assert checked(bad) is None
    # whatever a subclass builds, only a colon-free relative path gets out
    hostile = _Hostile()
    assert [hostile.entity("hts"), hostile.event("ev-x"), hostile.sentence("s-1"), hostile.claim("cl-x")] == [None] * 4


def test_payload_package_site_figures_are_inert(payload_site):
    site = payload_site
    found = 0
    texts = []
    for page in site.rglob("*.html"):
        for figure in figures(page.read_text(encoding="utf-8")):
            assert unsafe_bits(figure) == [], page
            texts.append("".join(figure.itertext()))
            found += 1
    assert found >= 4, "the payload site has figures"
    joined = "\n".join(texts)
    assert any(p in joined for p in PAYLOADS), "payload labels are shown as text"


def test_same_data_gives_the_same_picture():
    first = rendered(model.load(paths.DESCRIPTOR))
    second = rendered(model.load(paths.DESCRIPTOR))
    assert first == second


def test_at_corpus_scale_the_network_is_summarised(tmp_path):
    """A synthetic corpus has more entities than a readable network: the home figure keeps the
    most connected ones (by degree, computed here independently) and says so."""
    from collections import Counter

    from factkit.figures import network
    from factkit.tools.synth import synthesize

    synthesize(30, tmp_path / "synth", seed=1)
    package = model.load(tmp_path / "synth" / "datapackage.json")
    total = package.tables["entities"].height
    assert total > network.MAX_NODES
    root = ET.fromstring(str(Figures(package).network(PatternLinks())))
    wide = root.find(f".//{SVG_NS}svg")
    drawn = {a.get("data-entity") for a in wide.iter(f"{SVG_NS}a") if a.get("data-entity")}
    assert len(drawn) == network.MAX_NODES
    assert f"most connected of {total}" in wide.find(f"{SVG_NS}title").text
    ties = {}
    for r in package.rows("relations"):
        ties.setdefault(r["subject_id"], set()).add(r["object_id"])
        ties.setdefault(r["object_id"], set()).add(r["subject_id"])
    for c in package.rows("claims"):
        if c["speaker_id"] and c["speaker_id"] != c["about_id"]:
            ties.setdefault(c["speaker_id"], set()).add(c["about_id"])
            ties.setdefault(c["about_id"], set()).add(c["speaker_id"])
    hops = {}
    for h in sorted(package.rows("claim_hops"), key=lambda h: h["hop"]):
        hops.setdefault(h["claim_id"], []).append(h["entity_id"])
    for chain in hops.values():
        for a, b in zip(chain, chain[1:]):
            if a != b:
                ties.setdefault(a, set()).add(b)
                ties.setdefault(b, set()).add(a)
    degree = Counter({k: len(v) for k, v in ties.items()})
    weakest_drawn = min(degree[e] for e in drawn)
    strongest_left = max((degree[e] for e in degree if e not in drawn), default=0)
    assert weakest_drawn >= strongest_left
    # every entity page still gets a bounded neighbourhood
    hub = degree.most_common(1)[0][0]
    ring = ET.fromstring(str(Figures(package).neighbourhood(PatternLinks(), hub)))
    assert len({a.get("data-entity") for a in ring.iter(f"{SVG_NS}a") if a.get("data-entity")}) <= network.MAX_NEIGHBOURS + 1
