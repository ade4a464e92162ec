"""The site's page models and their figures, rendered in memory without MkDocs (fast tier): the one
build object's parts (figures held back and put back, build options handed to the hook), the
paging helper, and the rules that keep schema values out of templates and stylesheets."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import yaml

from factkit.core import model, paths
from factkit.core.markup import environment
from factkit.site.build import BuildOptions
from factkit.site.deferred import Deferred
from factkit.site.figures import END, START, PageFigures
from factkit.site.helpers import Helpers
from factkit.site.paginate import chunks, list_pages
from factkit.site.plan import make_plan

OPTIONS = {"place_types": ["facility", "city", "country"]}
STYLESHEETS = sorted((paths.ROOT / "docs" / "assets" / "stylesheets").glob("*.css"))


@pytest.fixture(scope="module")
def package():
    return model.load(paths.DESCRIPTOR)


def plan_of(package, figures=None):
    return make_plan(package, site_url="https://example.org/", repo_url="https://example.org/repo", site_name="t",
                     options=OPTIONS, figures=figures)


def test_every_fact_kind_has_a_row_layout(package):
    """_macros.html lays out a fact by its kind; the kinds come from the schemas, so a fact table
    added there must get a layout, or its rows would be shown empty."""
    plan = plan_of(package)
    data = plan.data
    template = environment().from_string('{% import "_macros.html" as m with context %}{{ m.fact_text(fact) }}')
    kinds = {ft.kind for ft in data.fact_tables.values()}
    assert kinds == {"event", "claim", "relation", "quantity"}
    for kind in kinds:
        fact = next(f for f in data.facts.values() if f.kind == kind)
        text = template.render(fact=fact, h=Helpers(plan, "index.md"), data=data, plan=plan)
        words = re.sub(r"<[^>]+>", " ", text).split()
        assert len(words) >= 3, (kind, text)


def test_no_stylesheet_names_a_schema_value():
    """Values of an enum are styled by their position in the schema's enum (`fk-mode--0`), never by
    name, so renaming a value in schemas/ cannot silently drop its style. The one exception is a
    rule about that value: mentions of type "label" are marked apart (site/language.py)."""
    values = set()
    for path in paths.SCHEMAS.glob("*.yaml"):
        for f in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("fields", []):
            values.update(str(v) for v in (f.get("constraints") or {}).get("enum", []))
    assert {"direct_quote", "resolved", "facility"} <= values
    named = {(sheet.name, m.group(0)) for sheet in STYLESHEETS
             for m in re.finditer(r"\.[a-z0-9-]+--([a-z0-9_]+)", sheet.read_text(encoding="utf-8")) if m.group(1) in values}
    assert named == {("factkit.css", ".fk-mention--label")}


def test_pages_render_without_figures_and_with_them_deferred_or_not(package):
    """One plan renders every page without figures, with them inline, and with them held back for
    the search indexer: putting the held figures back gives exactly the inline pages."""
    bare, inline, held = plan_of(package), plan_of(package, PageFigures(package)), plan_of(package, PageFigures(package, defer=True))
    with_figures = 0
    for spec in bare.pages:
        plain = bare.render(spec)
        assert START not in plain and "<svg" not in plain, spec.src_uri
        drawn = inline.render(inline.page(spec.src_uri))
        deferred = held.render(held.page(spec.src_uri))
        if START in drawn:
            with_figures += 1
            assert "<svg" not in deferred and "fkfig-deferred" in deferred, spec.src_uri
        assert held.figures.restore(deferred) == drawn, spec.src_uri
        assert re.sub(re.escape(START) + ".*?" + re.escape(END), "", drawn, flags=re.S) == plain, spec.src_uri
    assert with_figures >= 5


def test_held_figures_come_back_once_and_only_this_builds():
    mine, other = Deferred(), Deferred()
    first, second = mine.hold("<svg>1</svg>"), mine.hold("<svg>2</svg>")
    foreign = other.hold("<svg>x</svg>")
    assert mine.hold("") == ""  # nothing to hold: no placeholder
    page = f"<p>{second}{first}{foreign}</p>"
    assert mine.restore(page) == f"<p><svg>2</svg><svg>1</svg>{foreign}</p>"
    assert mine.restore(str(first)) == "", "a placeholder is filled once"
    # a placeholder forged without the nonce is left as it is
    forged = str(first).replace(mine.nonce, "0" * len(mine.nonce))
    assert mine.restore(forged) == forged


def test_build_options_reach_the_hook_through_the_config():
    config = SimpleNamespace(extra={"factkit": dict(OPTIONS)})
    assert BuildOptions.of(config) == BuildOptions()  # mkdocs.yml alone (mkdocs serve): the defaults
    asked = BuildOptions(paths.ROOT / "elsewhere" / "datapackage.json", figures=False)
    asked.put(config)
    assert BuildOptions.of(config) == asked
    assert config.extra["factkit"]["place_types"] == OPTIONS["place_types"], "mkdocs.yml's own options stay"
    assert BuildOptions.of(SimpleNamespace(extra={})) == BuildOptions(paths.DESCRIPTOR, True)


def test_a_list_over_several_pages_has_one_page_in_the_nav():
    pages = list_pages(chunks(range(25), 10, lambda n: f"things--{n}.md"), "Things", "things.html", lambda c: {"items": c.items})
    assert [(p.src_uri, p.title, p.in_nav, p.searchable) for p in pages] == [
        ("things--1.md", "Things", True, False), ("things--2.md", "Things, page 2", False, False), ("things--3.md", "Things, page 3", False, False)]
    assert pages[2].context() == {"items": [20, 21, 22, 23, 24]}


def test_every_page_has_one_title(real_site):
    """One <h1> a page: Material adds the page title as an <h1> to content that holds none, and a
    generated page's body arrives only when the page is written (mkdocs_hook: SiteBuild.body)."""
    counts = {p.relative_to(real_site).as_posix(): len(re.findall(r"<h1[ >]", p.read_text(encoding="utf-8")))
              for p in real_site.rglob("*.html")}
    assert len(counts) > 40
    assert {page: n for page, n in counts.items() if n != 1} == {}
