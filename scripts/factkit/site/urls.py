"""Where every generated page and download lives in the site, decided in one place.

The site is built with `use_directory_urls: false` (the offline plugin requires it so that the
site works from `file://`), so a page `entities/hts.md` is served as `entities/hts.html`.
Templates never build paths themselves: they call `href(target)`, which makes a link relative to
the page being rendered, so the same HTML works over http, under any base path and from disk.
"""
from __future__ import annotations

HOME = "index.md"
ARTICLES = "articles/index.md"
ENTITIES = "entities/index.md"
TIMELINE = "timeline.md"
CLAIMS = "claims.md"
LANGUAGE = "language.md"
PLACES = "places.md"
DICTIONARY = "dictionary.md"
ERRORS = "errors.md"
DOWNLOADS = "downloads.md"
METHOD = "method.md"
RELEASES = "releases.md"
RELEASES_DIR = "releases"  # frozen release files, byte for byte as in the repository's releases/
PACKAGE_DIR = "datapackage"  # byte-identical copies of the package's files live under this folder
ZIP_DIR = "downloads"


def article(source_id: str) -> str:
    return f"articles/{source_id}.md"


def entity(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def paged(src_uri: str, number: int) -> str:
    """Page `number` (from 1) of a paginated page. Ids are slugs without "--", so no clash."""
    if number == 1:
        return src_uri
    return f"{src_uri[:-3]}--{number}.md"


def entity_page(entity_id: str, number: int) -> str:
    """Extra page `number` (from 2) of an entity: the long sections' rows, numbered across its
    sections (short, because every fact on them is a search-index entry: site/search.py)."""
    return f"entities/{entity_id}--{number}.md"


def sentence(sentence_id: str, source_id: str) -> str:
    return f"{article(source_id)}#{sentence_id}"


def download(path_in_package: str) -> str:
    return f"{PACKAGE_DIR}/{path_in_package}"


def release_file(version: str, name: str) -> str:
    return f"{RELEASES_DIR}/{version}/{name}"


def to_html(src_uri: str) -> str:
    """The URL path (from the site root) of a page or file named by its docs-relative path."""
    path, _, fragment = src_uri.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return path + (f"#{fragment}" if fragment else "")


def relative(from_src_uri: str, target: str) -> str:
    """A link from the page `from_src_uri` to `target` (docs-relative, optionally with #fragment).

    Called for every link of every page, so it avoids posixpath.relpath: paths here are always
    relative to the site root, so a link is "../" per folder of the page, then the target (or just
    the file name when both sit in the same folder)."""
    target = to_html(target)
    path, _, fragment = target.partition("#")
    here_dir, _, _ = to_html(from_src_uri).rpartition("/")
    there_dir, _, name = path.rpartition("/")
    if here_dir == there_dir:
        rel = name
    else:
        rel = "../" * (here_dir.count("/") + 1 if here_dir else 0) + path
    return rel + (f"#{fragment}" if fragment else "")


def absolute(site_url: str, target: str) -> str:
    return site_url.rstrip("/") + "/" + to_html(target)


def page_kind(html_path: str) -> str:
    """What kind of page a built page is, from its path (the benchmark lists the largest page of
    each kind): "home", "article", "entity", "entity, more rows", "<list>" for any page of a paged
    list, or the page's own name."""
    folder, _, name = html_path.removesuffix(".html").rpartition("/")
    base, paged, _ = name.partition("--")
    if folder in ("", None) and base == "index":
        return "home"
    if folder == "articles":
        return "articles" if base == "index" else "article"
    if folder == "entities":
        return "entities" if base == "index" else ("entity, more rows" if paged else "entity")
    return f"{folder}/{base}" if folder else base
