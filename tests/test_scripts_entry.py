"""Every script runs or explains itself (issue 12): run by a Python that lacks the project's packages,
each script in scripts/ exits 2 with one line naming the command that works, never a traceback and
never an internal error; and factkit.core.entry ends a run quietly on Ctrl-C or a crash."""
from __future__ import annotations

import subprocess
import sys

import pytest

from factkit.core import entry, paths

SCRIPTS = sorted((paths.ROOT / "scripts").glob("*.py"))


def bare(script, *args, cwd=paths.ROOT) -> subprocess.CompletedProcess:
    """The script under this interpreter without its site-packages (-S) and isolated from the
    environment (-I: no PYTHONPATH, no user site, not even the script's folder on sys.path)."""
    return subprocess.run([sys.executable, "-I", "-S", str(script), *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def test_every_script_is_covered():
    assert {p.name for p in SCRIPTS} >= {"validate.py", "site.py", "build_descriptor.py", "fill_offsets.py", "locate.py",
                                          "register_source.py", "release.py", "bench.py", "synth.py"}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_without_the_packages_a_script_names_the_command_that_works(script):
    result = bare(script.relative_to(paths.ROOT), "--help")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr and "internal-error" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: this Python") and "packages requirements.txt pins" in line
    assert line.endswith(f"run: .venv/bin/python scripts/{script.name} --help")


def test_from_another_folder_the_command_has_full_paths(tmp_path):
    result = bare(paths.ROOT / "scripts" / "validate.py", "x y", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.rstrip().endswith(f"run: {paths.ROOT / '.venv' / 'bin' / 'python'} {paths.ROOT / 'scripts' / 'validate.py'} 'x y'")


def test_without_a_venv_the_command_creates_it_first(monkeypatch, tmp_path):
    monkeypatch.setattr(entry, "VENV_PYTHON", paths.ROOT / ".no-venv" / "bin" / "python")
    monkeypatch.setattr(sys, "argv", ["scripts/validate.py"])
    monkeypatch.chdir(paths.ROOT)
    assert entry.working_command() == "make venv && .no-venv/bin/python scripts/validate.py"
    monkeypatch.chdir(tmp_path)
    assert entry.working_command().startswith(f"make -C {paths.ROOT} venv && ")


def test_this_interpreter_has_every_pinned_package():
    assert entry.pinned() and entry.missing() == []


@pytest.mark.parametrize("error, code, said", [(KeyboardInterrupt(), 130, ""), (ValueError("boom"), 1, "internal-error: ValueError: boom\n")])
def test_run_ends_without_a_traceback(capsys, error, code, said):
    def main():
        raise error

    with pytest.raises(SystemExit) as exit_:
        entry.run(main)
    assert exit_.value.code == code and capsys.readouterr().err == said
