"""Downloads: byte-identical copies of the package's files (descriptor, every CSV, every source
text) and a zip of the whole package, each listed with its size and SHA-256."""
from __future__ import annotations

import hashlib
import io
import zipfile

from . import urls
from .spec import DownloadSpec, PageSpec

# Fixed timestamp inside the zip so the same package always gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
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


def zip_name(data) -> str:
    return f"{data.descriptor.get('name', 'datapackage')}-{data.version or 'unversioned'}"


def make_zip(data, contents: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    top = zip_name(data)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in contents:
            info = zipfile.ZipInfo(f"{top}/{path}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def files(plan) -> list[DownloadSpec]:
    data = plan.data
    root = data.package.root
    contents = [(path, (root / path).read_bytes(), description) for path, description in package_files(data)]
    out = [DownloadSpec(urls.download(path), description, content) for path, content, description in contents]
    archive = make_zip(data, [(p, c) for p, c, _ in contents])
    out.insert(0, DownloadSpec(f"{urls.ZIP_DIR}/{zip_name(data)}.zip", "The whole package as one zip file.", archive))
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
    return [PageSpec(urls.DOWNLOADS, "Downloads", "downloads.html", lambda: page_context(plan), in_nav=True)]
