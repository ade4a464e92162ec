"""Releases: every published version with its date, row counts, files (size, SHA-256, download),
and its row-level diff from the previous release; plus the tombstones, so that a retired id cited
somewhere still resolves to an explanation.

The data comes from factkit.release.changelog (releases/<version>/manifest.json and diff.json);
the release files are served byte for byte under releases/<version>/ so `sha256sum -c` works on
downloads. Which releases/ folder: the one beside the package's folder (the repository's for the
real package; a test fixture's own, usually none, for a fixture).
"""
from __future__ import annotations

from pathlib import Path

from ..release.changelog import release_records
from ..release.layout import Layout
from ..release.policy import TOMBSTONE_ID, TOMBSTONES
from . import urls
from .spec import DownloadSpec, PageSpec


def releases_dir(plan) -> Path:
    return Layout.of_package(plan.data.package.root).releases


def records(plan) -> list[dict]:
    return release_records(releases_dir(plan))


def release_files(plan) -> list[DownloadSpec]:
    out = []
    for rec in records(plan):
        folder = releases_dir(plan) / rec["version"]
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            out.append(DownloadSpec(urls.release_file(rec["version"], path.name), f"Release {rec['version']}: {path.name}", path.read_bytes()))
    return out


def tombstones(plan) -> list[dict]:
    return list(plan.data.rows.get(TOMBSTONES, []))


def pages(plan) -> list[PageSpec]:
    # Downloads are added here, not in downloads.files(): the Downloads page lists the package's
    # own files, this page lists the frozen releases.
    plan.downloads.extend(release_files(plan))
    for row in tombstones(plan):  # a retired id resolves to its tombstone on this page
        plan.locator.place(row[TOMBSTONE_ID], urls.RELEASES, f"retired-{row[TOMBSTONE_ID]}")

    def context() -> dict:
        recs = records(plan)
        for rec in recs:
            rec["anchor"] = "v" + rec["version"].replace(".", "-")
            rec["links"] = {f["name"]: urls.release_file(rec["version"], f["name"]) for f in rec["files"]}
            for extra in ("manifest.json", rec["sums_file"]):
                rec["links"][extra] = urls.release_file(rec["version"], extra)
        rows = []
        for row in tombstones(plan):
            successor = row.get("superseded_by") or ""
            target = plan.locator.get(successor) or (urls.entity(successor) if successor in plan.data.entities else None)
            rows.append({**row, "successor_target": target})
        return {"releases": recs, "tombstones": rows, "working_version": plan.data.version}

    return [PageSpec(urls.RELEASES, "Releases", "releases.html", context, in_nav=True)]
