"""How much the version must grow for a given change: the Frictionless "Data Package Version" recipe.

The recipe (https://datapackage.org/recipes/data-package-version/), applied rule by rule:

  MAJOR "when you make incompatible changes, e.g. change the data package, resource or field name
        or identifier; add, remove or re-order fields; change a field type or format; change a
        field constraint to be more restrictive; combine, split, delete or change the meaning of
        data that is referenced by another data resource"
  MINOR "when you add data or change metadata in a backwards-compatible manner, e.g. add a new data
        resource to a data package; add new data to an existing data resource; change a field
        constraint to be less restrictive; update a reference to another data resource"
  PATCH "when you make backwards-compatible fixes, e.g. correct errors in existing data; change
        descriptive metadata properties"
  and "You relocate the data to a new URL or path. No change in the version number."

Project rules on top (issue 4): fixing a value in place (same id) is PATCH and needs no tombstone;
retiring or superseding an id leaves a tombstone and is at least MINOR; removing a row that has a
single-column id without a tombstone is a MAJOR deletion *and* a problem (nothing silently lost).
Where a change cannot be proven backwards-compatible (a changed pattern, an unknown property that
affects parsing), the stricter bump applies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from ..core.vocab import key_fields
from .diff import TableDiff
from .snapshot import Snapshot

# The one resource this module needs by name: the register of retired ids (schemas/tombstones.yaml).
TOMBSTONES = "tombstones"
TOMBSTONE_ID = "fact_id"
TOMBSTONE_VERSION = "retired_in"
TOMBSTONE_SUCCESSOR = "superseded_by"


class Bump(IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, order=True)
class Change:
    level: Bump
    resource: str
    field: str
    message: str

    def line(self) -> str:
        where = self.resource + (f".{self.field}" if self.field else "")
        return f"{self.level.name:<5}  {where or 'package'}: {self.message}"

    def to_dict(self) -> dict:
        return {"bump": self.level.name, "resource": self.resource, "field": self.field, "message": self.message}


SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


class VersionError(ValueError):
    pass


def parse_version(text: str) -> tuple[int, int, int]:
    match = SEMVER.fullmatch(str(text))
    if not match:
        raise VersionError(f"version {text!r} is not MAJOR.MINOR.PATCH (three numbers, no leading zeros, no suffix)")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def declared_bump(old: str, new: str) -> Bump | None:
    """The bump from old to new; None when new is not larger than old."""
    a, b = parse_version(old), parse_version(new)
    if b == a:
        return Bump.NONE
    if b < a:
        return None
    if b[0] > a[0]:
        return Bump.MAJOR
    if b[1] > a[1]:
        return Bump.MINOR
    return Bump.PATCH


def next_versions(old: str) -> dict[Bump, str]:
    major, minor, patch = parse_version(old)
    return {Bump.PATCH: f"{major}.{minor}.{patch + 1}", Bump.MINOR: f"{major}.{minor + 1}.0", Bump.MAJOR: f"{major + 1}.0.0"}


def step_problem(old: str, new: str) -> str | None:
    """Semver resets the lower numbers on a bump (1.2.3 -> 1.3.0, never 1.3.4)."""
    bump = declared_bump(old, new)
    if not bump:
        return None
    _, minor, patch = parse_version(new)
    if (bump is Bump.MAJOR and (minor, patch) != (0, 0)) or (bump is Bump.MINOR and patch != 0):
        expected = next_versions(old)[bump]
        return f"version {new} does not reset the lower numbers of a {bump.name} bump from {old} (use {expected})"
    return None


# --- schema rules ----------------------------------------------------------------------------
DESCRIPTIVE = {"title", "description", "example", "examples", "homepage", "keywords", "licenses", "contributors", "sources", "image", "comment"}
IGNORED_PACKAGE = {"version", "created", "resources"}
IGNORED_RESOURCE = {"bytes", "hash", "schema", "name"}
LOWER_BOUNDS = ("minimum", "minLength", "exclusiveMinimum", "minItems")
UPPER_BOUNDS = ("maximum", "maxLength", "exclusiveMaximum", "maxItems")


def _constraint_changes(resource: str, name: str, old: dict, new: dict) -> list[Change]:
    out: list[Change] = []
    tight = lambda msg: out.append(Change(Bump.MAJOR, resource, name, f"{msg} (more restrictive constraint)"))
    loose = lambda msg: out.append(Change(Bump.MINOR, resource, name, f"{msg} (less restrictive constraint)"))
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key in ("required", "unique"):
            (tight if b and not a else loose)(f"constraint {key}: {bool(a)} -> {bool(b)}")
        elif key == "enum":
            if a is None:
                tight(f"enum {b} added")
            elif b is None:
                loose("enum removed")
            else:
                gone, extra = [v for v in a if v not in b], [v for v in b if v not in a]
                if gone:
                    tight(f"enum values removed: {', '.join(map(str, gone))}")
                if extra:
                    loose(f"enum values added: {', '.join(map(str, extra))}")
                if not gone and not extra:
                    out.append(Change(Bump.PATCH, resource, name, "enum values reordered"))
        elif key in LOWER_BOUNDS or key in UPPER_BOUNDS:
            lower = key in LOWER_BOUNDS
            if a is None:
                tight(f"{key} {b} added")
            elif b is None:
                loose(f"{key} {a} removed")
            elif (b > a) == lower:
                tight(f"{key} {a} -> {b}")
            else:
                loose(f"{key} {a} -> {b}")
        elif a is None:
            tight(f"constraint {key} added: {b!r}")
        elif b is None:
            loose(f"constraint {key} removed (was {a!r})")
        else:
            # A changed pattern (or any other changed rule) cannot be proven to accept every value the
            # old one accepted, so it counts as more restrictive.
            tight(f"constraint {key} changed: {a!r} -> {b!r}")
    return out


def _field_changes(resource: str, old: dict, new: dict) -> list[Change]:
    out: list[Change] = []
    name = new["name"]
    for key in sorted((set(old) | set(new)) - {"name"}):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key == "constraints":
            out += _constraint_changes(resource, name, a or {}, b or {})
        elif key in ("type", "format"):
            out.append(Change(Bump.MAJOR, resource, name, f"field {key} changed: {a!r} -> {b!r}"))
        elif key in DESCRIPTIVE:
            out.append(Change(Bump.PATCH, resource, name, f"descriptive property {key} changed"))
        else:  # trueValues, missingValues, decimalChar...: they change how values are read
            out.append(Change(Bump.MAJOR, resource, name, f"field property {key} changed: {a!r} -> {b!r}"))
    return out


def _fk_id(fk: dict) -> tuple:
    return tuple(key_fields(fk.get("fields")))


def schema_changes(old: Snapshot, new: Snapshot) -> list[Change]:
    out: list[Change] = []
    od, nd = old.descriptor, new.descriptor
    for key in sorted((set(od) | set(nd)) - IGNORED_PACKAGE):
        if od.get(key) == nd.get(key):
            continue
        if key in ("name", "id", "profile"):
            out.append(Change(Bump.MAJOR, "", "", f"package {key} changed: {od.get(key)!r} -> {nd.get(key)!r}"))
        else:
            out.append(Change(Bump.PATCH, "", "", f"package metadata {key} changed"))
    old_names = [r["name"] for r in old.resources()]
    new_names = [r["name"] for r in new.resources()]
    for name in old_names:
        if name not in new_names:
            out.append(Change(Bump.MAJOR, name, "", "resource removed (or renamed)"))
    for name in new_names:
        if name not in old_names:
            out.append(Change(Bump.MINOR, name, "", "resource added"))
    if [n for n in old_names if n in new_names] != [n for n in new_names if n in old_names]:
        out.append(Change(Bump.PATCH, "", "", "resources reordered in the descriptor"))

    for name in (n for n in new_names if n in old_names):
        o, n = old.resource(name), new.resource(name)
        for key in sorted((set(o) | set(n)) - IGNORED_RESOURCE):
            if o.get(key) == n.get(key):
                continue
            if key == "path":
                out.append(Change(Bump.NONE, name, "", f"path changed {o.get(key)} -> {n.get(key)} (relocation: no change in the version number)"))
            elif key in DESCRIPTIVE:
                out.append(Change(Bump.PATCH, name, "", f"descriptive property {key} changed"))
            else:
                out.append(Change(Bump.MAJOR, name, "", f"resource property {key} changed: {o.get(key)!r} -> {n.get(key)!r}"))
        os_, ns = o.get("schema", {}), n.get("schema", {})
        ofields = {f["name"]: f for f in os_.get("fields", [])}
        nfields = {f["name"]: f for f in ns.get("fields", [])}
        for fname in ofields:
            if fname not in nfields:
                out.append(Change(Bump.MAJOR, name, fname, "field removed (or renamed)"))
        for fname in nfields:
            if fname not in ofields:
                out.append(Change(Bump.MAJOR, name, fname, "field added"))
        kept_old = [f for f in ofields if f in nfields]
        kept_new = [f for f in nfields if f in ofields]
        if kept_old != kept_new:
            out.append(Change(Bump.MAJOR, name, "", f"fields reordered: {', '.join(kept_old)} -> {', '.join(kept_new)}"))
        for fname in kept_new:
            out += _field_changes(name, ofields[fname], nfields[fname])
        if key_fields(os_.get("primaryKey")) != key_fields(ns.get("primaryKey")):
            out.append(Change(Bump.MAJOR, name, "", f"primary key changed: {key_fields(os_.get('primaryKey'))} -> {key_fields(ns.get('primaryKey'))}"))
        ofks = {_fk_id(fk): fk for fk in os_.get("foreignKeys", [])}
        nfks = {_fk_id(fk): fk for fk in ns.get("foreignKeys", [])}
        for fid in ofks:
            if fid not in nfks:
                out.append(Change(Bump.MINOR, name, ",".join(fid), "foreign key removed (less restrictive)"))
        for fid, fk in nfks.items():
            if fid not in ofks:
                out.append(Change(Bump.MAJOR, name, ",".join(fid), f"foreign key to {fk['reference'].get('resource')} added (more restrictive)"))
            elif ofks[fid] != fk:
                out.append(Change(Bump.MINOR, name, ",".join(fid), "foreign key reference updated (update a reference to another data resource)"))
        for key in sorted((set(os_) | set(ns)) - {"fields", "primaryKey", "foreignKeys"}):
            if os_.get(key) != ns.get(key):
                level = Bump.PATCH if key in DESCRIPTIVE else Bump.MAJOR
                out.append(Change(level, name, "", f"schema property {key} changed"))
    return out


# --- file rules ------------------------------------------------------------------------------
def file_changes(old: Snapshot, new: Snapshot) -> list[Change]:
    """Files that are not tabular resources: the source texts (every offset points into them) and the licence."""
    tabular = {r["path"] for r in old.resources()} | {r["path"] for r in new.resources()} | {"datapackage.json"}
    out = []
    for name in sorted((set(old.files) | set(new.files)) - tabular):
        a, b = old.files.get(name), new.files.get(name)
        if a == b:
            continue
        if name == "LICENSE-DATA":
            out.append(Change(Bump.PATCH, "", name, "licence text changed (descriptive)"))
        elif a is None:
            out.append(Change(Bump.MINOR, "", name, "file added"))
        elif b is None:
            out.append(Change(Bump.MAJOR, "", name, "file removed (rows may point into it)"))
        else:
            out.append(Change(Bump.MAJOR, "", name, "file content changed (offsets point into source texts: their meaning changes)"))
    return out


# --- data rules ------------------------------------------------------------------------------
def _ids(rows: list[dict], key: list[str]) -> list[str]:
    return [",".join(row.get(k, "") for k in key) for row in rows]


def _preview(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def data_changes(diffs: list[TableDiff], new: Snapshot) -> tuple[list[Change], list[str]]:
    """Changes implied by the rows, and problems (removed ids without tombstones)."""
    tombstones = new.records(TOMBSTONES) if new.resource(TOMBSTONES) else []
    successor = {row.get(TOMBSTONE_ID, ""): row.get(TOMBSTONE_SUCCESSOR, "") for row in tombstones}
    tombstoned = set(successor)
    changes, problems = [], []
    for d in diffs:
        if d.status in ("added", "removed", "unchanged"):
            continue  # whole resources are judged by schema_changes
        if d.added:
            ids = _ids(d.added, d.key)
            changes.append(Change(Bump.MINOR, d.resource, "", f"{len(ids)} row(s) added: {_preview(ids)}"))
        corrected = [",".join(c["key"].values()) for c in d.changed if any(col not in d.columns_added for col in c["cells"])]
        filled = [",".join(c["key"].values()) for c in d.changed if any(col in d.columns_added for col in c["cells"])]
        if corrected:
            changes.append(Change(Bump.PATCH, d.resource, "", f"{len(corrected)} row(s) corrected in place: {_preview(corrected)}"))
        if filled:
            # New data in existing rows; the new field itself is judged by schema_changes.
            changes.append(Change(Bump.MINOR, d.resource, "", f"{len(filled)} row(s) given a value in the new field(s) "
                                  f"{', '.join(d.columns_added)}: {_preview(filled)}"))
        if not d.removed:
            continue
        ids = _ids(d.removed, d.key)
        if d.resource == TOMBSTONES:
            # Never allowed: tombstone_problems asks to restore each one; it is not an id "removed
            # without a tombstone" (that advice would be to add the very row that was removed).
            changes.append(Change(Bump.MAJOR, d.resource, "", f"{len(ids)} tombstone(s) removed: {_preview(ids)}"))
            continue
        single = len(d.key) == 1
        # A row that points at a retired id (the anchors of a retired fact, the mentions of a retired
        # entity, the hops of a retired claim) leaves with it: that id's tombstone explains both.
        retired = [i for i in ids if single and i in tombstoned]
        follows = [i for i, row in zip(ids, d.removed) if i not in retired and tombstoned & set(row.values())]
        rest = [i for i in ids if i not in retired and i not in follows]
        if retired:
            shown = [f"{i} (superseded by {successor[i]})" if successor[i] else f"{i} (withdrawn)" for i in retired]
            changes.append(Change(Bump.MINOR, d.resource, "", f"{len(retired)} id(s) retired with a tombstone: {_preview(shown)}"))
        if follows:
            changes.append(Change(Bump.MINOR, d.resource, "", f"{len(follows)} row(s) removed with the retired id they belong to: {_preview(follows)}"))
        if rest and single:
            changes.append(Change(Bump.MAJOR, d.resource, "", f"{len(rest)} row(s) deleted without a tombstone: {_preview(rest)}"))
            problems += [
                f"{d.resource}: id {i} was removed without a tombstone; add a row to tombstones.csv "
                f"({TOMBSTONE_ID}={i}, {TOMBSTONE_VERSION}={new.version}, reason, {TOMBSTONE_SUCCESSOR} if it has one)"
                for i in rest
            ]
        elif rest:
            changes.append(Change(Bump.MINOR, d.resource, "", f"{len(rest)} row(s) removed: {_preview(rest)}"))
    return changes, problems


def tombstone_problems(old: Snapshot | None, new: Snapshot) -> list[str]:
    """Tombstones are permanent, dated with the version that retires the id, and never shadow a live id."""
    if not new.resource(TOMBSTONES):
        return []
    problems = []
    rows = new.records(TOMBSTONES)
    old_ids = {r.get(TOMBSTONE_ID) for r in old.records(TOMBSTONES)} if old is not None and old.resource(TOMBSTONES) else set()
    live: set[str] = set()
    for res in new.resources():
        key = key_fields(res.get("schema", {}).get("primaryKey"))
        if res["name"] != TOMBSTONES and len(key) == 1:
            live |= {r.get(key[0], "") for r in new.records(res["name"])}
    retired = {r.get(TOMBSTONE_ID, "") for r in rows}
    known_resources = {res["name"] for res in new.resources()} | ({res["name"] for res in old.resources()} if old is not None else set())
    for r in rows:
        rid = r.get(TOMBSTONE_ID, "")
        if r.get("resource") not in known_resources:
            problems.append(f"tombstones: {rid} names resource {r.get('resource')!r}, which is not a resource of this package or the previous release")
        if rid in live:
            problems.append(f"tombstones: {rid} is retired but still present as a live row; ids are never reused")
        if rid not in old_ids and old is not None and r.get(TOMBSTONE_VERSION) != new.version:
            # Not bumped yet: the released version cannot be the answer, the next one is.
            wanted = (f"the version that retires it; the working version is still the released {old.version}: set the version the changes need "
                      f"first, then {TOMBSTONE_VERSION} to it") if new.version == old.version else new.version
            problems.append(f"tombstones: {rid} is new in this version, so {TOMBSTONE_VERSION} must be {wanted} (it says {r.get(TOMBSTONE_VERSION)!r})")
        successor = r.get(TOMBSTONE_SUCCESSOR, "")
        if successor and successor not in live and successor not in retired:
            problems.append(f"tombstones: {rid} is {TOMBSTONE_SUCCESSOR} {successor}, which is neither a live id nor another tombstone")
    for rid in sorted(old_ids - retired):
        problems.append(f"tombstones: the tombstone of {rid} was removed; tombstones are permanent, restore it")
    return problems


@dataclass
class Assessment:
    old_version: str
    new_version: str
    changes: list[Change]
    problems: list[str]

    @property
    def required(self) -> Bump:
        return max((c.level for c in self.changes), default=Bump.NONE)

    @property
    def declared(self) -> Bump | None:
        try:
            return declared_bump(self.old_version, self.new_version)
        except VersionError:
            return None

    @property
    def ok(self) -> bool:
        declared = self.declared
        return not self.problems and declared is not None and declared >= self.required


def assess(old: Snapshot, new: Snapshot, diffs: list[TableDiff]) -> Assessment:
    changes = schema_changes(old, new) + file_changes(old, new)
    data, problems = data_changes(diffs, new)
    changes += data
    problems += tombstone_problems(old, new)
    try:
        step = step_problem(old.version, new.version)
        if declared_bump(old.version, new.version) is None:
            problems.append(f"version {new.version} is lower than the latest release {old.version}")
    except VersionError as exc:
        step, problems = None, problems + [str(exc)]
    if step:
        problems.append(step)
    changes.sort(key=lambda c: (-c.level, c.resource, c.field, c.message))
    return Assessment(old.version, new.version, changes, problems)
