"""Generated entities: for each template entity (a role) the pool members an article may pick,
member 0 being the real entity, each with its own generated words, name and id."""
from __future__ import annotations

import random
import re

from .template import TOKEN_RE, Template

SYLLABLES = [c + v for c in "bdfghklmnprstvz" for v in "aeiou"] + ["ar", "el", "is", "on", "ur", "an"]
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _word(rng: random.Random, like: str) -> str:
    if len(like) > 1 and like.isupper():
        return "".join(rng.choice(UPPER) for _ in like)
    w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return w.capitalize()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70] or "entity"


class Entities:
    """The pool members actually used: (role, k) -> id, name and word map; k = 0 is the real entity."""

    def __init__(self, tpl: Template, seed: int):
        self.tpl, self.seed = tpl, seed
        self.maps: dict[tuple[int, int], dict[str, str]] = {}
        self.ids: dict[tuple[int, int], str] = {}
        self.taken = {r["entity_id"] for r in tpl.roles}

    def words(self, role: int, k: int) -> dict[str, str]:
        key = (role, k)
        m = self.maps.get(key)
        if m is None:
            if k == 0:
                m = {w: w for w in self.tpl.vocab[role]}
            else:
                rng = random.Random(f"{self.seed}:{role}:{k}")
                m = {w: _word(rng, w) for w in self.tpl.vocab[role]}
            self.maps[key] = m
        return m

    def name(self, role: int, k: int, text: str) -> str:
        m = self.words(role, k)
        return TOKEN_RE.sub(lambda t: m.get(t.group(), t.group()), text)

    def entity_id(self, role: int, k: int) -> str:
        key = (role, k)
        eid = self.ids.get(key)
        if eid is None:
            if k == 0:
                eid = self.tpl.roles[role]["entity_id"]
            else:
                eid = _slug(self.name(role, k, self.tpl.roles[role]["name"]))
                if eid in self.taken:
                    eid = f"{eid}-{role}-{k}"
                self.taken.add(eid)
            self.ids[key] = eid
        return eid
