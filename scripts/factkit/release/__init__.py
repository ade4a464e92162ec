"""Versioned releases: the bump policy, row-level diffs, deterministic archives, exports, manifests
and the changelog. `scripts/release.py` is the command line over this package.

Everything here works on `Snapshot`s (a package's exact bytes), never on the working tree directly,
so a release can be rebuilt from its own archive and compared byte for byte.
"""
