"""Every table of the generated package, column by column, from the template's rows and the articles."""
from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from datetime import date, timedelta

import numpy as np

from .articles import FREE_RE, Articles, fill_free, split_free
from .entities import Entities
from .template import Template


def shift_date(iso: str, precision: str, ref: date, new_ref: date) -> str:
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


def precision_field(names: list[str], n: str) -> str | None:
    stem = re.sub(r"_(start|end)$", "", n)
    cand = stem + "_precision"
    return cand if cand in names else None


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
            pf = precision_field(names, col_name)
            precs = [r[pf] if pf else "day" for r in rows]
            by_shift: dict[int, list] = {}
            col_out = []
            for a in range(n):
                shifted = by_shift.get(arts.shifts[a])
                if shifted is None:
                    new_ref = tpl.ref - timedelta(days=arts.shifts[a])
                    shifted = by_shift[arts.shifts[a]] = [shift_date(x, p, tpl.ref, new_ref) or None for x, p in zip(v, precs)]
                col_out.extend(shifted)
            out[col_name] = col_out
        else:  # free text: names and dates inside it follow the article
            split = [split_free(x) if FREE_RE.search(x) else None for x in v]
            fixed = [x or None for x in v]
            col_out = fixed[:]
            for a in range(1, n):
                amap = arts.amaps[a]
                col_out.extend(fill_free(amap, p) if p else x for x, p in zip(fixed, split))
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
