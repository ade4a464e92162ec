"""The tables that point into the source texts: each row names a sentence (sentence_id) and the
code-point offsets [start, end) of its words inside it, and holds those words in one field. The
validator's provenance check and the curation tools (locate.py, fill_offsets.py) read them here.
"""
from __future__ import annotations

SENTENCE, START, END = "sentence_id", "start", "end"

# resource -> the field that holds the words found at the row's offsets
WORDS = {"mentions": "surface", "anchors": "quote"}


def is_offset(resource: str, field: str) -> bool:
    """Whether `field` of `resource` is an offset that fill_offsets.py can fill."""
    return resource in WORDS and field in (START, END)
