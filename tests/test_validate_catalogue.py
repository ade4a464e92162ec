"""The error catalogue (scripts/factkit/checks/catalogue.py): every code the validator can emit is
declared once, and every declared code is emitted by a one-fault package.

"Emitted by a fixture" rests on two tests together: each fault case in test_validate_faults*.py
asserts that the validator reports the case's code on the case's file and line, and the test here
asserts that the cases' codes cover every active code of the catalogue (the text checks of
test_validate_text_checks.py use the same convention). "Every emitted code is
declared" is enforced by the report itself (Report.add refuses any other code) and asserted by the
same fault runs (tests/fixtures/faults.py)."""
from __future__ import annotations

import re

import pytest

import test_validate_faults
import test_validate_faults_files
import test_validate_text_checks
from factkit.checks import catalogue
from factkit.checks.catalogue import Code, UndeclaredCode
from factkit.checks.report import Report
from factkit.checks.validate import validate
from factkit.core import paths
from fixtures import scripts
from fixtures.faults import apply, cases
from fixtures.packages import copy_package
from fixtures.parity import FRICTIONLESS_EQUIVALENTS

CASES = test_validate_faults.CASES + test_validate_faults_files.CASES + cases(vars(test_validate_text_checks))
ACTIVE = {c.code for c in catalogue.CODES.values() if c.active}


def test_every_active_code_has_a_fault_case(tmp_path, monkeypatch):
    expected = {}
    for i, make in enumerate(CASES):
        with monkeypatch.context() as patch:
            code, _file, _line = apply(make, copy_package(tmp_path / str(i)), patch)
        expected.setdefault(code, []).append(make.__name__)
    assert set(expected) <= ACTIVE, f"cases expect codes the catalogue does not declare as active: {set(expected) - ACTIVE}"
    assert set(expected) >= ACTIVE, f"declared codes that no fault case produces: {sorted(ACTIVE - set(expected))}"


def test_every_entry_is_complete_and_every_group_used():
    groups = {g.key for g in catalogue.GROUPS}
    for code, entry in catalogue.CODES.items():
        assert code == entry.code and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert entry.group in groups, code
        assert entry.title and entry.meaning and entry.fix, code
        assert not re.search(r"[\t\n]", entry.title), code  # `--codes` prints code<TAB>title, one per line
    assert {c.group for c in catalogue.CODES.values()} == groups


def test_the_report_refuses_an_undeclared_or_retired_code(monkeypatch):
    report = Report("datapackage.json")
    with pytest.raises(UndeclaredCode, match="no-such-code"):
        report.add("no-such-code", "data/x.csv", "message", "hint")
    old = Code("old-code", "cells", "An old fault", "What it meant.", "How it was fixed.", retired="since 2.0.0; reported as enum")
    monkeypatch.setitem(catalogue.CODES, "old-code", old)
    with pytest.raises(UndeclaredCode, match="retired"):
        report.add("old-code", "data/x.csv", "message", "hint")
    with pytest.raises(UndeclaredCode):
        report.add_uncounted("data/x.csv", "old-code", None, 3)
    assert report.errors == []
    # A retired code stays listed, its title marked, and the line still splits into code and title.
    line = next(x for x in catalogue.listing().splitlines() if x.startswith("old-code\t"))
    assert line == "old-code\t[retired] An old fault"


def test_a_check_emitting_an_undeclared_code_is_an_internal_error(monkeypatch):
    from factkit.checks import keys

    monkeypatch.setattr(keys, "check", lambda ctx: ctx.add("made-up-code", ctx.descriptor_name, "message", "hint"))
    report = validate(paths.DESCRIPTOR)
    [error] = [e for e in report.errors if e.code == "internal-error"]
    assert "keys check crashed" in error.message and "made-up-code" in error.message


def test_codes_option_lists_the_catalogue():
    rc, out, err = scripts.run("validate.py", "--codes", child=True)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [c.code for _g, codes in catalogue.by_group() for c in codes]
    assert len(lines) == len(catalogue.CODES) >= 70
    for line in lines:
        code, title = line.split("\t")
        assert title.removeprefix(catalogue.RETIRED_MARK) == catalogue.CODES[code].title


@pytest.mark.parametrize("args", [["--codes", "datapackage/datapackage.json"], ["--codes", "--json"]])
def test_codes_option_takes_nothing_else(args):
    rc, _out, err = scripts.run("validate.py", *args)
    assert rc == 2 and "--codes takes no descriptor" in err


def test_parity_table_names_declared_codes():
    named = set().union(*FRICTIONLESS_EQUIVALENTS.values())
    assert named <= ACTIVE, named - ACTIVE


def test_site_page_lists_every_code_under_its_own_anchor(real_site):
    """The generated "Validation errors" page (site/errors.py), linked from the nav under Data."""
    from test_site_build import main_nav

    html = (real_site / "errors.html").read_text(encoding="utf-8")
    assert re.findall(r'<dt id="([^"]+)"', html) == [c.code for _g, codes in catalogue.by_group() for c in codes]
    entry = catalogue.CODES["hash-mismatch"]
    section = html[html.index('<dt id="hash-mismatch"'):]
    section = section[:section.index("</dd>")]
    assert entry.title in section and "the descriptor records: it changed after" in section
    assert "<code>python scripts/build_descriptor.py</code>" in section  # `backticks` become code
    assert 'href="errors.html"' in main_nav((real_site / "dictionary.html").read_text(encoding="utf-8"))
