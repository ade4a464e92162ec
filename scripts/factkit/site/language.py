"""Language: the characterising labels the article gives each actor ("militants", "jihadists",
"US-armed"...), with counts and the sentences they appear in; apart from them, the labels inside
quoted speech, which are the speaker's words, not the article's; and every other way it names
them. Labels are the mentions whose mention_type is "label"; a label inside quotation marks
carries the quoting claim in claim_id, whose speaker_id is the speaker (see schemas/mentions.yaml)."""
from __future__ import annotations

from collections import defaultdict

from . import urls
from .paginate import list_pages, weighted_chunks
from .spec import PageSpec

# A page holds about 70 KB of rows (the theme adds about 15 KB: issue 5's budget is 100 KB a page),
# estimated from synthetic corpora: about 300 bytes a table row, 150 more for each occurrence it
# lists, and 450 for the actor's row in the naming table. (Counting occurrences alone let a page of
# 250 actors with one label each reach 160 KB at 1,000 sources.)
PAGE_BYTES = 70_000
ROW_BYTES, OCCURRENCE_BYTES, NAMING_BYTES = 300, 150, 450
# A label used thousands of times (a hub actor's, at 1,000 sources) lists its first occurrences and
# counts the rest, and an actor's forms of each kind are the most used ones: otherwise one actor's
# rows would fill a page far past 100 KB (203 KB at 1,000 sources). Every mention stays listed on
# the actor's entity page.
OCCURRENCES_SHOWN = 20
FORMS_SHOWN = 20
LABEL = "label"


def _rows(labels: dict[tuple[str, str | None], list[dict]]) -> list[dict]:
    """Rows of (label, speaker): the label grouped case-insensitively and shown as the article first
    writes it; the speaker None for the article's own labels."""
    rows = []
    for (_, speaker_id), ms in labels.items():
        ms.sort(key=lambda m: (m["source_id"], m["start"]))
        rows.append({"label": ms[0]["surface"], "speaker_id": speaker_id, "mentions": ms[:OCCURRENCES_SHOWN], "count": len(ms)})
    rows.sort(key=lambda r: (-r["count"], r["label"], r["speaker_id"] or ""))
    return rows


def label_groups(data) -> list[dict]:
    """One group per actor: the labels the article gives it ("labels") and the labels inside quoted
    speech ("quoted", per speaker), each with its mentions in text order."""
    own: dict[str, dict[tuple, list[dict]]] = defaultdict(lambda: defaultdict(list))
    quoted: dict[str, dict[tuple, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for m in data.rows["mentions"]:
        if m["mention_type"] != LABEL:
            continue
        claim = data.facts.get(m.get("claim_id") or "")
        if claim is None:
            own[m["entity_id"]][(m["surface"].casefold(), None)].append(m)
        else:
            quoted[m["entity_id"]][(m["surface"].casefold(), claim.row.get("speaker_id"))].append(m)
    groups = []
    for eid in own.keys() | quoted.keys():
        labels, in_quotes = _rows(own[eid]), _rows(quoted[eid])
        rows = labels + in_quotes
        groups.append({"entity_id": eid, "labels": labels, "quoted": in_quotes, "total": sum(r["count"] for r in rows),
                       "bytes": NAMING_BYTES + sum(ROW_BYTES + OCCURRENCE_BYTES * len(r["mentions"]) for r in rows)})
    groups.sort(key=lambda g: (-g["total"], data.entity_name(g["entity_id"]).casefold(), g["entity_id"]))
    return groups


def naming_table(data, entity_ids: list[str]) -> list[dict]:
    """The actors on this page with the FORMS_SHOWN most used surfaces of each mention type (counts),
    and how many surfaces of each type are left out."""
    out = []
    for eid in entity_ids:
        ms = data.mentions_by_entity.get(eid, [])
        per_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for m in ms:
            per_type[m["mention_type"]][m["surface"]] += 1
        ranked = {t: sorted(s.items(), key=lambda x: (-x[1], x[0])) for t, s in per_type.items()}
        out.append({"entity_id": eid, "types": {t: r[:FORMS_SHOWN] for t, r in ranked.items()},
                    "left_out": {t: len(r) - FORMS_SHOWN for t, r in ranked.items() if len(r) > FORMS_SHOWN}, "total": len(ms)})
    out.sort(key=lambda r: (-r["total"], data.entity_name(r["entity_id"]).casefold()))
    return out


def pages(plan) -> list[PageSpec]:
    data = plan.data
    groups = label_groups(data)
    mention_types = data.field_enum("mentions", "mention_type")
    pages = weighted_chunks(groups, lambda g: g["bytes"], PAGE_BYTES, lambda n: urls.paged(urls.LANGUAGE, n))
    return list_pages(pages, "Language", "language.html", lambda chunk: {
        "chunk": chunk,
        "naming": naming_table(data, [g["entity_id"] for g in chunk.items]),
        "mention_types": mention_types,
        "label_type": LABEL,
        "has_quoted": any(g["quoted"] for g in chunk.items),
        "has_own": any(g["labels"] for g in chunk.items),
    })
