"""A descriptor older than its files (issue 12): one descriptor-stale error per package, naming
every changed file and the command that refreshes it, while the files' content is still checked;
build_descriptor.py refreshes a package wherever it is (run in this process, fixtures/scripts.py,
but for its first `--check`, run as a child for the exit status); tampering is still caught."""
from __future__ import annotations

import json
import shutil

from factkit.checks.metadata import BUILD, build_command
from factkit.checks.validate import validate
from factkit.core import paths
from fixtures import scripts
from fixtures.packages import copy_package, edit_text, load_descriptor, read_table, write_table


def build(*args, child: bool = False) -> scripts.Result:
    return scripts.run("build_descriptor.py", *args, child=child)


def edit_two_files(dp):
    """A harmless edit of relations.csv that keeps its size, and an invalid entity type, neither
    recorded in the descriptor."""
    edit_text(dp, "relations", lambda t: t.replace(",leader_of,", ",leased_to,", 1), fresh=False)
    names, rows = read_table(dp, "entities")
    rows[3]["entity_type"] = "empire"
    write_table(dp, "entities", names, rows, fresh=False)


def test_one_stale_error_names_every_changed_file_and_the_content_is_still_checked(tmp_path):
    dp = copy_package(tmp_path)
    edit_two_files(dp)
    report = validate(dp)
    stale = [e for e in report.errors if e.code == "descriptor-stale"]
    assert len(stale) == 1, report.to_text()
    [error] = stale
    assert error.file == "datapackage.json" and error.line is None
    assert "2 file(s)" in error.message and "data/entities.csv (size, sha256)" in error.message
    assert "data/relations.csv (sha256)" in error.message
    assert f"`{BUILD} {dp}`" in error.hint  # a package outside the repository: its path is in the command
    assert [(e.code, e.file) for e in report.errors if e.code != "descriptor-stale"] == [("enum", "data/entities.csv")]


def test_the_repository_package_is_refreshed_without_a_path():
    assert build_command(paths.DESCRIPTOR) == BUILD
    assert build_command(paths.ROOT / "elsewhere" / "datapackage.json") == f"{BUILD} {paths.ROOT / 'elsewhere' / 'datapackage.json'}"


def test_build_descriptor_refreshes_a_standalone_package(tmp_path):
    dp = copy_package(tmp_path)
    edit_text(dp, "relations", lambda t: t.replace("leader_of", "part_of", 1), fresh=False)
    before = load_descriptor(dp)
    check = build(dp, "--check", child=True)
    assert check.returncode == 1 and f"run `{BUILD} {dp}`" in check.stderr
    result = build(dp.parent)  # the folder works as well as the file
    assert result.returncode == 0 and "sizes and hashes refreshed" in result.stdout, result.stderr
    after = load_descriptor(dp)
    changed = [a["name"] for a, b in zip(after["resources"], before["resources"]) if a != b]
    assert changed == ["relations"]
    assert [r["schema"] for r in after["resources"]] == [r["schema"] for r in before["resources"]]
    assert validate(dp).ok
    assert build(dp, "--check").returncode == 0
    assert "already up to date" in build(dp).stdout


def test_build_descriptor_regenerates_a_copy_of_the_repository_from_its_schemas(tmp_path):
    dp = copy_package(tmp_path)
    shutil.copytree(paths.SCHEMAS, tmp_path / "schemas")
    schema = tmp_path / "schemas" / "relations.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("title: Relation id", "title: Relation identifier", 1), encoding="utf-8")
    result = build(dp)
    assert result.returncode == 0 and f"generated from {tmp_path / 'schemas'}" in result.stdout, result.stderr
    relations = next(r for r in load_descriptor(dp)["resources"] if r["name"] == "relations")
    assert relations["schema"]["fields"][0]["title"] == "Relation identifier"


def test_build_descriptor_refuses_a_broken_descriptor_in_one_line(tmp_path):
    dp = copy_package(tmp_path)
    dp.write_text("{", encoding="utf-8")
    result = build(dp)
    assert result.returncode == 1 and "not readable JSON" in result.stderr and "Traceback" not in result.stderr


def test_tampering_is_still_caught_by_stock_frictionless(tmp_path):
    import frictionless

    dp = copy_package(tmp_path)
    edit_text(dp, "relations", lambda t: t.replace("leader_of", "part_of", 1), fresh=False)
    report = frictionless.validate(str(dp))
    assert {e.type for task in report.tasks for e in task.errors} >= {"hash-count"}
    assert json.loads(json.dumps(validate(dp).to_dict()))["valid"] is False
