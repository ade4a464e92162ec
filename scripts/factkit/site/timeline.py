"""Timeline: every event in date order, with its precision and the basis of its date."""
from __future__ import annotations

from . import urls
from .paginate import chunks, list_pages
from .spec import PageSpec

# Each event is a row of the table and a mark in the chart's two drawings (wide and narrow):
# about 3.5 KB a page, so 20 keep a page, figure included, under issue 5's 100 KB.
PAGE_SIZE = 20


def date_order(event: dict) -> tuple:
    return (event["date_start"], event["date_end"], event["event_id"])


def ordered_events(data) -> list[dict]:
    return sorted(data.rows["events"], key=date_order)


def pages(plan) -> list[PageSpec]:
    data = plan.data
    pages = chunks(ordered_events(data), PAGE_SIZE, lambda n: urls.paged(urls.TIMELINE, n))
    for chunk in pages:
        for e in chunk.items:
            plan.locator.place(e["event_id"], chunk.src_uri, e["event_id"])
    return list_pages(pages, "Timeline", "timeline.html",
                      lambda chunk: {"chunk": chunk, "participants": data.participants, "facts": data.facts})
