"""The Language page of the built real site: the article's own labels apart from the labels inside
quoted speech, which are shown with their speaker (mention claim_id -> claim speaker_id)."""
from __future__ import annotations

import csv
import html
import re

from factkit.core import paths


def rows(name: str) -> list[dict]:
    with (paths.DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def table_rows(page: str, section_id: str) -> list[str]:
    """The text of each body row of the table under the heading with this id, tags removed."""
    start = page.index(f'id="{section_id}"')
    end = page.find("<h2", start + 1)
    section = page[start:end if end > 0 else len(page)]
    body = section[section.index("<tbody>"):section.index("</tbody>")] if "<tbody>" in section else ""
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", tr)).split()) for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return [re.sub(r"\(\s|\s\)", lambda m: m.group().strip(), text) for text in texts]


def test_quoted_labels_are_listed_apart_with_their_speaker(real_site):
    page = (real_site / "language.html").read_text(encoding="utf-8")
    own, quoted = table_rows(page, "labels"), table_rows(page, "quoted-labels")
    entities = {e["entity_id"]: e["name"] for e in rows("entities")}
    speakers = {c["claim_id"]: c["speaker_id"] for c in rows("claims")}
    labels = [m for m in rows("mentions") if m["mention_type"] == "label"]
    assert any(m["claim_id"] for m in labels) and any(not m["claim_id"] for m in labels)
    for m in labels:
        actor, label = entities[m["entity_id"]], m["surface"]
        if m["claim_id"]:
            speaker = entities[speakers[m["claim_id"]]]
            assert any(r.startswith(f"{actor} {label} {speaker} ") and m["claim_id"] in r for r in quoted), (m, quoted)
            assert not any(r.startswith(f"{actor} {label} ") for r in own), (m, own)
        else:
            assert any(r.startswith(f"{actor} {label} ") for r in own), (m, own)
    # Issue 10: the Kremlin source's "armed Syrian opposition" is its label, not the article's.
    assert [r for r in quoted if "armed Syrian opposition" in r] == [
        "Anti-government armed groups armed Syrian opposition Unnamed Kremlin source 1 sentence 5 (quoted in cl-officials-in-contact-with-opposition)"]
    assert "Islamic State (IS) terrorist 1 sentence 11 (terrorist)" in own
    assert 'href="entities/kremlin-source.html"' in page[page.index('id="quoted-labels"'):]
