"""The reference site: page models built from the loaded package (plan.py and one module per kind
of page), rendered by the autoescaping templates of core/markup.py, with the figures of
factkit.figures in their slots (figures.py), handed to MkDocs in memory by the one hook,
mkdocs_hook.py.

Nothing here writes into docs/: every generated page exists only inside a MkDocs build.
"""
