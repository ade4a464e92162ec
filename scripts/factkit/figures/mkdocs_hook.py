"""MkDocs hook (mkdocs.yml `hooks:`) that inserts the figures into each page's final HTML, after
the search plugin has indexed the page (see factkit/figures/deferred.py for why).

MkDocs loads this file by path, not as part of the factkit package, so it puts scripts/ on
sys.path first.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from factkit.figures import deferred


def on_config(config):
    deferred.enable()
    return config


def on_post_page(output, page, config):
    return deferred.restore(output)


def on_post_build(config):
    deferred.disable()


def on_build_error(error):
    deferred.disable()
