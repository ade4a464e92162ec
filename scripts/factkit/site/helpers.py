"""Link and label helpers bound to the page being rendered; templates receive one as `h`."""
from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup

from ..core.markup import date_ends, date_joiner, date_span, day, humanize
from . import urls


def report_url(repo_url: str, fact_id: str, version: str) -> str:
    """A new-issue link on the project's repository with the fact id and version filled in.

    Only the title is prefilled: it already names the fact and the version, and a body repeating
    them cost 70 bytes on each of the dozens of rows of an article page (issue 5: 100 KB a page)."""
    query = urlencode({"title": f"{fact_id} (v{version})"})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


class Helpers:
    def __init__(self, plan, src_uri: str):
        self.plan = plan
        self.data = plan.data
        self.src_uri = src_uri
        self._ids: set[str] = set()

    # --- links -----------------------------------------------------------------------------
    def href(self, target: str) -> str:
        return urls.relative(self.src_uri, target)

    def entity(self, entity_id: str) -> str:
        return self.href(urls.entity(entity_id))

    def article(self, source_id: str) -> str:
        return self.href(urls.article(source_id))

    def sentence(self, sentence_id: str) -> str:
        s = self.data.sentences[sentence_id]
        return self.href(urls.sentence(sentence_id, s["source_id"]))

    def fact(self, fact_id: str) -> str:
        where = self.plan.locator.get(fact_id)
        return self.href(where) if where else "#" + fact_id

    def report(self, fact_id: str) -> str:
        return report_url(self.plan.repo_url, fact_id, self.data.version)

    def row_id(self, wanted: str, section: str = "") -> str:
        """A row id unique on this page: the fact id the first time, prefixed by the section after."""
        candidate = wanted if wanted not in self._ids else f"{section or 'also'}-{wanted}"
        n = 2
        while candidate in self._ids:
            candidate = f"{section or 'also'}-{wanted}-{n}"
            n += 1
        self._ids.add(candidate)
        return candidate

    def figure(self, name: str, **details) -> Markup:
        """A figure for this page (figures.py lists the slots); nothing when the build draws none."""
        return self.plan.figures.draw(self, name, **details) if self.plan.figures else Markup("")

    # --- labels ----------------------------------------------------------------------------
    def name(self, entity_id: str | None) -> str:
        return self.data.entity_name(entity_id)

    def sentence_label(self, sentence_id: str) -> str:
        s = self.data.sentences[sentence_id]
        label = f"sentence {s['position']}"
        if len(self.data.sources) > 1:
            label = f"{s['source_id']}, {label}"
        return label

    def when(self, row: dict, prefix: str = "date") -> dict:
        """Date text, precision and basis of an event (prefix "date") or a claim ("said_date"); `ends`
        and `joiner` write it as <time> elements (the macro `dates`)."""
        if prefix == "date":
            start, end = row.get("date_start"), row.get("date_end")
            precision, basis = row.get("date_precision"), row.get("date_basis")
        else:
            start = end = row.get("said_date")
            precision, basis = row.get("said_date_precision"), row.get("said_date_basis")
        if start is None:
            return {"text": "", "precision": "", "basis": "", "ends": [], "joiner": ""}
        basis_text = humanize(basis)
        if basis == "resolved":
            source = self.data.sources.get(row.get("source_id"))
            if source and source.get("reference_date"):
                basis_text = f"resolved from the reference date ({day(source['reference_date'])})"
        return {"text": date_span(start, end, precision), "precision": humanize(precision), "basis": basis_text,
                "ends": date_ends(start, end, precision), "joiner": date_joiner(precision), "sort": start.isoformat()}

    def mention_context(self, mention: dict) -> tuple[str, str, str]:
        """The mention's sentence split into (before, mention, after)."""
        s = self.data.sentences[mention["sentence_id"]]
        text = s["text"]
        a, b = mention["start"] - s["start"], mention["end"] - s["start"]
        return text[:a], text[a:b], text[b:]
