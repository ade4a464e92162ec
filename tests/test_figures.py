"""The figures in the BUILT site, compared with the package's CSVs (read with the csv module, not
with the code that draws the figures): every entity, event, claim and sentence that should be drawn
is; every link in a figure resolves to a page and an id that exist; no SVG can run code."""
from __future__ import annotations

import collections
import datetime as dt

import pytest

from factkit.core import paths
from test_figures_support import FIGURE_PAGES, ID_RE, SVG_NS, csv_rows, figures, figures_of, hrefs, page_ids, resolve, svg_of, tag, unsafe_bits

PACKAGE = paths.PACKAGE


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


def entity_names():
    return {r["entity_id"]: r["name"] for r in csv_rows(PACKAGE, "entities")}


def nodes(figure) -> set[str]:
    return {el.get("data-entity") for el in figure.iter(f"{SVG_NS}a") if el.get("data-entity")}


def edges(figure, kind) -> set[tuple[str, str]]:
    return {(el.get("data-source"), el.get("data-target")) for el in figure.iter(f"{SVG_NS}path")
            if f"fk-edge--{kind}" in (el.get("class") or "").split()}


def neighbours() -> dict[str, set[str]]:
    """Who is directly tied to whom: relations, speaker -> subject of claims, and consecutive hops."""
    out = collections.defaultdict(set)

    def tie(a, b):
        if a and b and a != b:
            out[a].add(b)
            out[b].add(a)
    for r in csv_rows(PACKAGE, "relations"):
        tie(r["subject_id"], r["object_id"])
    for c in csv_rows(PACKAGE, "claims"):
        tie(c["speaker_id"], c["about_id"])
    chains = collections.defaultdict(list)
    for h in csv_rows(PACKAGE, "claim_hops"):
        chains[h["claim_id"]].append((int(h["hop"]), h["entity_id"]))
    for hops in chains.values():
        hops.sort()
        for (_, a), (_, b) in zip(hops, hops[1:]):
            tie(a, b)
    return out


def test_every_page_with_figures_has_them(site):
    for page, kinds in FIGURE_PAGES.items():
        found = {f.get("data-figure") for f in figures((site / page).read_text(encoding="utf-8"))}
        assert kinds <= found, f"{page}: expected figures {sorted(kinds)}, found {sorted(found)}"


def test_home_network_has_every_entity_and_every_tie(site):
    (figure,) = figures_of(site, "index.html", "network")
    relations = {(r["subject_id"], r["object_id"]) for r in csv_rows(PACKAGE, "relations")}
    claims = {(c["speaker_id"], c["about_id"]) for c in csv_rows(PACKAGE, "claims")
              if c["speaker_id"] and c["speaker_id"] != c["about_id"]}
    drawings = list(figure.iter(f"{SVG_NS}svg"))
    assert len(drawings) == 2, "a wide and a narrow drawing"
    for drawing in drawings:
        assert nodes(drawing) == set(entity_names()), "every entity of entities.csv is a node of the home network"
        assert edges(drawing, "relation") == relations
        assert edges(drawing, "claim") == claims
    # node labels carry the names from the CSV
    titles = {el.get("data-entity"): el.find(f"{SVG_NS}title").text for el in figure.iter(f"{SVG_NS}a") if el.get("data-entity")}
    for eid, name in entity_names().items():
        assert titles[eid].startswith(name), (eid, titles[eid])


def test_relation_edges_are_labelled_with_their_predicate(site):
    (figure,) = figures_of(site, "index.html", "network")
    labels = [" ".join(t.itertext()) for t in figure.iter(f"{SVG_NS}text") if "fk-label--relation" in (t.get("class") or "")]
    for r in csv_rows(PACKAGE, "relations"):
        assert any(r["predicate"].replace("_", " ") in label for label in labels), r["predicate"]


def test_each_entity_page_shows_its_neighbourhood(site):
    ties = neighbours()
    for eid in entity_names():
        found = figures_of(site, f"entities/{eid}.html", "network")
        if not ties.get(eid):
            assert not found, f"{eid} has no relation or claim, so no neighbourhood figure"
            continue
        (figure,) = found
        assert figure.get("data-centre") == eid
        for drawing in figure.iter(f"{SVG_NS}svg"):
            assert nodes(drawing) == {eid} | ties[eid], eid


def test_jolani_is_connected_to_al_qaeda_and_hts_in_the_figure(site):
    """The question the figure must answer alone: how is al-Jolani connected to Al-Qaeda and HTS?"""
    (figure,) = figures_of(site, "entities/abu-mohammed-al-jolani.html", "network")
    wanted = {(r["subject_id"], r["object_id"], r["predicate"].replace("_", " "))
              for r in csv_rows(PACKAGE, "relations") if r["subject_id"] == "abu-mohammed-al-jolani"}
    assert {o for _, o, _ in wanted} >= {"hts", "al-qaeda"}
    svg = svg_of(figure)
    for subject, obj, predicate in wanted:
        path = next(p for p in svg.iter(f"{SVG_NS}path") if (p.get("data-source"), p.get("data-target")) == (subject, obj))
        assert "fk-edge--relation" in path.get("class").split()
        # the edge's label says the predicate and links to the sentence that states it
        link = next(a for a in svg.iter(f"{SVG_NS}a") if "fk-edge-link" in (a.get("class") or "")
                    and predicate in "".join(a.itertext()))
        anchors = [x for x in csv_rows(PACKAGE, "anchors") if x["fact_id"].startswith("rel-") and x["fact_id"] in
                   {r["relation_id"] for r in csv_rows(PACKAGE, "relations") if (r["subject_id"], r["object_id"]) == (subject, obj)}]
        assert link.get("href").endswith("#" + anchors[0]["sentence_id"])


def basis_style(element) -> str | None:
    """The fk-basis--N class of an element (N: a position in events.date_basis' enum), if any."""
    return next((c for c in (element.get("class") or "").split() if c.startswith("fk-basis--")), None)


def test_timeline_draws_every_event_with_its_precision_and_basis(site):
    """Each event's mark is a point or a bar by its precision, and is filled by its date basis: the
    fill class is the basis' position in the schema's enum, and the legend names that basis beside
    the same class."""
    import yaml

    schema = yaml.safe_load((paths.SCHEMAS / "events.yaml").read_text(encoding="utf-8"))
    bases = next(f for f in schema["fields"] if f["name"] == "date_basis")["constraints"]["enum"]
    (figure,) = figures_of(site, "timeline.html", "timeline")
    rows = {g.get("data-event"): g for g in figure.iter(f"{SVG_NS}g") if g.get("data-event")}
    events = csv_rows(PACKAGE, "events")
    assert set(rows) == {e["event_id"] for e in events}
    # legend swatches are inline <svg> without an xmlns of their own: their elements have no namespace
    legend = {basis_style(swatch): "".join(li.itertext()) for li in figure.iter("li") for swatch in li.iter("rect")}
    for e in events:
        g = rows[e["event_id"]]
        marks = [el for el in g.iter() if "fk-bar" in (el.get("class") or "")]
        point = e["date_precision"] == "day" and e["date_start"] == e["date_end"]
        assert [tag(el) for el in marks] == (["path"] if point else ["rect"]), e["event_id"]
        style = basis_style(marks[0])
        assert style == f"fk-basis--{bases.index(e['date_basis'])}", (e["event_id"], style)
        assert legend[style].startswith(f"date {e['date_basis']}"), (style, legend.get(style))


def test_timeline_answers_what_happened_in_2017(site):
    (figure,) = figures_of(site, "timeline.html", "timeline")
    svg = svg_of(figure)
    in_2017 = [e for e in csv_rows(PACKAGE, "events") if e["date_start"][:4] <= "2017" <= e["date_end"][:4]]
    assert in_2017
    tick = next(t for t in svg.iter(f"{SVG_NS}text") if "".join(t.itertext()) == "2017")
    x2017 = float(tick.get("x"))
    for e in in_2017:
        g = next(g for g in svg.iter(f"{SVG_NS}g") if g.get("data-event") == e["event_id"])
        bar = next(el for el in g.iter() if "fk-bar" in (el.get("class") or ""))
        x0, x1 = float(bar.get("x")), float(bar.get("x")) + float(bar.get("width"))
        assert x0 <= x2017 <= x1, f"{e['event_id']} should span the 2017 tick"
        assert e["summary"] in g.find(f".//{SVG_NS}title").text


def test_timeline_enlarges_the_busiest_month_beside_the_years(site):
    """1971 and the December 2024 weekend are both readable: the weekend's days are on a day axis."""
    (figure,) = figures_of(site, "timeline.html", "timeline")
    svg = svg_of(figure)
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text")]
    assert "1971" in texts
    days = [e for e in csv_rows(PACKAGE, "events") if e["date_precision"] == "day"]
    months = collections.Counter(e["date_start"][:7] for e in days)
    busiest, _ = months.most_common(1)[0]
    label = dt.date.fromisoformat(busiest + "-01").strftime("%B %Y")
    assert any(t.startswith(label) for t in texts)
    for e in days:
        if e["date_start"][:7] == busiest:
            assert str(int(e["date_start"][8:])) in texts, f"day {e['date_start']} is labelled on the day axis"
    points = [float(p.get("d").split()[0][1:]) for g in svg.iter(f"{SVG_NS}g") if g.get("data-precision") == "day"
              for p in g.iter(f"{SVG_NS}path")]
    assert max(points) - min(points) >= 15, "the weekend's two days sit visibly apart"


def test_coverage_strip_has_every_sentence_in_order_with_its_fact_count(site):
    sentences = sorted(csv_rows(PACKAGE, "sentences"), key=lambda s: (s["source_id"], int(s["position"])))
    facts = collections.defaultdict(set)
    for a in csv_rows(PACKAGE, "anchors"):
        facts[a["sentence_id"]].add(a["fact_id"])
    exempt = {r["sentence_id"] for r in csv_rows(PACKAGE, "sentence_exemptions")}
    for page in ("index.html", "articles/src-2c5b7841.html"):
        (figure,) = figures_of(site, page, "coverage")
        cells = [a for a in figure.iter(f"{SVG_NS}a") if a.get("data-sentence")]
        assert [c.get("data-sentence") for c in cells] == [s["sentence_id"] for s in sentences]
        for c in cells:
            sid = c.get("data-sentence")
            assert int(c.get("data-facts")) == len(facts[sid]), sid
            assert (c.get("data-exempt") == "true") == (sid in exempt)


def test_each_claim_on_the_claims_page_has_its_own_chain(site):
    claims = csv_rows(PACKAGE, "claims")
    drawn = []
    for f in figures_of(site, "claims.html", "chains"):
        ids = {g.get("data-claim") for g in f.iter(f"{SVG_NS}g") if g.get("data-claim")}
        assert len(ids) == 1, "a claim's own figure draws that claim only"
        drawn.extend(ids)
    assert sorted(drawn) == sorted(c["claim_id"] for c in claims), "one chain figure per claim"
    html = (site / "claims.html").read_text(encoding="utf-8")
    for c in claims:  # the small chain sits inside the claim's own article
        start = html.index(f'id="{c["claim_id"]}"')
        end = html.index("</article>", start)
        assert f'data-claim="{c["claim_id"]}"' in html[start:end]


def test_chains_draw_every_hop_with_its_hedges(site):
    # every drawing (wide and narrow) of every claim's figure is checked
    drawings = [svg for f in figures_of(site, "claims.html", "chains") for svg in f.iter(f"{SVG_NS}svg")]
    claims = csv_rows(PACKAGE, "claims")
    assert len(drawings) == 2 * len(claims)
    for drawing in drawings:
        rows = {g.get("data-claim"): g for g in drawing.iter(f"{SVG_NS}g") if g.get("data-claim")}
        assert len(rows) == 1
        _check_chain_rows(rows, claims)


def _check_chain_rows(rows, claims):
    hops = collections.defaultdict(list)
    for h in csv_rows(PACKAGE, "claim_hops"):
        hops[h["claim_id"]].append(h)
    names = entity_names()
    for c in claims:
        if c["claim_id"] not in rows:
            continue
        g = rows[c["claim_id"]]
        assert g.get("data-mode") == c["mode"]
        boxes = [a for a in g.iter(f"{SVG_NS}a") if a.get("data-entity-hop")]
        assert [int(b.get("data-entity-hop")) for b in boxes] == sorted(int(h["hop"]) for h in hops[c["claim_id"]])
        for h in hops[c["claim_id"]]:
            box = next(b for b in boxes if b.get("data-entity-hop") == h["hop"])
            assert names[h["entity_id"]] in box.find(f"{SVG_NS}title").text
            hedge = [x for x in g.iter(f"{SVG_NS}g") if x.get("data-hop") == h["hop"]]
            if h["hedges"]:
                assert "".join(hedge[0].itertext()) == h["hedges"].replace("; ", ", ")
            else:
                assert not hedge
        assert c["mode"].replace("_", " ") in "".join(g.itertext())


def test_every_link_in_a_figure_resolves(site):
    cache: dict = {}
    checked = 0
    for page in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        for figure in figures((site / page).read_text(encoding="utf-8")):
            for href in hrefs(figure):
                target, fragment = resolve(site, page, href)
                assert target.is_file(), f"{page}: {href} -> missing {target}"
                if fragment:
                    assert fragment in page_ids(target, cache), f"{page}: {href} -> no id {fragment!r}"
                checked += 1
    assert checked > 100


def test_figure_ids_are_unique_on_their_page(site):
    for page in FIGURE_PAGES:
        html = (site / page).read_text(encoding="utf-8")
        figure_ids = [el.get("id") for f in figures(html) for el in f.iter() if el.get("id")]
        all_ids = collections.Counter(ID_RE.findall(html))
        clashes = [i for i in figure_ids if all_ids[i] != 1]
        assert not clashes, f"{page}: ids used more than once: {clashes}"


def test_every_figure_placeholder_was_filled(site):
    """Figures go in after the search plugin has indexed the page (factkit/site/deferred.py)."""
    for page in site.rglob("*.html"):
        assert "fkfig-deferred" not in page.read_text(encoding="utf-8"), page


def test_no_svg_can_run_code(site):
    svgs = 0
    for page in site.rglob("*.html"):
        for figure in figures(page.read_text(encoding="utf-8")):
            assert unsafe_bits(figure) == [], page
            svgs += 1
    assert svgs >= 6
