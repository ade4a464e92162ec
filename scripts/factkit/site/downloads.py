"""Downloads: byte-identical copies of the package's files (descriptor, every CSV, every source
text) and the whole package as one zip, each listed with its size and SHA-256.

The zip comes from the release layer (release/package_archive.py): the frozen release archive when
this version is released unchanged, else the same writer's zip named "-unreleased"."""
from __future__ import annotations

import hashlib

from ..release.layout import Layout
from ..release.package_archive import PackageArchive, package_archive
from . import urls
from .spec import DownloadSpec, PageSpec

# Source texts are listed one by one only while there are few, so the page stays small with a
# corpus of thousands; past that they are counted, and every one is still in the zip and served.
SOURCE_TEXTS_LISTED = 10


def package_files(data) -> list[tuple[str, str]]:
    """(path inside the package, description) for every file the package is made of."""
    files = [("datapackage.json", "The package descriptor: metadata, and every table's schema inlined.")]
    for res in data.descriptor["resources"]:
        files.append((res["path"], f"{res.get('title', res['name'])}: {res.get('description', '')}".strip()))
    for source in sorted(data.sources.values(), key=lambda s: s["path"]):
        files.append((source["path"], f"Source text of {source['source_id']} ({source['rights']})"))
    return files


def archive_description(archive: PackageArchive) -> str:
    if archive.released:
        return f"The whole package as one zip file: the archive of release {archive.version}, byte for byte as on the Releases page."
    why = (f"its files differ from release {archive.version}'s archive" if archive.version_released
           else f"version {archive.version or '(none)'} is not released yet")
    return (f"The whole package as one zip file, as it stands now: {why}, so its name says unreleased. "
            "Frozen, citable versions are on the Releases page.")


def files(plan) -> list[DownloadSpec]:
    layout = Layout.of_package(plan.data.package.root)
    working = layout.working()
    out = [DownloadSpec(urls.download(path), description, working.files[path]) for path, description in package_files(plan.data)]
    archive = package_archive(layout, working)
    out.insert(0, DownloadSpec(f"{urls.ZIP_DIR}/{archive.name}", archive_description(archive), archive.content))
    return out


def listing(plan) -> list[dict]:
    return [
        {"src_uri": d.src_uri, "name": d.src_uri.split("/", 1)[1], "description": d.description,
         "bytes": len(d.content), "sha256": hashlib.sha256(d.content).hexdigest()}
        for d in plan.downloads
        if not d.src_uri.startswith(urls.RELEASES_DIR + "/")  # frozen releases: listed on the Releases page
    ]


def page_context(plan) -> dict:
    files = listing(plan)
    texts = [f for f in files if f["name"].startswith("sources/")]
    shown = texts[:SOURCE_TEXTS_LISTED]
    return {"files": [f for f in files if f not in texts or f in shown], "texts_total": len(texts),
            "texts_bytes": sum(f["bytes"] for f in texts), "texts_shown": len(shown)}


def pages(plan) -> list[PageSpec]:
    return [PageSpec(urls.DOWNLOADS, "Downloads", "downloads.html", lambda: page_context(plan), in_nav=True, searchable=True)]
