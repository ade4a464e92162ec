"""The template: the real package's first article and every row that hangs off it, each column
classified by how its values change from one generated article to the next."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...core import paths
from ...core.csvio import read_rows
from ...core.schema import load_resources
from ...core.vocab import key_fields

NAMING_KINDS = ("name", "abbreviation", "metonym")
# Capitalised common nouns inside names; kept so generated names still read as names of things.
GENERIC_WORDS = frozenset(
    ["Air", "Army", "Base", "Civil", "Force", "Foreign", "Free", "Ministry", "Navy", "News", "President", "State", "Union", "War", "Unnamed", "Other"]
)
HUB_TYPES = ("country", "city", "news_agency")
TOKEN_RE = re.compile(r"[A-Z][A-Za-z]*")


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
        fields = key_fields(fk["fields"])
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
    # A table with no foreign key belongs to no article (tombstones: ids a release retired); copied
    # into every article its ids would repeat, so a generated package starts with none of its rows.
    kept_keys: dict[str, set] = {"sources": {sid}}
    tables: dict[str, list[dict]] = {}
    for spec in specs:
        fks = _fk_targets(spec.schema)
        rows = allrows[spec.name]
        if spec.name == "sources":
            rows = [source]
        elif spec.name == "entities":
            pass  # narrowed below to the entities that the kept rows name
        elif not spec.schema.get("foreignKeys"):
            rows = []
        else:
            links = [(f, t) for f, t in fks.items() if t in kept_keys and t != "entities"]
            rows = [r for r in rows if all(not r[f] or r[f] in kept_keys[t] for f, t in links)]
        tables[spec.name] = rows
        pk = key_fields(spec.schema.get("primaryKey"))
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
