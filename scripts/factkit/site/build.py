"""Validate the package, build the site elsewhere, and only then swap it into place.

A failed validation or build leaves the previous site untouched: MkDocs builds into a fresh
temporary folder beside the target, which replaces the target (two renames) only on success.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ..core import paths

CONFIG = paths.ROOT / "mkdocs.yml"


@dataclass(frozen=True)
class BuildOptions:
    """What one build is asked for beyond mkdocs.yml: which package, and whether to draw the
    figures (the figures' benchmark builds without them). `build_site` hands them to the MkDocs
    hook inside MkDocs' own config, under `extra.factkit` beside mkdocs.yml's options for the
    pages; `mkdocs serve`, which reads mkdocs.yml alone, gets the defaults."""

    KEY: ClassVar[str] = "factkit"
    descriptor: Path = paths.DESCRIPTOR
    figures: bool = True

    def put(self, config) -> None:
        config.extra[self.KEY] = {**(config.extra.get(self.KEY) or {}), "descriptor": str(self.descriptor), "figures": self.figures}

    @classmethod
    def of(cls, config) -> BuildOptions:
        given = config.extra.get(cls.KEY) or {}
        return cls(Path(given.get("descriptor") or cls.descriptor), bool(given.get("figures", cls.figures)))


class SiteError(Exception):
    """A failure to report to the user as a message (never a traceback)."""


@dataclass
class BuildResult:
    out: Path
    seconds: float
    pages: int
    largest_page: tuple[str, int]
    total_html_bytes: int
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def validate_package(descriptor: Path) -> None:
    from ..checks.validate import validate  # here, not at the top: the MkDocs hook imports this module too

    report = validate(descriptor)
    if not report.ok:
        raise SiteError(f"the package at {descriptor} is not valid, so the site was not built:\n{report.to_text()}")


# MkDocs 1.6 prints a notice about MkDocs 2 on every run; these silence it (the Makefile exports
# them too, for `make serve`).
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def mkdocs_env() -> dict[str, str]:
    """This process's environment with MkDocs' notice silenced: for a child that runs MkDocs."""
    return {**os.environ, **QUIET_MKDOCS}


def mkdocs_build(site_dir: Path, options: BuildOptions, config_file: Path = CONFIG) -> list[str]:
    """Run `mkdocs build --strict` in-process into site_dir; return the warnings it logged."""
    for name, value in QUIET_MKDOCS.items():
        os.environ.setdefault(name, value)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        options.put(config)
        build(config)
    except (MkDocsException, SystemExit) as exc:
        details = "\n".join(collect.messages) or str(exc)
        raise SiteError(f"mkdocs build --strict failed:\n{details}") from None
    finally:
        logger.removeHandler(collect)
    return collect.messages


def measure(site_dir: Path) -> tuple[int, tuple[str, int], int]:
    pages = [p for p in site_dir.rglob("*.html")]
    sizes = [(str(p.relative_to(site_dir)), p.stat().st_size) for p in pages]
    largest = max(sizes, key=lambda s: s[1]) if sizes else ("", 0)
    return len(pages), largest, sum(s for _, s in sizes)


def build_site(descriptor: Path = paths.DESCRIPTOR, out: Path = paths.ROOT / "site", config_file: Path = CONFIG,
               figures: bool = True) -> BuildResult:
    """Validate the package at `descriptor`, build its site into `out`; `figures=False` builds the
    pages without their figures (for the figures' benchmark, tools/figures_bench.py)."""
    started = time.perf_counter()
    descriptor = Path(descriptor)
    if descriptor.is_dir():
        descriptor = descriptor / "datapackage.json"
    if not descriptor.is_file():
        raise SiteError(f"no data package descriptor at {descriptor}")
    out = Path(out).resolve()
    validate_package(descriptor)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
    try:
        warnings = mkdocs_build(staging, BuildOptions(descriptor.resolve(), figures), config_file)
        pages, largest, total = measure(staging)
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=".site-build-old-", dir=out.parent))
            os.replace(out, old / "site")
        os.replace(staging, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(out, time.perf_counter() - started, pages, largest, total, warnings)
