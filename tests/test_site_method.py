"""The method page summarises sources past a few, so its size does not grow with the corpus."""
from types import SimpleNamespace

from factkit.site import method, urls


def _data(n_sources):
    sources = {f"src-{i:04d}": {"source_id": f"src-{i:04d}", "reference_date_basis": "external" if i % 3 else "stated"} for i in range(n_sources)}
    return SimpleNamespace(sources=sources, sentences=["s1", "s2"], facts_by_sentence={"s1": ["ev-x"]},
                           exemptions={"s2": "reason"}, counts=lambda: [])


def test_few_sources_are_all_listed():
    context = method._context(_data(3))
    assert len(context["sources"]) == context["sources_total"] == 3
    assert context["coverage"] == {"total": 2, "with_facts": 1, "exempt": 1, "uncovered": 0}


def test_many_sources_are_summarised_with_every_basis_counted():
    context = method._context(_data(1000))
    assert len(context["sources"]) == method.SOURCES_LISTED
    assert context["sources_total"] == 1000
    assert dict(context["bases"]) == {"external": 666, "stated": 334}
    assert context["articles_index"] == urls.ARTICLES


def test_downloads_page_lists_a_few_source_texts_and_counts_the_rest(monkeypatch):
    from factkit.site import downloads

    def entry(name, size):
        return {"src_uri": f"downloads/{name}", "name": name, "description": "", "bytes": size, "sha256": "0" * 64}

    files = [entry("datapackage.json", 5), entry("data/sources.csv", 7)] + [entry(f"sources/{i:04d}.txt", 100) for i in range(25)]
    monkeypatch.setattr(downloads, "listing", lambda plan: files)
    context = downloads.page_context(plan=None)
    names = [f["name"] for f in context["files"]]
    assert names[:2] == ["datapackage.json", "data/sources.csv"]
    assert len(names) == 2 + downloads.SOURCE_TEXTS_LISTED
    assert (context["texts_total"], context["texts_shown"], context["texts_bytes"]) == (25, 10, 2500)


def test_entity_page_names_keep_the_most_used_forms_and_count_the_rest():
    from factkit.site import entities

    mentions = [{"mention_type": "name", "surface": "Russia"}] * 50 + [{"mention_type": "metonym", "surface": "Moscow"}] * 5
    mentions += [{"mention_type": "name", "surface": f"Form {i}"} for i in range(100)]
    data = SimpleNamespace(mentions_by_entity={"russia": mentions})
    kept, left_out = entities.names_used(data, "russia", 10)
    assert left_out == 92 and len(kept) == 10
    assert ("name", "Russia", 50) in kept and ("metonym", "Moscow", 5) in kept
    assert [t for t, _, _ in kept] == sorted(t for t, _, _ in kept)  # grouped by type
    everything, none_left = entities.names_used(data, "russia")
    assert none_left == 0 and len(everything) == 102
