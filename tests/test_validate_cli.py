"""The validator on the real package, its command line (exit codes, text and JSON reports), its
Python API, the stock frictionless CLI, and the pins the package's provenance rests on.

The command line runs in this process (fixtures/scripts.py) except where a test is about the status
the shell sees: the valid package (0), an invalid one (1) and the usage errors (2) run it as a child."""
from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys

import pytest

from factkit.checks.validate import validate
from factkit.core import paths
from factkit.curation import descriptor
from fixtures import scripts
from fixtures.packages import copy_package, set_cell

FROSTY = ("Traceback", "internal-error")


def run_validator(*args, child: bool = False) -> scripts.Result:
    return scripts.run("validate.py", *args, child=child)


def test_source_text_is_pinned():
    data = (paths.SOURCES / "000_2c5b78418aa1912f.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "b5cf2adaf9441e135a5f66585f46fbcfdc20f86bd6a2f19db8f51405f043f1fb"


def test_descriptor_is_fresh():
    assert descriptor.is_fresh(), "datapackage.json is stale: run python scripts/build_descriptor.py"


def test_real_package_is_valid_with_full_coverage():
    rc, out, err = run_validator(child=True)
    assert rc == 0, out + err
    assert "coverage: 14/14 sentences (100%)" in out
    assert not any(word in out + err for word in FROSTY)


def test_real_package_json_report():
    rc, out, _ = run_validator(paths.DESCRIPTOR, "--json")
    report = json.loads(out)
    assert rc == 0 and report["valid"] is True and report["errors"] == []
    assert report["coverage"]["covered"] == report["coverage"]["total"] == 14
    for name, count in report["counts"].items():
        with (paths.DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            assert count == sum(1 for _ in csv.DictReader(handle)), name


def test_stock_frictionless_cli_passes_on_the_real_package():
    exe = paths.ROOT / ".venv" / "bin" / "frictionless"
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "frictionless"]
    proc = subprocess.run(cli + ["validate", "datapackage/datapackage.json"], cwd=paths.ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_python_api():
    report = validate(paths.DESCRIPTOR)
    assert report.ok and report.errors == []
    assert report.coverage == {"covered": 14, "total": 14, "anchored": 14, "exempt": 0}
    assert set(report.counts) == {r["name"] for r in json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))["resources"]}
    assert report.counts["sentences"] == 14


def test_directory_argument_finds_its_descriptor():
    rc, out, _ = run_validator(paths.PACKAGE)
    assert rc == 0 and "coverage: 14/14" in out


@pytest.mark.parametrize("args", [["--no-such-flag"], ["/nonexistent/datapackage.json"], ["datapackage.json", "extra-arg"], ["--json", "--bogus"]])
def test_usage_errors_exit_2(args, tmp_path):
    rc, out, err = run_validator(*args, child=True)
    assert rc == 2, out + err
    assert "error:" in err and "usage:" in err
    assert "Traceback" not in out + err


def test_directory_without_descriptor_exits_2(tmp_path):
    rc, out, err = run_validator(tmp_path)
    assert rc == 2 and "no descriptor at" in err and "Traceback" not in out + err


def test_text_report_is_grouped_by_file_then_line(tmp_path):
    dp = copy_package(tmp_path)
    late = set_cell(dp, "entities", lambda r: r["entity_id"] == "russia", "entity_type", "empire")
    early = set_cell(dp, "entities", lambda r: r["entity_id"] == "damascus", "description", "+ a formula")
    ev = set_cell(dp, "events", lambda r: r["event_id"] == "ev-damascus-stormed", "date_precision", "month")
    rc, out, err = run_validator(dp)
    assert rc == 1 and "Traceback" not in out + err
    lines = out.splitlines()
    assert lines.index("data/entities.csv") < lines.index("data/events.csv")
    body = out[out.index("data/entities.csv"): out.index("data/events.csv")]
    assert body.index(f"line {early}, field description: [formula-injection]") < body.index(f"line {late}, field entity_type: [enum]")
    assert f"line {ev}, field date_precision: [date-precision]" in out
    assert "fix: " in out
    assert "invalid:" in lines[-2] and "3 error(s) in 2 file(s)" in lines[-2]
    assert lines[-1] == "coverage: 14/14 sentences (100%)"


def test_missing_resource_file_exits_1_with_json(tmp_path):
    dp = copy_package(tmp_path)
    (dp.parent / "data" / "claims.csv").unlink()
    rc, out, err = run_validator(dp, "--json")
    report = json.loads(out)
    assert rc == 1
    assert {k: report["errors"][0][k] for k in ("code", "file", "line")} == {"code": "missing-file", "file": "data/claims.csv", "line": None}
    assert report["counts"].get("claims") is None and report["valid"] is False


def test_missing_resource_is_named_by_checks_that_need_it(tmp_path):
    dp = copy_package(tmp_path)
    data = json.loads(dp.read_text(encoding="utf-8"))
    data["resources"] = [r for r in data["resources"] if r["name"] != "claim_hops"]
    dp.write_text(json.dumps(data), encoding="utf-8")
    report = validate(dp)
    assert any(e.code == "missing-resource" and "claim_hops" in e.message for e in report.errors)
    assert "internal-error" not in report.codes()


def test_descriptor_that_is_not_an_object(tmp_path):
    target = tmp_path / "datapackage.json"
    for text, code in (("[1, 2]", "descriptor-not-object"), ("{", "descriptor-json"), ("", "descriptor-json")):
        target.write_text(text, encoding="utf-8")
        rc, out, err = run_validator(target, "--json")
        assert rc == 1 and json.loads(out)["errors"][0]["code"] == code and "Traceback" not in err
    target.write_bytes(b'{"name": "\xff"}')
    rc, out, _ = run_validator(target, "--json", child=True)  # exit 1 as the shell sees it
    assert rc == 1 and json.loads(out)["errors"][0]["code"] == "descriptor-not-utf8"


def test_validation_never_touches_the_network(tmp_path, monkeypatch):
    """Remote paths and profiles are refused before anything (frictionless included) can fetch them."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the validator tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    dp = copy_package(tmp_path)
    data = json.loads(dp.read_text(encoding="utf-8"))
    data["profile"] = "https://example.com/data-package.json"
    data["resources"][1]["path"] = "https://example.com/sentences.csv"
    data["resources"][3]["schema"]["$schema"] = "http://example.com/schema.json"
    dp.write_text(json.dumps(data), encoding="utf-8")
    report = validate(dp)
    assert "internal-error" not in report.codes()
    remote = [e for e in report.errors if e.code == "remote-url"]
    assert len(remote) == 3, remote


def test_metadata_child_process_agrees_with_in_process(tmp_path):
    """The frictionless metadata check gives the same findings in the child process validate()
    uses on an idle machine as in-process."""
    from factkit.checks import metadata

    dp = copy_package(tmp_path)
    good = json.loads(dp.read_text(encoding="utf-8"))
    bad = json.loads(dp.read_text(encoding="utf-8"))
    bad["licenses"] = "CC-BY-4.0"
    remote = json.loads(dp.read_text(encoding="utf-8"))
    remote["profile"] = "https://example.com/profile.json"
    for candidate in (good, bad, remote):
        child = metadata.Pending(candidate, dp.parent)
        assert child.process is not None
        assert child.result() == metadata.problems(candidate, dp.parent)
    assert metadata.problems(good, dp.parent) == []
    assert [p[0] for p in metadata.problems(bad, dp.parent)] == ["descriptor-invalid"]
    assert [p[0] for p in metadata.problems(remote, dp.parent)] == ["remote-url"]


def test_errors_of_one_kind_are_capped_and_counted(tmp_path):
    from factkit.checks.report import MAX_PER_GROUP
    from fixtures.packages import read_table, write_table

    dp = copy_package(tmp_path)
    names, rows = read_table(dp, "entities")
    extra = MAX_PER_GROUP + 234
    rows += [{"entity_id": f"e-{i}", "name": f"E {i}", "entity_type": "planet", "description": "Made up."} for i in range(extra)]
    write_table(dp, "entities", names, rows)
    report = validate(dp)
    enum = [e for e in report.errors if e.code == "enum"]
    listed = [e for e in enum if e.line is not None]
    assert len(listed) == MAX_PER_GROUP
    assert listed[0].line == 36 and listed[-1].line == 35 + MAX_PER_GROUP  # the first ones, in file order
    summary = [e for e in enum if e.line is None]
    assert len(summary) == 1 and "234 more enum errors" in summary[0].message
