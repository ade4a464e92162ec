"""The package zip on the Downloads page has one writer, the release's: at a released version it is
the frozen release archive byte for byte; otherwise its name says unreleased, so no two different
files ever share a name. And building the site's release pages imports neither pyarrow nor daff.

Each case works on a repository copy whose working package is unpacked from the latest release's
own archive, so the cases hold whatever the real data's current version is."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from factkit.core import model, paths
from factkit.release import names
from factkit.release.layout import Layout
from factkit.release.package_archive import package_archive
from factkit.release.policy import Bump, next_versions
from factkit.release.snapshot import LICENCE_NAME
from factkit.release.store import latest
from factkit.site import downloads, urls
from factkit.site.plan import make_plan
from fixtures.packages import refresh

OPTIONS = {"place_types": ["facility", "city", "country"]}


@pytest.fixture
def repo(tmp_path) -> Path:
    """releases/ and LICENSE-DATA as in the repository; datapackage/ = the latest release's files."""
    root = tmp_path / "repo"
    shutil.copytree(paths.ROOT / "releases", root / "releases")
    shutil.copy2(paths.ROOT / LICENCE_NAME, root / LICENCE_NAME)
    release = latest(root / "releases")
    assert release is not None, "the repository has no release to test against"
    for name, data in release.snapshot().files.items():
        if name != LICENCE_NAME:
            target = root / "datapackage" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return root


def served_zips(root: Path) -> dict[str, bytes]:
    """The zips the site serves under downloads/, as the plan hands them to MkDocs."""
    plan = make_plan(model.load(root / "datapackage" / "datapackage.json"), site_url="https://example.org/",
                     repo_url="https://example.org/repo", site_name="t", options=OPTIONS)
    listed = {f["name"]: f for f in downloads.listing(plan)}
    zips = {d.src_uri: d.content for d in plan.downloads if d.src_uri.startswith(urls.ZIP_DIR + "/")}
    assert all(uri.split("/", 1)[1] in listed for uri in zips), "every zip is listed on the Downloads page"
    return zips


def release_file_names(root: Path) -> set[str]:
    return {p.name for p in (root / "releases").glob("*/*")}


def set_version(root: Path, version: str) -> None:
    path = root / "datapackage" / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = version
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def unpacked(content: bytes) -> tuple[set[str], dict[str, bytes]]:
    """(top folders, files without their top folder) of a zip."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = [info.filename.split("/", 1) for info in archive.infolist()]
        return {top for top, _ in parts}, {rest: archive.read(f"{top}/{rest}") for top, rest in parts}


def test_at_a_released_version_the_site_zip_is_the_release_archive(repo):
    release = latest(repo / "releases")
    zips = served_zips(repo)
    name = names.archive_name(release.manifest()["name"], release.version)
    assert list(zips) == [f"{urls.ZIP_DIR}/{name}"]
    assert zips[f"{urls.ZIP_DIR}/{name}"] == (release.path / name).read_bytes()


def test_an_unreleased_version_gets_an_unreleased_zip_of_the_working_files(repo):
    release = latest(repo / "releases")
    version = next_versions(release.version)[Bump.MINOR]
    set_version(repo, version)
    [(uri, content)] = served_zips(repo).items()
    name = uri.split("/", 1)[1]
    assert name == f"{release.manifest()['name']}-{version}-unreleased.zip"
    assert name not in release_file_names(repo)
    tops, files = unpacked(content)
    assert tops == {name.removesuffix(".zip")}
    assert files == Layout(repo).working().files  # every package file and the licence, byte for byte
    assert served_zips(repo)[uri] == content  # the same package always gives the same bytes


def test_changed_data_at_a_released_version_is_not_served_under_the_release_name(repo):
    """A package edited without a version bump (release.py check refuses it) differs from the frozen
    archive: the site must not serve it under the release's name."""
    release = latest(repo / "releases")
    csv = repo / "datapackage" / "data" / "entities.csv"
    csv.write_bytes(csv.read_bytes().replace(b"Damascus", b"Damaskus", 1))
    refresh(repo / "datapackage" / "datapackage.json")
    plan_zips = served_zips(repo)
    [name] = [uri.split("/", 1)[1] for uri in plan_zips]
    assert name == f"{release.manifest()['name']}-{release.version}-unreleased.zip"
    assert name not in release_file_names(repo)
    _, files = unpacked(plan_zips[f"{urls.ZIP_DIR}/{name}"])
    assert b"Damaskus" in files["data/entities.csv"]


def test_the_downloads_page_says_what_the_zip_is(repo):
    archive = package_archive(Layout(repo))
    assert archive.released and f"the archive of release {archive.version}, byte for byte" in downloads.archive_description(archive)
    version = next_versions(archive.version)[Bump.PATCH]
    set_version(repo, version)
    later = package_archive(Layout(repo))
    assert not later.released and f"version {version} is not released yet" in downloads.archive_description(later)


def test_building_the_release_pages_imports_neither_pyarrow_nor_daff():
    """Every site build reads the releases' manifests and diffs: the exports (pyarrow) and the
    diff engine (daff) are for cutting releases, not for reading them."""
    code = (
        "import sys\n"
        "from factkit.core import model, paths\n"
        "from factkit.site import mkdocs_hook, urls\n"
        "from factkit.site.plan import make_plan\n"
        f"plan = make_plan(model.load(paths.DESCRIPTOR), site_url='https://e.org/', repo_url='https://e.org/r', site_name='t', options={OPTIONS!r})\n"
        "for spec in plan.pages:\n"
        "    if spec.src_uri in (urls.RELEASES, urls.DOWNLOADS, urls.HOME):\n"
        "        spec.context()\n"
        "print(sorted(m for m in ('pyarrow', 'daff') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT / "scripts", timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
