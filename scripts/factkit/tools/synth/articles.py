"""The generated articles: which pool member plays each role, how far the dates move, each
article's text and source id, and the word map that rewrites its free-text cells."""
from __future__ import annotations

import calendar
import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from .entities import Entities
from .template import Template

HUB_SHARE = 0.9          # share of articles in which a hub role is the real entity
TAIL_EXPONENT = 1.1      # Zipf exponent of the long tail
TAIL_POOL = 0.25         # pool size per role, as a share of N
MAX_SHIFT_WEEKS = 300    # reference dates move back by up to ~6 years
MONTHS = "|".join(calendar.month_name[1:])
DAYS_RE = re.compile(rf"(\d{{1,2}})(?: and (\d{{1,2}}))? ({MONTHS}) (\d{{4}})(?![-\d])")
FREE_RE = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}|{DAYS_RE.pattern}|(?:{MONTHS}) \d{{4}}(?![-\d])|\d{{4}}|[A-Z][A-Za-z]*")


def _day_phrase(days: list[date]) -> str:
    """'8 June 2022', '7 and 8 June 2022', '30 June and 1 July 2022' (years assumed equal)."""
    last = days[-1]
    tail = f"{calendar.month_name[last.month]} {last.year}"
    if len(days) == 1:
        return f"{last.day} {tail}"
    first = days[0]
    if first.month == last.month:
        return f"{first.day} and {last.day} {tail}"
    return f"{first.day} {calendar.month_name[first.month]} and {last.day} {tail}"


@dataclass
class Articles:
    n: int
    texts: list[str]
    sids: list[str]
    files: list[str]
    shifts: list[int]                  # days
    choice: np.ndarray                 # (n, roles) pool member per role
    cum: np.ndarray                    # (n, tokens + 1) cumulative length change before each token
    amaps: list[dict[str, str]]        # per article: free-text replacements
    entity_ids: np.ndarray | None = None


def _choices(tpl: Template, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pool = max(1, math.ceil(n * TAIL_POOL))
    weights = 1.0 / np.arange(1, pool + 1) ** TAIL_EXPONENT
    cdf = np.cumsum(weights) / weights.sum()
    choice = np.minimum(np.searchsorted(cdf, rng.random((n, len(tpl.roles)))), pool - 1)
    for hub in tpl.hubs:
        keep = rng.random(n) < HUB_SHARE
        tail = np.minimum(np.searchsorted(cdf, rng.random(n)), pool - 1) + 1
        choice[:, hub] = np.where(keep, 0, tail)
    shifts = rng.integers(0, MAX_SHIFT_WEEKS + 1, n) * 7
    choice[0, :] = 0
    shifts[0] = 0
    return choice, shifts


def generate_articles(tpl: Template, ents: Entities, n: int, seed: int) -> Articles:
    choice, shifts = _choices(tpl, n, seed)
    toks = tpl.tokens
    pieces, prev = [], 0
    for s, e, _, _ in toks:
        pieces.append(tpl.text[prev:s])
        prev = e
    tail_piece = tpl.text[prev:]
    tok_roles = np.array([r for _, _, r, _ in toks], dtype=np.int64)
    tok_words = [w for _, _, _, w in toks]
    old_len = np.array([e - s for s, e, _, _ in toks], dtype=np.int64)
    texts, sids, files, amaps = [], [], [], []
    new_len = np.empty((n, len(toks)), dtype=np.int64)
    seen_sids = set()
    month_year = f"{calendar.month_name[tpl.ref.month]} {tpl.ref.year}"
    # Only the ISO dates that free text actually contains need a replacement.
    near_dates, day_phrases = [], []
    for word in sorted(free_words(tpl)):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
            delta = (date.fromisoformat(word) - tpl.ref).days
            if abs(delta) <= 60:
                near_dates.append((word, delta))
        elif (m := DAYS_RE.fullmatch(word)):
            month = list(calendar.month_name).index(m.group(3))
            days = [date(int(m.group(4)), month, int(d)) for d in m.groups()[:2] if d]
            deltas = [(d - tpl.ref).days for d in days]
            if all(abs(d) <= 60 for d in deltas):
                day_phrases.append((word, deltas))
    for a in range(n):
        ks = choice[a]
        maps = [ents.words(r, int(ks[r])) for r in range(len(tpl.roles))]
        words = [maps[r][w] for r, w in zip(tok_roles.tolist(), tok_words)]
        out = []
        for p, w in zip(pieces, words):
            out.append(p)
            out.append(w)
        out.append(tail_piece)
        text = "".join(out)
        new_len[a] = [len(w) for w in words]
        if a == 0:
            sid, fname = tpl.sid, tpl.source["path"]
        else:
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            sid = f"src-{digest[:8]}"
            if sid in seen_sids:
                sid = f"src-{digest[:8]}-{a}"
            fname = f"sources/{a:06d}_{digest[:16]}.txt"
        seen_sids.add(sid)
        amap: dict[str, str] = {}
        if a:
            # Free text follows the text: a word means what its first occurrence in the text means.
            for r, w in zip(tok_roles.tolist(), tok_words):
                amap.setdefault(w, maps[r][w])
            for m in maps:
                for k, v in m.items():
                    amap.setdefault(k, v)
            new_ref = tpl.ref - timedelta(days=int(shifts[a]))
            if new_ref != tpl.ref:
                for old, delta in near_dates:
                    amap[old] = (new_ref + timedelta(days=delta)).isoformat()
                amap[month_year] = f"{calendar.month_name[new_ref.month]} {new_ref.year}"
                for old, deltas in day_phrases:
                    amap[old] = _day_phrase([new_ref + timedelta(days=d) for d in deltas])
                amap[str(tpl.ref.year)] = str(new_ref.year)
        texts.append(text)
        sids.append(sid)
        files.append(fname)
        amaps.append(amap)
    delta = new_len - old_len[None, :]
    cum = np.concatenate([np.zeros((n, 1), dtype=np.int64), np.cumsum(delta, axis=1)], axis=1)
    return Articles(n, texts, sids, files, shifts.tolist(), choice, cum, amaps)


def split_free(value: str) -> list[str]:
    """value as [literal, word, literal, word, ..., literal]; the words are what an article may replace."""
    parts, prev = [], 0
    for m in FREE_RE.finditer(value):
        parts.append(value[prev:m.start()])
        parts.append(m.group())
        prev = m.end()
    parts.append(value[prev:])
    return parts


def free_words(tpl: Template) -> set[str]:
    words = set()
    for cols in tpl.columns.values():
        for col in cols.values():
            if col.kind == "free":
                for v in col.values:
                    words.update(m.group() for m in FREE_RE.finditer(v or ""))
    return words


def fill_free(amap: dict[str, str], parts: list[str]) -> str:
    out = parts[:]
    for i in range(1, len(out), 2):
        out[i] = amap.get(out[i], out[i])
    return "".join(out)
