"""Where a figure's marks point, and the rules that keep every href safe.

A figure never builds a path itself: it asks a `Links` for the link of an entity, an event, a
sentence or a claim. The caller (the site, a test) says how an id becomes a path by subclassing
it; this base class only lets validated slugs in and only lets colon-free relative hrefs out:
- every href is built from an id that matches ^[a-z0-9-]+$; an id that does not match gets no
  link at all (free text never reaches an href);
- what comes out may only be a relative path and an optional slug fragment: no colon can appear,
  so no scheme (javascript:, data:, http:) can ever reach a figure.
"""
from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9-]+")
SAFE_HREF = re.compile(r"[A-Za-z0-9_./-]*(#[a-z0-9-]+)?")


def safe_id(value: object) -> str | None:
    """The id itself if it is a plain slug, else None (the caller then draws no link)."""
    if isinstance(value, str) and SLUG.fullmatch(value):
        return value
    return None


def checked(href: str | None) -> str | None:
    return href if href and SAFE_HREF.fullmatch(href) else None


class Links:
    """Subclasses say how a slug becomes a path (or None: no link) in `_entity`, `_event`,
    `_sentence` and `_claim`."""

    def _entity(self, slug: str) -> str | None:
        raise NotImplementedError

    def _event(self, slug: str) -> str | None:
        raise NotImplementedError

    def _sentence(self, slug: str) -> str | None:
        raise NotImplementedError

    def _claim(self, slug: str) -> str | None:
        raise NotImplementedError

    def _make(self, build, value: object) -> str | None:
        slug = safe_id(value)
        return checked(build(slug)) if slug else None

    def entity(self, entity_id: object) -> str | None:
        return self._make(self._entity, entity_id)

    def event(self, event_id: object) -> str | None:
        return self._make(self._event, event_id)

    def sentence(self, sentence_id: object) -> str | None:
        return self._make(self._sentence, sentence_id)

    def claim(self, claim_id: object) -> str | None:
        return self._make(self._claim, claim_id)
