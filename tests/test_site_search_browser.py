"""Material's search box finds a fact by its id, landing on its row, and an entity by its id, over
http and from file:// (issue 11's "fact ids are searchable"; the index itself: test_site_search.py)."""
from __future__ import annotations

import pytest

from conftest import visit
from test_site_browser import page, search, served  # noqa: F401  (fixtures and helper shared with the browser suite)
from test_site_search import ENTITY_ID, FACT_IDS


def open_result(tab, query: str, fragment: str = "", path: str = "") -> None:
    """Search for `query` and click the result whose link has this fragment (or path). The list
    re-renders as the query is typed, so the locator waits for the wanted link and clicking
    finds it again if the list changed in between."""
    search(tab, query)
    wanted = f"a[href$='#{fragment}']" if fragment else f"a[href*='{path}']"
    link = tab.locator(f".md-search-result__item {wanted}").first
    link.wait_for(timeout=15_000)
    link.click()


@pytest.mark.parametrize("fact_id", FACT_IDS)
def test_a_fact_id_typed_in_the_search_box_lands_on_its_row(served, page, fact_id):  # noqa: F811
    visit(page, served["urls"]["real"] + "index.html")
    open_result(page, fact_id, fragment=fact_id)
    page.wait_for_url(f"**#{fact_id}")
    row = page.locator(f"[id='{fact_id}']")
    assert row.count() == 1 and row.evaluate("el => el.matches(':target')")
    assert page.watch.errors == []


def test_an_entity_id_typed_in_the_search_box_lists_its_page(served, page):  # noqa: F811
    visit(page, served["urls"]["real"] + "index.html")
    open_result(page, ENTITY_ID, path=f"entities/{ENTITY_ID}.html")
    page.wait_for_url(f"**/entities/{ENTITY_ID}.html*")
    assert page.watch.errors == []


def test_fact_id_search_works_from_disk(served, page):  # noqa: F811
    visit(page, (served["dirs"]["real"] / "index.html").as_uri())
    open_result(page, FACT_IDS[0], fragment=FACT_IDS[0])
    page.wait_for_url(f"**#{FACT_IDS[0]}")
    assert page.url.startswith("file://")
    assert page.watch.errors == []
