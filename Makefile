# damascus-facts: set-up, validation, site, tests, benchmark and releases.
# GNU make. Every recipe runs the project's own .venv/bin/python, so nothing depends on an
# activated environment. A failing step fails the target.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# Any Python 3.11+ creates the venv; override with `make PYTHON=python3.11 ...`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The stamp records that .venv holds exactly requirements.txt: it is older than requirements.txt
# only when the pins changed, and only then does pip run again.
STAMP := $(VENV)/.requirements-installed
# A .pth file in the venv puts this checkout's scripts/ on its path, so a tool that imports the
# factkit package by name (lint-imports, reading pyproject.toml) finds it without PYTHONPATH.
PATH_FILE_STAMP := $(VENV)/.factkit-path
SETUP := $(STAMP) $(PATH_FILE_STAMP)

# MkDocs 1.6 prints a notice about MkDocs 2 on every run; these silence it wherever mkdocs runs.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help venv site serve test test-fast lint validate descriptor bench lighthouse checker release

help:
	@echo "make site        set up .venv, validate the package, build the site into site/"
	@echo "make test        set up .venv, lint, check datapackage.json and the release rules, run every test"
	@echo "make test-fast   the tests that need no browser, no full site build and are not slow (about half a minute on two idle cores)"
	@echo "make lint        ruff check and lint-imports (the layers of scripts/factkit)"
	@echo "make venv        create .venv from requirements.txt (every target does it when needed)"
	@echo "make serve       preview the site on http://127.0.0.1:8000/damascus-facts/, rebuilding on change"
	@echo "make validate    validate datapackage/datapackage.json"
	@echo "make descriptor  fill empty offsets, regenerate datapackage/datapackage.json (bytes, hashes) after an edit"
	@echo "make bench       run the benchmark (validator and site build at scale)"
	@echo "make checker     install the Nu HTML checker the tests run (npm ci in tests/tools; needs npm and Java)"
	@echo "make lighthouse  measure the site with Lighthouse beside a bare Material site (docs/benchmarks.json)"
	@echo "make release     cut a release of the current version into releases/"

# pip shows its own progress on a terminal; in a log (CI, a pipe) it stays quiet.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11 or newer is needed to create .venv (found " + sys.version.split()[0] + "); run make PYTHON=python3.11 ...")'
	@if [ ! -x $(PY) ]; then echo "creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); fi
	@echo "installing the packages pinned in requirements.txt into $(VENV) ..."
	@if [ -t 1 ]; then $(PY) -m pip install --disable-pip-version-check -r requirements.txt; \
	else $(PY) -m pip install --disable-pip-version-check --quiet -r requirements.txt; fi
	@touch $@
	@echo "installed: $(VENV) holds exactly requirements.txt"

$(PATH_FILE_STAMP): $(STAMP)
	@$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "damascus-facts.pth").write_text(str(pathlib.Path("scripts").resolve()) + "\n")'
	@touch $@

venv: $(SETUP)

validate: $(SETUP)
	$(PY) scripts/validate.py

# site.py validates first (and prints the report), then builds elsewhere and swaps into site/.
site: $(SETUP)
	$(PY) scripts/site.py

serve: $(SETUP)
	$(VENV)/bin/mkdocs serve

# Empty offsets in mentions.csv and anchors.csv are filled from their words first; a row it cannot
# fill (words absent or ambiguous) stops here with the candidates, before the descriptor is written.
descriptor: $(SETUP)
	$(PY) scripts/fill_offsets.py
	$(PY) scripts/build_descriptor.py

# ruff and import-linter run from the repository root; the layers lint-imports enforces are in
# pyproject.toml, and it finds the factkit package through the venv's .pth file.
lint: $(SETUP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

# Everything that needs neither Chromium nor a full site build, and not the `slow` repeats of a
# check made on a representative case (markers in pyproject.toml), on both cores, with 4 fuzz
# examples per property instead of make test's 30.
test-fast: $(SETUP)
	FACTKIT_FUZZ_EXAMPLES=4 $(PY) -m pytest -m "not browser and not site and not slow" -n 2 -q

# The release checks run on the real repository: the declared version must cover the changes
# since the latest release, and every published release must still verify byte for byte.
test: lint
	$(PY) scripts/build_descriptor.py --check
	$(PY) scripts/release.py check
	$(PY) scripts/release.py verify
	$(PY) -m pytest

bench: $(SETUP)
	$(PY) scripts/bench.py

# Tools from Node's registry, pinned in tests/tools/package-lock.json, installed into the git-ignored
# tests/tools/node_modules. --ignore-scripts: vnu-jar's install script would download a Java runtime
# (there is none to download offline; Java comes from the system: default-jre-headless).
NODE_TOOLS := tests/tools
VNU_JAR := $(NODE_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
LIGHTHOUSE := $(NODE_TOOLS)/node_modules/.bin/lighthouse

# The Nu HTML checker alone (--omit=dev leaves Lighthouse out): what `make test` needs.
checker: $(VNU_JAR)
$(VNU_JAR): $(NODE_TOOLS)/package-lock.json
	cd $(NODE_TOOLS) && npm ci --ignore-scripts --omit=dev --no-audit --no-fund
	@touch $@

$(LIGHTHOUSE): $(NODE_TOOLS)/package-lock.json
	cd $(NODE_TOOLS) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# A measurement, not a test: five rounds of a bare Material site and our home, entity and article
# pages, medians into docs/benchmarks.json (its lighthouse section) and the README's Lighthouse table.
lighthouse: $(SETUP) $(LIGHTHOUSE)
	$(PY) scripts/lighthouse.py --runs 5

# Regenerate the descriptor first, so a version just bumped in schemas/package.yaml is the one cut;
# `cut` validates, refuses a reused or too-small version, and writes releases/<version>/.
release: $(SETUP)
	$(PY) scripts/build_descriptor.py
	$(PY) scripts/release.py cut
	$(PY) scripts/release.py verify
