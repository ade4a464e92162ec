"""What delays the first paint, checked without Lighthouse (issue 11), and Lighthouse's record.

Every page's head holds two stylesheets, Material's main one and ours (which carries the rules of
Material's palette stylesheet that our palette uses), and the page fetches no script file while it
is parsed: the theme's bundle, the file:// worker shim and our script wait in an inert <template>
for the loader, which requests them after the content's first paint (the browser test of that is
in test_site_readers.py). Our stylesheet stays small. Lighthouse itself is a measurement (`make lighthouse`), whose scores depend on the machine
and its load: its record (the `lighthouse` section of docs/benchmarks.json) and README.md must agree, name the Lighthouse
pinned in tests/tools, hold every run of the bare site and of our three pages, and show our pages'
accessibility, best practices and SEO at 1.0.
"""
from __future__ import annotations

import html.parser
import json

import pytest
import yaml

from factkit.core import paths
from factkit.site import stylesheet
from factkit.tools import lighthouse

OUR_STYLESHEET = stylesheet.SOURCE
MATERIAL_STYLESHEET = "assets/stylesheets/main."
OUR_STYLESHEET_MAX_BYTES = 20_000


class Head(html.parser.HTMLParser):
    """The stylesheets and script files of a page: which scripts wait in the loader's template,
    and whether the loader follows it."""

    def __init__(self):
        super().__init__()
        self.in_head = True
        self.in_template = False
        self.stylesheets: list[str] = []
        self.scripts: list[tuple[str, bool]] = []  # src, inside <template id="fk-scripts">
        self.inline: list[str] = []  # the inline scripts after that template
        self.template_seen = False
        self._inline = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.in_head = False
        elif tag == "link" and a.get("rel") == "stylesheet":
            assert self.in_head, f"a stylesheet outside the head: {a.get('href')}"
            self.stylesheets.append(a["href"])
        elif tag == "template" and a.get("id") == "fk-scripts":
            self.in_template = self.template_seen = True
        elif tag == "script" and a.get("src"):
            self.scripts.append((a["src"], self.in_template))
        elif tag == "script" and not a.get("type") and self.template_seen and not self.in_template:
            self._inline = True

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = False
        elif tag == "script":
            self._inline = False

    def handle_data(self, data):
        if self._inline:
            self.inline.append(data)


def parsed(page) -> Head:
    head = Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def test_one_stylesheet_of_ours_and_no_script_before_the_first_paint(real_site):
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        head = parsed(page)
        local = [href[href.index("assets/"):] for href in head.stylesheets]  # relative, or from site_url (404.html)
        assert len(local) == 2 and local[0].startswith(MATERIAL_STYLESHEET) and local[1] == OUR_STYLESHEET, (page, local)
        assert head.scripts, page
        assert [src for src, waiting in head.scripts if not waiting] == [], page  # every script file waits for the loader
        assert len(head.inline) == 1 and 'getElementById("fk-scripts")' in head.inline[0], page
    shim, bundle, ours = (src.rsplit("/", 1)[-1] for src, _ in parsed(real_site / "index.html").scripts)
    assert shim == "iframe-worker-shim.js" and bundle.startswith("bundle.") and ours == "factkit.js"  # the shim runs first
    assert (real_site / OUR_STYLESHEET).stat().st_size <= OUR_STYLESHEET_MAX_BYTES


def test_our_stylesheet_carries_the_palette_rules_we_use_and_no_others(real_site):
    palette = [{"scheme": "default", "primary": "indigo", "accent": "indigo"}, {"scheme": "slate", "primary": "indigo", "accent": "indigo"}]
    rules = stylesheet.palette_rules(stylesheet.palette_file().read_text(encoding="utf-8"), stylesheet.used_colours(palette))
    assert "[data-md-color-scheme=slate]{color-scheme:dark;" in rules and "[data-md-color-primary=indigo]{--md-primary-fg-color:" in rules
    assert "[data-md-color-switching]" in rules  # a rule of the palette's that names no colour stays
    assert "=red]" not in rules and "=teal]" not in rules
    served = (real_site / OUR_STYLESHEET).read_text(encoding="utf-8")
    assert served.startswith(rules) and ".fk-figure" in served and "/*" not in served
    # the palette of mkdocs.yml is the one served
    config = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert served.startswith(stylesheet.palette_rules(stylesheet.palette_file().read_text(encoding="utf-8"),
                                                      stylesheet.used_colours(config["theme"]["palette"])))


def test_lighthouse_record_is_published_with_its_runs():
    record = lighthouse.recorded()
    pinned = json.loads((paths.ROOT / "tests" / "tools" / "package.json").read_text(encoding="utf-8"))["devDependencies"]["lighthouse"]
    assert record["lighthouse"] == pinned
    assert record["runs"] >= 5 and all(len(page["runs"]) == record["runs"] for page in record["pages"].values())
    assert lighthouse.readme_block(record) in (paths.ROOT / "README.md").read_text(encoding="utf-8")
    medians = {name: page["median"] for name, page in record["pages"].items()}
    assert set(medians) == {"bare", "home", "entity", "article"}
    for name in ("home", "entity", "article"):
        assert [medians[name][c] for c in ("accessibility", "best-practices", "seo")] == [1, 1, 1], (name, medians[name])


def test_lighthouse_measures_the_heaviest_pages_beside_a_bare_material_page(real_site, tmp_path):
    pages = lighthouse.pages_of(real_site)
    entities = sorted(real_site.glob("entities/*.html"), key=lambda p: p.stat().st_size)
    assert pages["home"] == "index.html" and pages["entity"] == f"entities/{entities[-1].name}" != "entities/index.html"
    assert pages["article"].startswith("articles/") and pages["article"] != "articles/index.html"
    bare = lighthouse.bare_site(tmp_path / "bare")
    head = parsed(bare / "index.html")
    assert [h.rsplit("/", 1)[-1].split(".")[0] for h in head.stylesheets] == ["main"]  # Material's own, nothing of ours
    # publishing rewrites only what lies between the README's markers
    record = {"measured": "now", "runs": 1, "load_average": [1.0, 1.0], "cpus": 2, "lighthouse": "13.5.0", "browser": "Chromium",
              "settings": "defaults", "served_by": "a server",
              "pages": {name: {"path": path, "median": dict.fromkeys((*lighthouse.CATEGORIES, *lighthouse.METRICS), 1), "runs": []}
                        for name, path in {"bare": "index.html", **pages}.items()}}
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{lighthouse.README_START}\nold\n{lighthouse.README_END}\nafter\n", encoding="utf-8")
    benchmarks = tmp_path / "benchmarks.json"
    benchmarks.write_text(json.dumps({"validate": [1], "lighthouse": {"old": True}}), encoding="utf-8")
    lighthouse.publish(record, benchmarks, readme)
    assert readme.read_text(encoding="utf-8") == f"before\n{lighthouse.readme_block(record)}\nafter\n"
    # its own section replaced, the benchmark's kept
    assert json.loads(benchmarks.read_text(encoding="utf-8")) == {"validate": [1], "lighthouse": record}
    assert lighthouse.recorded(benchmarks) == record


def test_publishing_refuses_a_readme_without_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# no generated block here\n", encoding="utf-8")
    benchmarks = tmp_path / "benchmarks.json"
    with pytest.raises(RuntimeError, match="no Lighthouse block"):
        lighthouse.publish({"measured": "now", "runs": 1, "load_average": [1.0], "cpus": 2, "lighthouse": "13.5.0",
                            "browser": "Chromium", "settings": "defaults", "served_by": "a server", "pages": {}}, benchmarks, readme)
    assert readme.read_text(encoding="utf-8") == "# no generated block here\n" and not benchmarks.exists()
