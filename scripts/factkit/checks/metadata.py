"""The descriptor's metadata, checked by stock frictionless (profile, licences, schema syntax).

frictionless takes about 0.6 s to import and warm up, mostly Python work that holds the GIL, so
validate() runs this module in a child process, in parallel with the row checks: `start()` hands
the descriptor over, `Pending.result()` collects the findings. The module imports neither polars
nor frictionless at load time, so the child starts fast. Nothing here reads the package's files;
a descriptor that points at a URL is refused before frictionless can fetch it.
"""
from __future__ import annotations

import copy
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from ..core import paths

BUILD = "python scripts/build_descriptor.py"
FILL = "python scripts/fill_offsets.py"
SCRIPTS = Path(__file__).resolve().parents[2]
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^(?:file|data|javascript):", re.IGNORECASE)


def build_command(descriptor_path: Path) -> str:
    """The command that refreshes a descriptor: BUILD alone for the repository's own package, BUILD
    and the path (as given) for any other."""
    path = Path(descriptor_path)
    return BUILD if path.resolve() == paths.DESCRIPTOR.resolve() else f"{BUILD} {shlex.quote(str(path))}"


def is_remote(value: str) -> bool:
    return bool(_URL.match(value))


def read_descriptor(path: Path) -> tuple[dict | None, tuple | None]:
    """The descriptor as a JSON object, or (None, (code, message, hint, line)) saying why not."""
    hint = f"regenerate it with `{BUILD}` instead of editing it by hand"
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, ("descriptor-unreadable", f"cannot read the descriptor: {exc.strerror}", "check the file's permissions", None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, ("descriptor-not-utf8", f"the descriptor is not UTF-8 (byte {exc.start})", hint, data[: exc.start].count(b"\n") + 1)
    try:
        descriptor = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return None, ("descriptor-json", f"the descriptor is not valid JSON: {getattr(exc, 'msg', 'nested too deeply')}", hint,
                      getattr(exc, "lineno", None))
    if not isinstance(descriptor, dict):
        return None, ("descriptor-not-object", f"the descriptor is a JSON {type(descriptor).__name__}, not an object", hint, None)
    return descriptor, None


def remote_references(descriptor: dict) -> list[str]:
    """Descriptor properties that would make frictionless fetch something over the network."""
    found = []
    for key in ("profile", "$schema"):
        if isinstance(descriptor.get(key), str) and is_remote(descriptor[key]):
            found.append(f"{key} {descriptor[key]!r}")
    resources = descriptor.get("resources")
    for res in resources if isinstance(resources, list) else []:
        if not isinstance(res, dict):
            continue
        for key in ("profile", "$schema", "schema", "dialect", "path", "data"):
            value = res.get(key)
            values = value if isinstance(value, list) else [value]
            for v in values:
                if isinstance(v, str) and is_remote(v):
                    found.append(f"resource {res.get('name')!r} {key} {v!r}")
        # A schema or dialect object may itself point at a remote profile.
        for key in ("schema", "dialect"):
            inner = res.get(key)
            if isinstance(inner, dict):
                for sub in ("profile", "$schema"):
                    if isinstance(inner.get(sub), str) and is_remote(inner[sub]):
                        found.append(f"resource {res.get('name')!r} {key} {sub} {inner[sub]!r}")
    return found


def problems(descriptor: dict, root) -> list[list[str]]:
    """[code, message, hint] for each problem with the descriptor's metadata."""
    remote = remote_references(descriptor)
    if remote:
        return [["remote-url", f"{ref} is a remote URL; validation never touches the network",
                 "keep every schema, dialect and data file inline or inside the package"] for ref in remote]
    try:
        from frictionless import Package  # heavy; imported only here

        report = Package.validate_descriptor(copy.deepcopy(descriptor), basepath=str(root))
        errors = list(getattr(report, "errors", []) or [])
        for task in getattr(report, "tasks", []) or []:
            errors.extend(getattr(task, "errors", []) or [])
        found = [(e.type, getattr(e, "note", "") or getattr(e, "message", "")) for e in errors]
    except Exception as exc:  # noqa: BLE001 - frictionless raises for some malformed descriptors instead of reporting
        error = getattr(exc, "error", None)
        found = [(getattr(error, "type", "descriptor-error"), str(getattr(error, "note", "") or exc))]
    return [["descriptor-invalid", f"frictionless: [{kind}] {note}",
             f"fix schemas/ or schemas/package.yaml and regenerate the descriptor with `{BUILD}`"] for kind, note in found]


class Pending:
    """Findings being computed in a child process (or, if it cannot start, computed on demand)."""

    def __init__(self, descriptor: dict, root: Path):
        self.descriptor, self.root = descriptor, root
        self.process = None
        try:
            payload = json.dumps({"descriptor": descriptor, "root": str(root)}).encode("utf-8")
            self.process = subprocess.Popen(
                [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(SCRIPTS)!r}); "
                                       "from factkit.checks.metadata import main; main()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            self.process.stdin.write(payload)  # the child reads all of stdin before importing anything
            self.process.stdin.close()
        except (OSError, ValueError, TypeError):
            self._stop()

    def _stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def result(self) -> list[list[str]]:
        if self.process is not None:
            try:
                out = self.process.stdout.read()
                self.process.stdout.close()
                if self.process.wait(timeout=300) == 0:
                    found = json.loads(out.decode("utf-8"))
                    if isinstance(found, list) and all(isinstance(p, list) and len(p) == 3 for p in found):
                        return found
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
            self._stop()
        return problems(self.descriptor, self.root)  # the child failed: do the work here instead


class InProcess:
    """Findings computed on demand in this process."""

    def __init__(self, descriptor: dict, root: Path):
        self.descriptor, self.root = descriptor, root

    def result(self) -> list[list[str]]:
        return problems(self.descriptor, self.root)


def _spare_core() -> bool:
    """A child process only pays off when a core is idle: on a busy machine it competes with the
    row checks for the same core and adds an interpreter start (measured: 1.45 s against 1.25 s
    in-process with one of two cores taken; about 0.8 s against 1.1 s on an idle machine)."""
    try:
        import os

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        return cores >= 2 and os.getloadavg()[0] <= cores - 1
    except (OSError, AttributeError):
        return False


def start(descriptor: dict, root: Path):
    return Pending(descriptor, root) if _spare_core() else InProcess(descriptor, root)


def main() -> None:
    data = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.write(json.dumps(problems(data["descriptor"], data["root"])))


if __name__ == "__main__":
    main()
