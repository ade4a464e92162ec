"""The checks that read the source texts run on a thread beside the others (checks/validate.py);
their findings are recorded and replayed in the checks' fixed order, so the report is the one the
checks give run one after the other, error for error, whichever thread finishes first."""
from __future__ import annotations

from factkit.checks import validate as validation
from fixtures.packages import copy_package, load_descriptor, save_descriptor, set_cell


def broken_everywhere(tmp_path):
    """Faults for checks on both threads, and a resource both threads' checks need (each names
    itself in the missing-resource message: only the first in the fixed order may report it)."""
    dp = copy_package(tmp_path)
    set_cell(dp, "sources", lambda row: True, "sha256", "0" * 64)                             # sources: the texts' thread
    set_cell(dp, "anchors", lambda row: True, "quote", "words that are not in the text")      # hops: the other thread
    set_cell(dp, "events", lambda row: True, "event_type", "not-a-type")                      # fields: the other thread
    set_cell(dp, "mentions", lambda row: True, "entity_id", "nobody")                         # keys
    data = load_descriptor(dp)
    data["resources"] = [r for r in data["resources"] if r["name"] != "sentences"]            # both threads need sentences
    save_descriptor(dp, data)
    return dp


def test_the_report_does_not_depend_on_the_threads(tmp_path, monkeypatch):
    dp = broken_everywhere(tmp_path)
    both = validation.validate(dp).to_json()
    monkeypatch.setattr(validation, "TEXT_STAGES", set())  # every check on one thread, in order
    one = validation.validate(dp).to_json()
    assert both == one
    for code in ("missing-resource", "source-hash-mismatch", "verb-not-in-anchor", "enum", "foreign-key"):
        assert f'"code": "{code}"' in both, code
