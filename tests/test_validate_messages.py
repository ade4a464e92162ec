"""Messages read as English (issue 12): an id is "an event_id", never "a event_id"."""
from __future__ import annotations

from factkit.checks.context import a_or_an
from factkit.checks.validate import validate
from fixtures.packages import copy_package, set_cell


def test_the_article_agrees_with_the_noun():
    assert [a_or_an(n) for n in ("event_id", "claim_id", "entities.entity_id", "quantity_id")] == [
        "an event_id", "a claim_id", "an entities.entity_id", "a quantity_id"]


def test_unknown_fact_and_foreign_key_messages(tmp_path):
    dp = copy_package(tmp_path)
    set_cell(dp, "anchors", lambda r: r["fact_id"] == "ev-damascus-stormed", "fact_id", "ev-no-such-event")
    set_cell(dp, "mentions", lambda r: r["entity_id"] == "damascus", "entity_id", "atlantis")
    messages = {e.code: e.message for e in validate(dp).errors}
    assert "'ev-no-such-event' is not an event_id in data/events.csv" in messages["unknown-fact"]
    assert "'atlantis' is not an entities.entity_id in data/entities.csv" in messages["foreign-key"]
