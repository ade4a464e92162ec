"""Descriptor and file structure: the descriptor is a valid Data Package (frictionless checks its
metadata), every resource has a usable inline schema and a safe path to a file that is present and
matches its recorded size and hash. Each such file is then read by reader.py into a Table."""
from __future__ import annotations

import hashlib

from ..core.types import REGISTRY
from ..core.vocab import key_fields
from .context import Context
from .metadata import BUILD, build_command, is_remote
from .reader import read_table


def report_metadata(ctx: Context, problems: list[tuple[str, str, str]]) -> None:
    for code, message, hint in problems:
        if code == "descriptor-invalid" and "not safe" in message and any(e.code in ("unsafe-path", "remote-url") for e in ctx.report.errors):
            continue  # the same fault, already reported with our own, clearer message
        if code == "remote-url" and " path " in message and any(e.code == "remote-url" and message.split(" is a remote URL")[0].split(" path ", 1)[1] in e.message for e in ctx.report.errors):
            continue  # a remote resource path, already reported by the file checks
        ctx.add(code, ctx.descriptor_name, message, hint)


def normalise_schema(schema: object) -> tuple[dict | None, str | None]:
    """A copy of a Table Schema in one shape the checks can rely on, or the reason it is unusable."""
    if not isinstance(schema, dict):
        return None, "the schema is not an inline JSON object"
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return None, "the schema has no list of fields"
    names = []
    for f in fields:
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
            return None, "every field needs a name"
        if f["name"] in names:
            return None, f"field {f['name']!r} is declared twice"
        if "constraints" in f and not isinstance(f["constraints"], dict):
            return None, f"field {f['name']!r}: constraints must be an object"
        if not isinstance(f.get("type", "string"), str):
            return None, f"field {f['name']!r}: type must be a string"
        if f.get("type", "string") not in REGISTRY:
            return None, f"field {f['name']!r}: type {f['type']!r} is not in the type registry (known: {', '.join(REGISTRY)})"
        names.append(f["name"])
    out = dict(schema)
    pk = schema.get("primaryKey", [])
    if not isinstance(pk, (str, list)) or not all(isinstance(p, str) and p in names for p in key_fields(pk)):
        return None, "primaryKey must name fields of the schema"
    out["primaryKey"] = key_fields(pk)
    fks = []
    declared_fks = schema.get("foreignKeys", []) or []
    if not isinstance(declared_fks, list):
        return None, "foreignKeys must be a list"
    for fk in declared_fks:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            return None, "every foreign key needs fields and a reference"
        local, remote = key_fields(fk.get("fields")), key_fields(ref.get("fields"))
        resource = ref.get("resource", "")
        if (len(local) != len(remote) or not local
                or not all(isinstance(x, str) for x in local + remote) or not isinstance(resource, str)
                or not all(x in names for x in local)):
            return None, "a foreign key's fields must name fields of the schema and match its reference's fields one to one"
        fks.append({"fields": local, "reference": {"resource": resource, "fields": remote}})
    out["foreignKeys"] = fks
    return out, None


def check_resources(ctx: Context) -> None:
    resources = ctx.descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        ctx.add("descriptor-invalid", ctx.descriptor_name, "the descriptor has no list of resources", f"regenerate it with `{BUILD}`")
        return
    for position, res in enumerate(resources, start=1):
        if not isinstance(res, dict):
            ctx.add("descriptor-invalid", ctx.descriptor_name, f"resource #{position} is not an object", f"regenerate it with `{BUILD}`")
            continue
        name = res.get("name") if isinstance(res.get("name"), str) else f"#{position}"
        path = res.get("path")
        if name in ctx.declared:
            ctx.add("descriptor-invalid", ctx.descriptor_name, f"resource name {name!r} is used twice", f"regenerate it with `{BUILD}`")
            continue
        ctx.declared[name] = path if isinstance(path, str) else ""
        if isinstance(path, list):
            ctx.add("unsupported-path", ctx.descriptor_name, f"resource {name!r} is split over several files", "keep one CSV per resource")
            continue
        reason = ctx.confinement.reason(path)
        if reason:
            code = "remote-url" if isinstance(path, str) and is_remote(path) else "unsafe-path"
            ctx.add(code, ctx.descriptor_name, f"resource {name!r} path {path!r}: {reason}",
                    "put the file inside the package directory and give its path relative to datapackage.json")
            continue
        schema, problem = normalise_schema(res.get("schema"))
        if problem:
            ctx.add("schema-invalid", path, f"resource {name!r}: {problem}", f"fix schemas/{name}.yaml and run `{BUILD}`")
            continue
        full = ctx.root / path
        if not full.exists():
            ctx.add("missing-file", path, f"resource {name!r} points at {path}, which does not exist",
                    f"restore the file, or remove the resource from schemas/package.yaml and run `{BUILD}`")
            continue
        if not full.is_file():
            ctx.add("missing-file", path, f"resource {name!r} points at {path}, which is not a regular file", "point the resource at a CSV file")
            continue
        try:
            data = full.read_bytes()
        except OSError as exc:
            ctx.add("unreadable-file", path, f"cannot read the file: {exc.strerror}", "check the file's permissions")
            continue
        _check_digest(ctx, res, path, data)
        table = read_table(ctx, name, path, schema, data)
        if table is not None:
            ctx.tables[name] = table
            ctx.report.counts[name] = table.raw.height
    report_stale(ctx)


def _check_digest(ctx: Context, res: dict, path: str, data: bytes) -> None:
    """Note a file whose size or hash is not the one the descriptor records: one descriptor-stale
    error names them all (report_stale), so an edit awaiting `build_descriptor.py` costs one line
    of the report and the content errors stand out. Tampering with a published package is still
    caught: that error fails validation, and the release checks and stock frictionless compare too."""
    expected = res.get("bytes")
    differs = []
    if isinstance(expected, int) and not isinstance(expected, bool) and expected != len(data):
        differs.append("size")
    declared = res.get("hash")
    if isinstance(declared, str) and declared:
        algo, _, digest = declared.rpartition(":")
        algo = algo or "md5"  # Data Package v1: a bare hash is MD5
        if algo not in hashlib.algorithms_guaranteed:
            ctx.add("hash-unsupported", path, f"hash algorithm {algo!r} is not supported", f"use sha256 (as `{BUILD}` does)")
        elif hashlib.new(algo, data).hexdigest() != digest.lower():
            differs.append(algo)
    if differs:
        ctx.stale[path] = ", ".join(differs)


def report_stale(ctx: Context) -> None:
    if ctx.stale:
        files = "; ".join(f"{path} ({why})" for path, why in ctx.stale.items())
        ctx.add("descriptor-stale", ctx.descriptor_name,
                f"{len(ctx.stale)} file(s) changed after the descriptor was generated, so it records another size or hash: {files}",
                f"if the edits are intended, run `{build_command(ctx.descriptor_path)}`; otherwise restore the files")
