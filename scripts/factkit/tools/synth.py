"""Synthetic fact packages for the benchmark and the parity tests: N articles made from the real one.

The real package's first source and every row that hangs off it are the template. Article 0 is
that article unchanged; every other article swaps the proper-noun tokens of its name,
abbreviation and metonym mentions for generated words of the entity chosen for that role, and
moves the dates tied to the reference date by a whole number of weeks (weekdays stay true). So
each article has exactly the real mix of rows (sentences, mentions, events, participants,
claims, hops, relations, quantities, anchors), and every offset is recomputed from the new text,
every quote and surface re-sliced from it, every foreign key rebuilt.

Entities are shared across articles the way coverage shares them: for each entity of the
template (a "role") an article picks a pool member from a Zipf-shaped long tail, member 0 being
the real entity; three hub roles (the most-mentioned country, city and news agency) keep the
real entity in most articles, so their pages grow with N.

Column semantics come from the schemas (types, foreign keys, primary keys) and from the data
itself (which text column equals text[start:end], which one lies inside the fact's anchor);
nothing here re-lists a table's columns.
"""
from __future__ import annotations

import bisect
import calendar
import hashlib
import math
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from ..core import paths
from ..core.csvio import read_rows
from ..core.schema import load_resources
from ..curation import descriptor

# Mention kinds whose words are the entity's own name, so they change with the entity. Labels
# and descriptors ("militants", "the facility") are the article's words and stay.
NAMING_KINDS = ("name", "abbreviation", "metonym")
# Capitalised common nouns inside names; kept so generated names still read as names of things.
GENERIC_WORDS = frozenset(
    ["Air", "Army", "Base", "Civil", "Force", "Foreign", "Free", "Ministry", "Navy", "News", "President", "State", "Union", "War", "Unnamed", "Other"]
)
HUB_TYPES = ("country", "city", "news_agency")
HUB_SHARE = 0.9          # share of articles in which a hub role is the real entity
TAIL_EXPONENT = 1.1      # Zipf exponent of the long tail
TAIL_POOL = 0.25         # pool size per role, as a share of N
MAX_SHIFT_WEEKS = 300    # reference dates move back by up to ~6 years
CREATED = datetime(2025, 1, 1, tzinfo=UTC)   # fixed, so equal seeds give equal bytes

TOKEN_RE = re.compile(r"[A-Z][A-Za-z]*")
MONTHS = "|".join(calendar.month_name[1:])
DAYS_RE = re.compile(rf"(\d{{1,2}})(?: and (\d{{1,2}}))? ({MONTHS}) (\d{{4}})(?![-\d])")
FREE_RE = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}|{DAYS_RE.pattern}|(?:{MONTHS}) \d{{4}}(?![-\d])|\d{{4}}|[A-Z][A-Za-z]*")
SYLLABLES = [c + v for c in "bdfghklmnprstvz" for v in "aeiou"] + ["ar", "el", "is", "on", "ur", "an"]
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class SynthError(Exception):
    pass


@dataclass
class Column:
    kind: str                      # const | entity | source | sprefixed | fact | offset | slice | anchored | date | free
    values: list                   # template values (as read, "" for empty)
    extra: list = field(default_factory=list)   # per-kind: role index, (start,end) positions, ...


@dataclass
class Template:
    text: str
    source: dict
    sid: str
    ref: date
    roles: list[dict]              # template entities, in order
    role_of: dict[str, int]
    vocab: list[list[str]]         # per role: the tokens that change with the entity
    tokens: list[tuple[int, int, int, str]]   # (start, end, role, token) replaced in the text, sorted
    hubs: list[int]
    tables: dict[str, list[dict]]
    fields: dict[str, list[dict]]
    schemas: dict[str, dict] = field(default_factory=dict)
    columns: dict[str, dict[str, Column]] = field(default_factory=dict)


# ---------------------------------------------------------------- template


def _fk_targets(schema: dict) -> dict[str, str]:
    out = {}
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        if len(fields) == 1:
            out[fields[0]] = fk["reference"]["resource"]
    return out


def load_template(package_dir: Path = paths.PACKAGE, schemas_dir: Path = paths.SCHEMAS) -> Template:
    specs = load_resources(schemas_dir)
    allrows = {s.name: read_rows(package_dir / s.path) for s in specs}
    fields = {s.name: s.schema["fields"] for s in specs}
    if not allrows.get("sources"):
        raise SynthError(f"{package_dir}/data/sources.csv has no source to use as a template")
    source = allrows["sources"][0]
    sid = source["source_id"]
    text = (package_dir / source["path"]).read_bytes().decode("utf-8")

    # Keep the template source's rows: directly by source_id, else through a foreign key to a kept row.
    kept_keys: dict[str, set] = {"sources": {sid}}
    tables: dict[str, list[dict]] = {}
    for spec in specs:
        fks = _fk_targets(spec.schema)
        rows = allrows[spec.name]
        if spec.name == "sources":
            rows = [source]
        elif spec.name != "entities":
            links = [(f, t) for f, t in fks.items() if t in kept_keys and t != "entities"]
            rows = [r for r in rows if all(not r[f] or r[f] in kept_keys[t] for f, t in links)]
        tables[spec.name] = rows
        pk = spec.schema.get("primaryKey", [])
        if isinstance(pk, str):
            pk = [pk]
        if len(pk) == 1:
            kept_keys[spec.name] = {r[pk[0]] for r in rows}
    used = set()
    for spec in specs:
        for f, t in _fk_targets(spec.schema).items():
            if t == "entities" and spec.name != "entities":
                used.update(r[f] for r in tables[spec.name] if r[f])
    roles = [r for r in allrows["entities"] if r["entity_id"] in used]
    tables["entities"] = roles
    role_of = {r["entity_id"]: i for i, r in enumerate(roles)}

    # Replaceable tokens: proper-noun words inside naming mentions. Where naming mentions overlap
    # ("Bashar Assad" inside "Bashar Assad's government"), the shortest, most specific one owns the word.
    mentions = sorted(tables["mentions"], key=lambda m: (int(m["end"]) - int(m["start"]), int(m["start"])))
    claimed: dict[tuple[int, int], tuple[int, str]] = {}
    for m in mentions:
        if m["mention_type"] not in NAMING_KINDS:
            continue
        start = int(m["start"])
        for tok in TOKEN_RE.finditer(m["surface"]):
            if tok.group() in GENERIC_WORDS:
                continue
            span = (start + tok.start(), start + tok.end())
            claimed.setdefault(span, (role_of[m["entity_id"]], tok.group()))
    tpl = Template(text, source, sid, date.fromisoformat(source["reference_date"]), roles, role_of,
                   [[] for _ in roles], [], [], tables, fields, {s.name: s.schema for s in specs})
    tpl.columns = {name: _classify(tpl, name) for name in tables}
    # A token that an annotation boundary cuts through cannot be resized; it stays as it is.
    bounds = _boundaries(tpl)
    tokens = []
    for (s, e), (role, word) in sorted(claimed.items()):
        i = bisect.bisect_right(bounds, s)
        if i < len(bounds) and bounds[i] < e:
            continue
        if tokens and s < tokens[-1][1]:
            continue
        tokens.append((s, e, role, word))
    tpl.tokens = tokens
    for role in range(len(roles)):
        words = {w for _, _, r, w in tokens if r == role}
        words.update(w for w in TOKEN_RE.findall(roles[role]["name"]) if w not in GENERIC_WORDS)
        tpl.vocab[role] = sorted(words)
    counts = [0] * len(roles)
    for m in tables["mentions"]:
        counts[role_of[m["entity_id"]]] += 1
    for kind in HUB_TYPES:
        cands = [i for i, r in enumerate(roles) if r["entity_type"] == kind]
        if cands:
            tpl.hubs.append(max(cands, key=lambda i: (counts[i], -i)))
    return tpl


def _classify(tpl: Template, name: str) -> dict[str, Column]:
    """Decide, column by column, how each value changes from article to article."""
    rows = tpl.tables[name]
    spec_fields = tpl.fields[name]
    fks = _fk_targets(tpl.schemas[name])
    fact_prefixes = {a["fact_id"].split("-", 1)[0] + "-" for a in tpl.tables["anchors"]}
    anchors_by_fact: dict[str, list[tuple[int, int]]] = {}
    for a in tpl.tables["anchors"]:
        anchors_by_fact.setdefault(a["fact_id"], []).append((int(a["start"]), int(a["end"])))
    names = [f["name"] for f in spec_fields]
    has_offsets = "start" in names and "end" in names
    cols: dict[str, Column] = {}
    fact_col = next((n for n in names if rows and all(r[n][:r[n].find("-") + 1] in fact_prefixes for r in rows if r[n]) and any(r[n] for r in rows)), None)
    for f in spec_fields:
        n = f["name"]
        vals = [r[n] for r in rows]
        nonempty = [v for v in vals if v]
        target = fks.get(n)
        if name == "entities":
            cols[n] = Column("const", vals)
        elif target == "entities":
            cols[n] = Column("entity", vals, [tpl.role_of[v] if v else -1 for v in vals])
        elif target == "sources" or (name == "sources" and n == "source_id"):
            cols[n] = Column("source", vals)
        elif name == "sources":
            cols[n] = Column("date" if f.get("type") == "date" else "free", vals)
        elif nonempty and all(v.startswith(tpl.sid + "-") for v in nonempty):
            cols[n] = Column("sprefixed", vals)
        elif nonempty and all(v[:v.find("-") + 1] in fact_prefixes for v in nonempty):
            cols[n] = Column("fact", vals)
        elif has_offsets and n in ("start", "end"):
            cols[n] = Column("offset", [int(v) for v in vals])
        elif f.get("type") == "date":
            cols[n] = Column("date", vals)
        elif f.get("type", "string") != "string" or "enum" in f.get("constraints", {}):
            cols[n] = Column("const", vals)
        elif has_offsets and nonempty and all(r[n] == tpl.text[int(r["start"]):int(r["end"])] for r in rows):
            cols[n] = Column("slice", vals)
        elif fact_col and nonempty and all(_anchored(tpl.text, anchors_by_fact.get(r[fact_col], []), r[n]) for r in rows if r[n]):
            cols[n] = Column("anchored", vals, [_anchored(tpl.text, anchors_by_fact.get(r[fact_col], []), r[n]) or None for r in rows])
        else:
            cols[n] = Column("free", vals)
    return cols


def _anchored(text: str, spans: list[tuple[int, int]], value: str) -> tuple[int, int] | None:
    if not value:
        return None
    for s, e in spans:
        i = text.find(value, s, e)
        if i >= 0:
            return (i, i + len(value))
    return None


def _boundaries(tpl: Template) -> list[int]:
    b = {0, len(tpl.text)}
    for _name, cols in tpl.columns.items():
        for _n, col in cols.items():
            if col.kind == "offset":
                b.update(col.values)
            elif col.kind == "anchored":
                for span in col.extra:
                    if span:
                        b.update(span)
    return sorted(b)


# ---------------------------------------------------------------- entities


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


# ---------------------------------------------------------------- dates


def _shift_date(iso: str, precision: str, ref: date, new_ref: date) -> str:
    if not iso:
        return iso
    d = date.fromisoformat(iso)
    if precision == "month":
        if (d.year, d.month) == (ref.year, ref.month):
            if d.day == 1:
                return new_ref.replace(day=1).isoformat()
            return new_ref.replace(day=calendar.monthrange(new_ref.year, new_ref.month)[1]).isoformat()
        return iso
    if precision == "year":
        return d.replace(year=new_ref.year).isoformat() if d.year == ref.year else iso
    if abs((d - ref).days) <= 60:
        return (d + (new_ref - ref)).isoformat()
    return iso


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


def _precision_field(names: list[str], n: str) -> str | None:
    stem = re.sub(r"_(start|end)$", "", n)
    cand = stem + "_precision"
    return cand if cand in names else None


# ---------------------------------------------------------------- generation


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
    for word in sorted(_free_words(tpl)):
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


def _split_free(value: str) -> list[str]:
    """value as [literal, word, literal, word, ..., literal]; the words are what an article may replace."""
    parts, prev = [], 0
    for m in FREE_RE.finditer(value):
        parts.append(value[prev:m.start()])
        parts.append(m.group())
        prev = m.end()
    parts.append(value[prev:])
    return parts


def _free_words(tpl: Template) -> set[str]:
    words = set()
    for cols in tpl.columns.values():
        for col in cols.values():
            if col.kind == "free":
                for v in col.values:
                    words.update(m.group() for m in FREE_RE.finditer(v or ""))
    return words


def _free(amap: dict[str, str], parts: list[str]) -> str:
    out = parts[:]
    for i in range(1, len(out), 2):
        out[i] = amap.get(out[i], out[i])
    return "".join(out)


def _map_offsets(tpl: Template, arts: Articles, offsets: list[int]) -> np.ndarray:
    ends = [e for _, e, _, _ in tpl.tokens]
    idx = np.array([bisect.bisect_right(ends, o) for o in offsets], dtype=np.int64)
    return (np.array(offsets, dtype=np.int64)[None, :] + arts.cum[:, idx]).ravel()


def build_table(tpl: Template, ents: Entities, arts: Articles, name: str) -> dict[str, list]:
    cols = tpl.columns[name]
    rows = tpl.tables[name]
    nrows, n = len(rows), arts.n
    names = [f["name"] for f in tpl.fields[name]]
    art_of_row = np.repeat(np.arange(n), nrows)
    out: dict[str, list] = {}
    mapped: dict[str, np.ndarray] = {}
    for col_name, col in cols.items():
        if col.kind == "offset":
            mapped[col_name] = _map_offsets(tpl, arts, col.values)
    for col_name, col in cols.items():
        v = col.values
        if col.kind == "const":
            out[col_name] = [x or None for x in v] * n
        elif col.kind == "entity":
            out[col_name] = _entity_matrix(ents, arts)[:, col.extra].ravel().tolist()
        elif col.kind == "source":
            out[col_name] = [sid for sid in arts.sids for _ in range(nrows)]
        elif col.kind == "sprefixed":
            cut = len(tpl.sid)
            suffixes = [x[cut:] for x in v]
            out[col_name] = [sid + s for sid in arts.sids for s in suffixes]
        elif col.kind == "fact":
            parts = [x.split("-", 1) if x else None for x in v]
            col_out = [x or None for x in v]
            for a in range(1, n):
                stem = arts.sids[a][4:]
                col_out.extend(f"{p[0]}-{stem}-{p[1]}" if p else None for p in parts)
            out[col_name] = col_out
        elif col.kind == "offset":
            out[col_name] = mapped[col_name]
        elif col.kind == "slice":
            s, e = mapped["start"].tolist(), mapped["end"].tolist()
            texts = arts.texts
            out[col_name] = [texts[a][s[i]:e[i]] for i, a in enumerate(art_of_row.tolist())]
        elif col.kind == "anchored":
            present = [i for i, span in enumerate(col.extra) if span]
            starts = _map_offsets(tpl, arts, [col.extra[i][0] for i in present]).reshape(n, -1)
            ends_ = _map_offsets(tpl, arts, [col.extra[i][1] for i in present]).reshape(n, -1)
            col_out = []
            for a in range(n):
                row = [None] * nrows
                t = arts.texts[a]
                for j, i in enumerate(present):
                    row[i] = t[starts[a, j]:ends_[a, j]]
                col_out.extend(row)
            out[col_name] = col_out
        elif col.kind == "date":
            pf = _precision_field(names, col_name)
            precs = [r[pf] if pf else "day" for r in rows]
            by_shift: dict[int, list] = {}
            col_out = []
            for a in range(n):
                shifted = by_shift.get(arts.shifts[a])
                if shifted is None:
                    new_ref = tpl.ref - timedelta(days=arts.shifts[a])
                    shifted = by_shift[arts.shifts[a]] = [_shift_date(x, p, tpl.ref, new_ref) or None for x, p in zip(v, precs)]
                col_out.extend(shifted)
            out[col_name] = col_out
        else:  # free text: names and dates inside it follow the article
            split = [_split_free(x) if FREE_RE.search(x) else None for x in v]
            fixed = [x or None for x in v]
            col_out = fixed[:]
            for a in range(1, n):
                amap = arts.amaps[a]
                col_out.extend(_free(amap, p) if p else x for x, p in zip(fixed, split))
            out[col_name] = col_out
    return {k: out[k] for k in names}


def _entity_matrix(ents: Entities, arts: Articles) -> np.ndarray:
    """(articles, roles + 1) entity ids; the last column is None for empty cells (role -1)."""
    if arts.entity_ids is None:
        n, roles = arts.choice.shape
        matrix = np.empty((n, roles + 1), dtype=object)
        for r in range(roles):
            uniq, inverse = np.unique(arts.choice[:, r], return_inverse=True)
            ids = np.array([ents.entity_id(r, int(k)) for k in uniq], dtype=object)
            matrix[:, r] = ids[inverse.ravel()]
        matrix[:, roles] = None
        arts.entity_ids = matrix
    return arts.entity_ids


def build_sources(tpl: Template, arts: Articles) -> dict[str, list]:
    table = build_table(tpl, None, arts, "sources")
    for a in range(1, arts.n):
        data = arts.texts[a].encode("utf-8")
        table["title"][a] = arts.texts[a].split("\n", 1)[0].strip()
        table["path"][a] = arts.files[a]
        table["sha256"][a] = hashlib.sha256(data).hexdigest()
        table["bytes"][a] = str(len(data))
        table["characters"][a] = str(len(arts.texts[a]))
        table["provenance"][a] = f"Synthetic: generated by scripts/synth.py from source {tpl.sid} (names and dates replaced); not a real article."
        table["rights"][a] = "Synthetic text generated for benchmarking; it reports nothing that happened."
    return table


def build_entities(tpl: Template, ents: Entities, arts: Articles) -> dict[str, list]:
    used = sorted({(r, int(k)) for r in range(len(tpl.roles)) for k in np.unique(arts.choice[:, r])})
    cols: dict[str, list] = {f["name"]: [] for f in tpl.fields["entities"]}
    for r, k in used:
        row = tpl.roles[r]
        for n in cols:
            if n == "entity_id":
                cols[n].append(ents.entity_id(r, k))
            elif k and n in ("name", "description"):
                cols[n].append(ents.name(r, k, row[n]))
            else:
                cols[n].append(row[n] or None)
    return cols


def _frame(cols: dict[str, list], fields: list[dict]) -> pl.DataFrame:
    series = []
    for f in fields:
        values = cols[f["name"]]
        if isinstance(values, np.ndarray):
            series.append(pl.Series(f["name"], values))
        else:
            series.append(pl.Series(f["name"], values, dtype=pl.Utf8))
    return pl.DataFrame(series)


def synthesize(n: int, out_dir: Path, seed: int = 0, package_dir: Path = paths.PACKAGE,
               schemas_dir: Path = paths.SCHEMAS) -> dict[str, int]:
    """Write a package of n articles into out_dir (which must be empty); return rows per table."""
    if n < 1:
        raise SynthError("--sources must be at least 1")
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise SynthError(f"{out_dir} is not an empty directory; choose a new or empty one so nothing is overwritten")
    tpl = load_template(package_dir, schemas_dir)
    ents = Entities(tpl, seed)
    arts = generate_articles(tpl, ents, n, seed)
    (out_dir / "data").mkdir(parents=True, exist_ok=True)
    (out_dir / "sources").mkdir(exist_ok=True)
    for text, fname in zip(arts.texts, arts.files):
        (out_dir / fname).write_bytes(text.encode("utf-8"))
    counts = {}
    for spec in load_resources(schemas_dir):
        if spec.name == "sources":
            cols = build_sources(tpl, arts)
        elif spec.name == "entities":
            cols = build_entities(tpl, ents, arts)
        else:
            cols = build_table(tpl, ents, arts, spec.name)
        frame = _frame(cols, spec.schema["fields"])
        frame.write_csv(out_dir / spec.path, line_terminator="\n")
        counts[spec.name] = frame.height
    descriptor.write(package_dir=out_dir, schemas_dir=schemas_dir, now=CREATED)
    return counts
