"""Versioned releases: the bump policy, row-level diffs, deterministic archives, exports, manifests
and the changelog. commands.py holds the release commands; `scripts/release.py` is their command line.

Everything here works on `Snapshot`s (a package's exact bytes), never on the working tree directly,
so a release can be rebuilt from its own archive and compared byte for byte. names.py, store.py
and changelog.py stay light (no pyarrow, no daff): the site reads releases through them.
"""
