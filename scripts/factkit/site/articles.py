"""The annotated article(s): every sentence with a permalink anchor, every mention linked to its
entity, and under each sentence the facts drawn from it (or the reason it yields none)."""
from __future__ import annotations

from . import urls
from .paginate import chunks, list_pages
from .spec import PageSpec

INDEX_PAGE_SIZE = 200


def segments(text: str, offset: int, mentions: list[dict]) -> list[tuple[str, dict | None, int]]:
    """Split a sentence at every mention boundary: (text, innermost mention or None, depth).

    Mentions can nest ("Russian naval facility at Tartus" holds "Tartus"); a link cannot hold a
    link, so each piece links to its innermost mention and every mention is also listed by name.
    """
    cuts = {0, len(text)}
    for m in mentions:
        cuts.update((m["start"] - offset, m["end"] - offset))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in mentions if m["start"] - offset <= a and m["end"] - offset >= b]
        inner = min(covering, key=lambda m: (m["end"] - m["start"], m["mention_id"])) if covering else None
        out.append((text[a:b], inner, len(covering)))
    return out


def paragraphs(data, source_id: str) -> list[tuple[int, list[dict]]]:
    grouped: dict[int, list[dict]] = {}
    for s in data.sentences_by_source[source_id]:
        grouped.setdefault(s["paragraph"], []).append(s)
    return sorted(grouped.items())


def pages(plan) -> list[PageSpec]:
    data = plan.data
    sources = sorted(data.sources.values(), key=lambda s: s["source_id"])
    specs = list_pages(chunks(sources, INDEX_PAGE_SIZE, lambda n: urls.paged(urls.ARTICLES, n)), "Articles", "articles.html",
                       lambda chunk: {"chunk": chunk})
    for source in sources:
        sid = source["source_id"]
        for s in data.sentences_by_source[sid]:
            plan.locator.place(s["sentence_id"], urls.article(sid), s["sentence_id"])
        specs.append(PageSpec(
            urls.article(sid),
            f"Annotated article: {source['title']}",
            "article.html",
            lambda source=source: {
                "source": source,
                "paragraphs": paragraphs(data, source["source_id"]),
                "segments": segments,
            },
        ))
    return specs
