"""The built site in a real browser (Playwright driving Debian's Chromium), served on 127.0.0.1.

These tests skip only when the CI environment variable is unset AND chromium is missing; in CI a
missing browser is a failure. Screenshots (desktop and phone, light and dark) are written to
test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import html.parser
import urllib.parse
import urllib.request

import pytest

from conftest import SCRIPTS_READY, require_chromium, serving, visit
from factkit.core import paths

ARTIFACTS = paths.ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

require_chromium()

# --- set-up ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(real_site, payload_site):
    """Both sites (the real package and the payload package), each on its own 127.0.0.1 port."""
    sites = {"real": real_site, "payload": payload_site}
    with serving(real_site) as real, serving(payload_site) as payload:
        yield {"dirs": sites, "urls": {"real": real, "payload": payload}}


class Watch:
    """Console errors, page errors, dialogs and every request a page makes."""

    def __init__(self, page):
        self.errors, self.requests, self.dialogs = [], [], []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()
        page.on("dialog", on_dialog)

    def foreign(self, allowed_prefixes):
        return [u for u in self.requests if not u.startswith(tuple(allowed_prefixes)) and not u.startswith(("data:", "blob:", "about:"))]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    p = context.new_page()
    p.watch = Watch(p)
    yield p
    context.close()


def search(page, words: str):
    page.wait_for_selector(SCRIPTS_READY, state="attached")  # a page reached by a click: its scripts load after its first paint
    box = page.locator("input[data-md-component='search-query']")
    if not box.is_visible():  # phone width: the search box opens from the header button
        page.locator(".md-header__button[for='__search']").first.click()
    box.click()
    box.press_sequentially(words, delay=40)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item a")


# --- crawl (plain HTTP, no browser needed) ------------------------------------------------------------

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.links.append(a[key])


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def crawl(base: str) -> tuple[dict, list[str], list[str]]:
    """Every page and file reachable from the home page: (pages {url: ids}, broken, files)."""
    pages, broken, files, fragments = {}, [], [], []
    queue, seen = [base + "index.html"], {base + "index.html"}
    while queue:
        url = queue.pop()
        status, body, kind = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if not url.endswith(".html"):
            files.append(url)
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser.ids
        for link in parser.links:
            target = urllib.parse.urljoin(url, link)
            if not target.startswith(base):
                continue  # outside links (the repository, licences) are not fetched: no network in tests
            target, _, fragment = target.partition("#")
            if fragment:
                fragments.append((url, target, urllib.parse.unquote(fragment)))
            if target.endswith("/"):
                target += "index.html"
            if target not in seen:
                seen.add(target)
                queue.append(target)
    missing = [f"{src} -> {dst}#{frag}" for src, dst, frag in fragments if dst.endswith(".html") and frag not in pages.get(dst, set())]
    return pages, broken + missing, files


def test_crawl_finds_no_broken_link_or_missing_fragment(served):
    base = served["urls"]["real"]
    pages, broken, files = crawl(base)
    assert broken == []
    assert len(pages) > 40
    # every download is byte-identical to datapackage/
    downloads = [u for u in files if "/datapackage/" in u]
    assert any(u.endswith(".csv") for u in downloads) and any(u.endswith("datapackage.json") for u in downloads)
    for url in downloads:
        rel = url.split("/datapackage/", 1)[1]
        assert fetch(url)[1] == (paths.PACKAGE / rel).read_bytes(), rel
    csvs = {u.rsplit("/", 1)[1] for u in downloads if u.endswith(".csv")}
    assert csvs == {p.name for p in paths.DATA.glob("*.csv")}


# --- the real site in the browser ---------------------------------------------------------------------

def test_home_renders(served, page):
    visit(page, served["urls"]["real"] + "index.html")
    assert page.locator("h1").first.inner_text().startswith("Damascus facts")
    assert page.locator(".fk-chain").count() >= 1
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert page.watch.errors == []


def test_search_finds_the_tartus_facility_and_opens_it(served, page):
    visit(page, served["urls"]["real"] + "index.html")
    results = search(page, "Tartus")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    target = [h for h in hrefs if "entities/tartus-naval-facility.html" in h]
    assert target, hrefs
    page.locator(f".md-search-result__item a[href='{target[0]}']").first.click()
    page.wait_for_url("**/entities/tartus-naval-facility.html*")
    assert "Tartus" in page.locator("h1").first.inner_text()
    assert page.watch.errors == []


PAGES = ["index.html", "articles/index.html", "articles/src-2c5b7841.html", "claims.html", "timeline.html", "entities/index.html",
         "entities/kremlin-source.html", "entities/tartus-naval-facility.html", "places.html", "language.html", "dictionary.html",
         "downloads.html", "method.html"]


def test_no_console_error_and_no_request_to_another_host(served, page):
    base = served["urls"]["real"]
    for path in PAGES:
        visit(page, base + path)
        page.wait_for_load_state("networkidle")
    search(page, "Kremlin")
    assert page.watch.errors == []
    assert page.watch.foreign([base]) == []


def test_sortable_table_sorts(served, page):
    visit(page, served["urls"]["real"] + "entities/index.html")
    header = page.locator("table.fk-sortable th").nth(2)  # Mentions
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = [int(v) for v in page.locator("table.fk-sortable tbody tr td:nth-child(3)").all_inner_texts()]
    assert values == sorted(values)
    header.locator("button").click()
    values = [int(v) for v in page.locator("table.fk-sortable tbody tr td:nth-child(3)").all_inner_texts()]
    assert values == sorted(values, reverse=True)


def test_site_works_from_disk(served, page):
    root = served["dirs"]["real"]
    visit(page, (root / "index.html").as_uri())
    page.locator(".md-nav--primary a.md-nav__link").filter(has_text="Claims").first.click()  # desktop: the sidebar nav is visible
    page.wait_for_load_state()
    assert page.url.endswith("claims.html")
    assert page.locator("h1").first.inner_text() == "Claims"
    results = search(page, "Tartus")
    assert results.count() >= 1
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    target = [h for h in hrefs if "tartus-naval-facility" in h][0]
    page.locator(f".md-search-result__item a[href='{target}']").first.click()
    page.wait_for_url("**/tartus-naval-facility.html*")
    assert page.url.startswith("file://")
    assert page.watch.errors == []
    assert page.watch.foreign(["file://"]) == []


# --- hostile data stays inert --------------------------------------------------------------------------

INERT_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && value.startsWith('javascript:')) bad.push(el.tagName + ' ' + name + '=' + value);
    }
  }
  return bad;
}"""


def test_payload_site_runs_no_script_from_data(served, page):
    base = served["urls"]["payload"]
    pages, broken, _ = crawl(base)
    assert broken == []
    for url in sorted(pages):
        visit(page, url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate(INERT_CHECK) == [], url
    visit(page, base + "index.html")
    search(page, "Acme")
    page.wait_for_timeout(500)
    assert page.evaluate(INERT_CHECK) == []
    assert page.watch.dialogs == []
    assert page.watch.errors == []
    assert page.locator("img[src='x']").count() == 0


# --- accessibility and screenshots ----------------------------------------------------------------------

AXE_PAGES = ["index.html", "articles/src-2c5b7841.html", "entities/kremlin-source.html", "timeline.html"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_violation(served, browser, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = []
    for path in AXE_PAGES:
        visit(page, served["urls"]["real"] + path)
        page.wait_for_load_state("networkidle")
        results = axe.run(page)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{path}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}")
    context.close()
    assert problems == []


SHOTS = ["index.html", "articles/src-2c5b7841.html", "claims.html", "timeline.html", "entities/kremlin-source.html", "language.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots(served, browser, viewport, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    width = "desktop" if viewport is DESKTOP else "phone"
    for path in SHOTS:
        visit(page, served["urls"]["real"] + path)
        page.wait_for_load_state("networkidle")
        name = path.replace("/", "_").replace(".html", "")
        target = ARTIFACTS / f"site-{name}-{width}-{scheme}.png"
        page.screenshot(path=str(target), full_page=False)
        assert target.stat().st_size > 5000
    context.close()
