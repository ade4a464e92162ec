"""Releases: the version check, cutting, immutability and byte-for-byte rebuilds.

Every test works on a copy of the repository's datapackage/ and releases/ in a temporary git
repository; the real repository is never written to (the last tests only read it).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import release as cli
from factkit.core import paths
from factkit.release import snapshot as snap
from factkit.release.archive import zip_bytes
from factkit.release.build import build_release
from factkit.release.policy import Bump, next_versions
from factkit.release.store import Release, latest, list_releases

DATE = "2024-12-09"


# --- helpers -----------------------------------------------------------------------------------
def git(root: Path, *args: str) -> str:
    env_args = ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", "-C", str(root), *env_args, *args], check=True, capture_output=True, text=True).stdout


def run(root: Path, *args: str, capsys) -> tuple[int, str]:
    code = cli.main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def descriptor_path(root: Path) -> Path:
    return root / "datapackage" / "datapackage.json"


def edit_descriptor(root: Path, change) -> None:
    """Apply change(descriptor) and refresh bytes and hashes, as build_descriptor.py would."""
    import hashlib

    path = descriptor_path(root)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    for res in data["resources"]:
        raw = (path.parent / res["path"]).read_bytes()
        res["bytes"], res["hash"] = len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def set_version(root: Path, version: str) -> None:
    edit_descriptor(root, lambda d: d.__setitem__("version", version))


def read_csv(root: Path, name: str) -> tuple[list[str], list[dict]]:
    with (root / "datapackage" / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_csv(root: Path, name: str, header: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "datapackage" / "data" / f"{name}.csv").write_bytes(buffer.getvalue().encode("utf-8"))


def released_version(root: Path) -> str:
    return latest(root / "releases").version


def previous_of(releases: list[Release], version: str) -> Release | None:
    """The release just before `version` (what a rebuild of that release diffs against)."""
    earlier = [r for r in releases if r.key < Release(version, Path()).key]
    return earlier[-1] if earlier else None


# --- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def released_template(tmp_path_factory) -> Path:
    """A repository copy whose latest release is the working package: the real latest release when
    it is the working version (its package is unpacked as the working copy), otherwise the working
    package cut here, as 1.0.0 when nothing is released yet, else as its own (bumped, not yet
    released) version. The working package is what the current validator accepts: an older release
    need not be. Built and committed to a git repository once; each test gets its own copy, history
    included."""
    root = tmp_path_factory.mktemp("template") / "repo"
    root.mkdir()
    for name in ("CHANGELOG.md", "CITATION.cff", "LICENSE-DATA"):
        shutil.copy2(paths.ROOT / name, root / name)
    shutil.copytree(paths.ROOT / "releases", root / "releases")
    newest = latest(root / "releases")
    working = json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))["version"]
    if newest is None or newest.version != working:
        shutil.copytree(paths.PACKAGE, root / "datapackage")
        if newest is None:
            set_version(root, "1.0.0")
        assert cli.main(["--root", str(root), "cut", "--date", DATE]) == 0
    else:  # start from exactly the released bytes
        package = newest.snapshot()
        for name, data in package.files.items():
            if name != snap.LICENCE_NAME:
                target = root / "datapackage" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture
def repo(released_template, tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(released_template, root, symlinks=True)
    return root


@pytest.fixture
def empty_repo(tmp_path) -> Path:
    root = tmp_path / "empty"
    shutil.copytree(paths.PACKAGE, root / "datapackage")
    (root / "releases").mkdir()
    shutil.copy2(paths.ROOT / "LICENSE-DATA", root / "LICENSE-DATA")
    return root


# --- check -------------------------------------------------------------------------------------
def test_check_passes_when_nothing_is_released(empty_repo, capsys):
    code, out = run(empty_repo, "check", capsys=capsys)
    assert code == 0, out
    assert "nothing released yet" in out


def test_check_passes_for_an_unchanged_package_at_the_released_version(repo, capsys):
    code, out = run(repo, "check", capsys=capsys)
    assert code == 0, out
    assert "no change since" in out


def test_usage_error_exits_2(repo, capsys):
    assert run(repo, "no-such-command", capsys=capsys)[0] == 2
    assert run(repo, "cut", "--no-such-flag", capsys=capsys)[0] == 2


def _drop_field(root: Path, resource: str, field: str) -> None:
    header, rows = read_csv(root, resource)
    header.remove(field)
    write_csv(root, resource, header, [{k: v for k, v in r.items() if k != field} for r in rows])

    def change(d):
        res = next(r for r in d["resources"] if r["name"] == resource)
        res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != field]

    edit_descriptor(root, change)


def test_removing_a_field_without_a_major_bump_fails_naming_the_field(repo, capsys):
    base = released_version(repo)
    _drop_field(repo, "events", "date_note")
    set_version(repo, next_versions(base)[Bump.MINOR])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1, out
    assert "events.date_note" in out and "field removed" in out
    assert "MAJOR" in out
    set_version(repo, next_versions(base)[Bump.MAJOR])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 0, out


def test_adding_rows_with_only_a_patch_bump_fails(repo, capsys):
    base = released_version(repo)
    header, rows = read_csv(repo, "relations")
    extra = dict(rows[0], relation_id="rel-added-for-the-test")
    write_csv(repo, "relations", header, rows + [extra])
    set_version(repo, next_versions(base)[Bump.PATCH])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1, out
    assert "rel-added-for-the-test" in out and "MINOR" in out
    assert f"{next_versions(base)[Bump.PATCH]} is only a PATCH bump from {base}" in out
    set_version(repo, next_versions(base)[Bump.MINOR])
    assert run(repo, "check", capsys=capsys)[0] == 0


def test_correcting_a_value_in_place_is_a_patch(repo, capsys):
    base = released_version(repo)
    header, rows = read_csv(repo, "entities")
    rows[0]["description"] = rows[0]["description"] + " Corrected."
    write_csv(repo, "entities", header, rows)
    set_version(repo, base)  # sizes and hashes refreshed; the version is still the released one
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1, out  # changed data at the released version
    assert f"but the version is still {base}, the latest release's" in out
    set_version(repo, next_versions(base)[Bump.PATCH])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 0, out
    assert "corrected in place" in out and rows[0]["entity_id"] in out


def test_removing_an_id_needs_a_tombstone_and_a_minor_bump(repo, capsys):
    base = released_version(repo)
    header, rows = read_csv(repo, "relations")
    gone = rows[-1]["relation_id"]
    write_csv(repo, "relations", header, rows[:-1])
    anchors_header, anchors = read_csv(repo, "anchors")
    write_csv(repo, "anchors", anchors_header, [a for a in anchors if a["fact_id"] != gone])
    set_version(repo, next_versions(base)[Bump.MINOR])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1, out
    assert f"id {gone} was removed without a tombstone" in out

    t_header, kept = read_csv(repo, "tombstones")  # the tombstones already published stay
    tomb = {"fact_id": gone, "resource": "relations", "retired_in": "9.9.9", "reason": "Withdrawn for the test.", "superseded_by": ""}
    write_csv(repo, "tombstones", t_header, kept + [tomb])
    set_version(repo, next_versions(base)[Bump.MINOR])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1 and "retired_in must be" in out, out

    write_csv(repo, "tombstones", t_header, kept + [dict(tomb, retired_in=next_versions(base)[Bump.MINOR])])
    set_version(repo, next_versions(base)[Bump.MINOR])
    code, out = run(repo, "check", capsys=capsys)
    assert code == 0, out
    assert "retired with a tombstone" in out

    set_version(repo, next_versions(base)[Bump.PATCH])
    write_csv(repo, "tombstones", t_header, kept + [dict(tomb, retired_in=next_versions(base)[Bump.PATCH])])
    set_version(repo, next_versions(base)[Bump.PATCH])
    assert run(repo, "check", capsys=capsys)[0] == 1  # retiring an id is at least MINOR


def test_a_version_lower_than_the_release_or_not_reset_fails(repo, capsys):
    set_version(repo, "0.0.1")
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1 and "lower than the latest release" in out, out
    major = next_versions(released_version(repo))[Bump.MAJOR]
    set_version(repo, major.replace(".0.0", ".1.0"))
    code, out = run(repo, "check", capsys=capsys)
    assert code == 1 and "does not reset" in out, out


# --- cut ---------------------------------------------------------------------------------------
def test_cut_refuses_to_reuse_a_version(repo, capsys):
    before = sorted(p.name for p in (repo / "releases").iterdir())
    code, out = run(repo, "cut", "--date", DATE, capsys=capsys)
    assert code == 1 and "already released" in out, out
    assert sorted(p.name for p in (repo / "releases").iterdir()) == before


def test_cut_refuses_an_invalid_package(repo, capsys):
    version = next_versions(released_version(repo))[Bump.PATCH]
    header, rows = read_csv(repo, "anchors")
    rows[0]["quote"] = rows[0]["quote"] + " not in the text"
    write_csv(repo, "anchors", header, rows)
    set_version(repo, version)
    code, out = run(repo, "cut", "--date", DATE, capsys=capsys)
    assert code == 1 and "does not validate" in out, out
    assert not (repo / "releases" / version).exists()


def test_cut_writes_a_second_release_with_its_diff_changelog_and_citation(repo, capsys):
    base = released_version(repo)
    version = next_versions(base)[Bump.PATCH]
    header, rows = read_csv(repo, "entities")
    target = rows[1]["entity_id"]
    old_description = rows[1]["description"]
    rows[1]["description"] = "A corrected description for the test."
    write_csv(repo, "entities", header, rows)
    set_version(repo, version)
    code, out = run(repo, "cut", "--date", "2025-01-02", capsys=capsys)
    assert code == 0, out
    folder = repo / "releases" / version
    diff = json.loads((folder / "diff.json").read_text(encoding="utf-8"))
    assert diff["previous"] == base and diff["bump"] == {"declared": "PATCH", "required": "PATCH"}
    [entities] = [r for r in diff["resources"] if r["resource"] == "entities"]
    assert entities["changed"] == [{"key": {"entity_id": target}, "cells": {"description": [old_description, "A corrected description for the test."]}}]
    assert entities["added"] == [] and entities["removed"] == []
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == version and manifest["date"] == "2025-01-02" and manifest["previous"] == base
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index(f"## {version} — 2025-01-02") < changelog.index(f"## {base} ")
    assert "A corrected description for the test." in changelog
    cff = (repo / "CITATION.cff").read_text(encoding="utf-8")
    assert f"\nversion: {version}\n" in cff and '\ndate-released: "2025-01-02"\n' in cff
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "release")
    code, out = run(repo, "verify", capsys=capsys)
    assert code == 0, out


# --- verify ------------------------------------------------------------------------------------
def test_verify_passes_and_sha256sum_accepts_the_folder(repo, capsys):
    code, out = run(repo, "verify", capsys=capsys)
    assert code == 0, out
    folder = repo / "releases" / released_version(repo)
    if shutil.which("sha256sum"):
        result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _package_zip(repo: Path) -> Path:
    return latest(repo / "releases").package_zip()


def test_tampering_one_byte_of_an_archive_fails_verify(repo, capsys):
    archive = _package_zip(repo)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    code, out = run(repo, "verify", "--no-history", capsys=capsys)
    assert code == 1, out
    assert archive.name in out and "sha256" in out


def _rebuild(repo: Path, release) -> dict[str, bytes]:
    releases, _ = list_releases(repo / "releases")
    before = previous_of(releases, release.version)
    return build_release(release.snapshot(), release.manifest()["date"], before.snapshot() if before else None)


def test_a_consistent_rewrite_is_caught_by_git_history(repo, capsys):
    """Changing a CSV inside the archive and regenerating every file (manifest and sums included)
    passes every checksum and the rebuild, so only history can tell: the commit that modifies a
    released file must fail verify."""
    release = latest(repo / "releases")
    package = release.snapshot()
    path = package.resource("entities")["path"]
    assert b"Damascus" in package.files[path]
    package.files[path] = package.files[path].replace(b"Damascus", b"Damaskus", 1)
    releases, _ = list_releases(repo / "releases")
    before = previous_of(releases, release.version)
    files = build_release(package, release.manifest()["date"], before.snapshot() if before else None)
    for name, data in files.items():
        (release.path / name).write_bytes(data)
    code, out = run(repo, "verify", "--no-history", capsys=capsys)
    assert "sha256 does not match" not in out and "byte for byte" not in out, out
    code, out = run(repo, "verify", capsys=capsys)
    assert code == 1 and "uncommitted change to a released file" in out, out
    git(repo, "commit", "-q", "-am", "rewrite a release")
    code, out = run(repo, "verify", capsys=capsys)
    assert code == 1, out
    assert "modified in commit" in out and "published releases never change" in out


def test_an_extra_file_in_a_release_folder_fails_verify(repo, capsys):
    (latest(repo / "releases").path / "notes.txt").write_text("extra", encoding="utf-8")
    code, out = run(repo, "verify", "--no-history", capsys=capsys)
    assert code == 1 and "notes.txt" in out, out


def test_rebuilding_reproduces_every_file_byte_for_byte(repo):
    for release in list_releases(repo / "releases")[0]:
        on_disk = {p.name: p.read_bytes() for p in release.path.iterdir()}
        assert _rebuild(repo, release) == on_disk, release.version


# --- archives ----------------------------------------------------------------------------------
def test_zip_archives_are_deterministic_with_fixed_metadata():
    entries = {"b.csv": b"x\n1\n", "a/c.txt": "é".encode(), "datapackage.json": b"{}"}
    first = zip_bytes(entries, "2024-12-09", prefix="pkg-1.0.0")
    assert first == zip_bytes(dict(reversed(list(entries.items()))), "2024-12-09", prefix="pkg-1.0.0")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["pkg-1.0.0/a/c.txt", "pkg-1.0.0/b.csv", "pkg-1.0.0/datapackage.json"]
        assert {i.date_time for i in infos} == {(2024, 12, 9, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert archive.read("pkg-1.0.0/a/c.txt") == "é".encode()


def test_the_package_zip_holds_the_package_source_text_and_licence(repo):
    package = latest(repo / "releases").snapshot()
    assert "datapackage.json" in package.files and snap.LICENCE_NAME in package.files
    for res in package.resources():
        assert res["path"] in package.files
    assert any(name.startswith("sources/") and name.endswith(".txt") for name in package.files)


# --- the real repository (read only) -------------------------------------------------------------
def test_the_repository_releases_verify(capsys):
    """Every release in releases/: sums, manifest, rebuild, git history; CHANGELOG.md and CITATION.cff current."""
    code, out = run(paths.ROOT, "verify", capsys=capsys)
    assert code == 0, out


def test_the_repository_version_fits_its_changes(capsys):
    code, out = run(paths.ROOT, "check", capsys=capsys)
    assert code == 0, out


def test_cut_refuses_a_version_bumped_in_schemas_but_not_in_the_descriptor(repo):
    """The lead's path: bump schemas/package.yaml, then `make release` (which regenerates the
    descriptor first). Cutting without regenerating must not release the old version number."""
    shutil.copytree(paths.SCHEMAS, repo / "schemas")
    meta = (repo / "schemas" / "package.yaml").read_text(encoding="utf-8")
    bumped = next_versions(released_version(repo))[Bump.MAJOR]
    (repo / "schemas" / "package.yaml").write_text(
        "\n".join(f"version: {bumped}" if line.startswith("version:") else line for line in meta.splitlines()) + "\n", encoding="utf-8")
    result = subprocess.run([str(Path(__import__("sys").executable)), str(paths.ROOT / "scripts" / "release.py"), "--root", str(repo), "cut"],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "stale" in result.stderr and "build_descriptor" in result.stderr
    assert not (repo / "releases" / bumped).exists()
