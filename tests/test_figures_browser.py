"""The figures in a real browser (Debian's Chromium): axe-core finds no serious or critical
violation on the pages that carry figures, in light and dark mode, at desktop and phone widths;
the figures' links are keyboard-reachable; and screenshots of every figure are written to
test-artifacts/figures/ for a person to look at.

Skips only when the browser is missing and CI is unset; in CI a missing browser fails."""
from __future__ import annotations

import pytest

from conftest import require_chromium, serving, visit
from factkit.core import paths
from test_figures_support import FIGURE_PAGES

ARTIFACTS = paths.ROOT / "test-artifacts" / "figures"
WIDTHS = {"desktop": 1280, "phone": 390}
SCHEMES = ("light", "dark")

require_chromium()


@pytest.fixture(scope="module")
def server(real_site):
    with serving(real_site) as url:
        yield url.rstrip("/")


def open_page(browser, server, page, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    outside = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    visit(tab, f"{server}/{page}")
    return context, tab, outside


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("page", sorted(FIGURE_PAGES))
def test_axe_and_screenshots(browser, server, page, size, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context, tab, outside = open_page(browser, server, page, WIDTHS[size], scheme)
    try:
        figures = tab.locator("figure.fk-figure")
        assert figures.count() >= 1, f"no figure on {page}"
        # the scheme really is applied (Material follows prefers-color-scheme on a first visit)
        applied = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert applied == ("slate" if scheme == "dark" else "default")
        # The figures are ours to answer for; the rest of the page is the site's (its own axe tests).
        results = Axe().run(tab, context={"include": [["figure.fk-figure"]]}, options={"resultTypes": ["violations"]})
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at "
                                  f"{[n['target'] for n in v['nodes']][:3]}" for v in bad)
        for i in range(figures.count()):
            box = figures.nth(i).bounding_box()
            # the figure fits the page: only its own scroll box may scroll sideways
            assert box["width"] <= WIDTHS[size], f"figure {i} on {page} is wider than the viewport"
        # Screenshots for people to look at: a viewport tall enough for the tallest figure, and
        # the sticky header hidden so that it does not cover the figure's top in the image.
        tallest = max(figures.nth(i).bounding_box()["height"] for i in range(figures.count()))
        tab.set_viewport_size({"width": WIDTHS[size], "height": int(min(max(900, tallest + 120), 6000))})
        tab.add_style_tag(content=".md-header, .md-tabs { visibility: hidden !important; }")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = page.replace("/", "_").removesuffix(".html")
        for i in range(figures.count()):
            fig = figures.nth(i)
            fig.scroll_into_view_if_needed()
            kind = fig.get_attribute("data-figure")
            fig.screenshot(path=str(ARTIFACTS / f"{stem}-{i}-{kind}-{size}-{scheme}.png"))
        assert outside == [], f"requests left the site: {outside}"
    finally:
        context.close()


def test_figure_links_are_keyboard_reachable_and_lead_to_the_sentence(browser, server):
    """From the entity figure: tab to the 'former commander of' edge label, follow it, land on the
    sentence that says so."""
    context, tab, _ = open_page(browser, server, "entities/abu-mohammed-al-jolani.html", 1280, "light")
    try:
        link = tab.locator("figure[data-figure=network] svg a.fk-edge-link", has_text="former commander of")
        link.focus()
        assert tab.evaluate("document.activeElement.classList.contains('fk-edge-link')")
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert "/articles/" in tab.url and "#" in tab.url
        fragment = tab.url.split("#", 1)[1]
        text = tab.locator(f"[id='{fragment}']").inner_text()
        assert "former Al-Qaeda commander" in text
    finally:
        context.close()


def test_what_happened_in_2017_then_the_sentence(browser, server):
    """From the timeline chart: click the bar that spans 2017, land on its event row, follow the
    row's evidence to the sentence that says so."""
    from factkit.core import paths as _paths
    from test_figures_support import csv_rows

    events = [e for e in csv_rows(_paths.PACKAGE, "events") if e["date_start"][:4] == e["date_end"][:4] == "2017"]
    assert events
    event = events[0]
    context, tab, _ = open_page(browser, server, "timeline.html", 1280, "light")
    try:
        mark = tab.locator(f"figure[data-figure=timeline] .fk-layout--wide g[data-event='{event['event_id']}'] a")
        with tab.expect_navigation():
            mark.click()
        assert tab.url.endswith("#" + event["event_id"])
        row = tab.locator(f"[id='{event['event_id']}']")
        anchors = [a for a in csv_rows(_paths.PACKAGE, "anchors") if a["fact_id"] == event["event_id"]]
        link = row.locator(f"a[href$='#{anchors[0]['sentence_id']}']").first
        with tab.expect_navigation():
            link.click()
        sentence = tab.locator(f"[id='{anchors[0]['sentence_id']}']").inner_text()
        assert anchors[0]["quote"] in sentence
    finally:
        context.close()
