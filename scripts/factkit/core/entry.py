"""What every script in scripts/ does first and last, in one place.

First, `require_packages()`: run by an interpreter that lacks the packages requirements.txt pins
(the system python3, or python -S), a script would die on its first import with a traceback, or,
for the validator, with an "internal-error" that reads as an invalid package. Instead it exits 2
with one line naming the command that works. Last, `run(main)`: an interrupt or a closed pipe
ends the script quietly, and a crash is one line, never a traceback.

Standard library only, and written for any Python 3, because it runs before anything else is known
to import. Installed distributions are found by their metadata folders' names (PEP 503 names), not
through importlib.metadata, whose import alone costs more than the whole check.
"""
import os
import re
import shlex
import sys

from . import paths

REQUIREMENTS = paths.ROOT / "requirements.txt"
VENV_PYTHON = paths.ROOT / ".venv" / "bin" / "python"
USAGE = 2
SHOWN = 3  # missing packages named in the message; the rest are counted


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned():
    """The distribution names requirements.txt pins, as written (empty when it is absent)."""
    try:
        lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [line.split("==")[0].strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def installed():
    """Canonical names of the distributions this interpreter can import (its sys.path)."""
    found = set()
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith((".dist-info", ".egg-info")):
                found.add(_canonical(entry.rsplit(".", 1)[0].split("-")[0]))
    return found


def missing():
    have = installed()
    return [name for name in pinned() if _canonical(name) not in have]


def shown(path):
    """A path as the user can type it from the current folder."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def working_command():
    """The command line that runs this same script with the project's environment."""
    command = shlex.join([shown(VENV_PYTHON)] + sys.argv)
    if os.path.exists(VENV_PYTHON):
        return command
    make = "make" if shown(paths.ROOT) == "." else "make -C " + shlex.quote(shown(paths.ROOT))
    return make + " venv && " + command


def require_packages():
    """Exit 2 with one line when this interpreter lacks packages that requirements.txt pins."""
    absent = missing()
    if not absent:
        return
    named = ", ".join(absent[:SHOWN]) + (", ..." if len(absent) > SHOWN else "")
    print(f"error: this Python ({sys.executable}, {sys.version.split()[0]}) lacks {len(absent)} of the {len(pinned())} "
          f"packages requirements.txt pins ({named}); run: {working_command()}", file=sys.stderr)
    sys.exit(USAGE)


def run(main):
    """Call main() and exit with its status: 130 on Ctrl-C, quietly when the reader of stdout went
    away (`| head`), and one line for a crash, which is a bug in the script."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes at exit
        code = 1
    except Exception as exc:  # noqa: BLE001 - never a traceback; tests assert that this is unreachable
        print(f"internal-error: {type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    sys.exit(code)
